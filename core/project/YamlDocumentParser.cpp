#include "project/YamlDocumentParser.h"

#include "project/TextLocator.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

namespace mltf::project {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isBreak(char c)
{
    return c == '\n' || c == '\r';
}

void markShared(DocNode &node)
{
    node.shared = true;
    for (DocNode &k : node.keys)
        markShared(k);
    for (DocNode &v : node.values)
        markShared(v);
}

// Builds the DocNode tree from yaml-cpp events, measuring each scalar in the source text.
class TreeBuilder : public YAML::EventHandler
{
public:
    TreeBuilder(const QByteArray &text, int bomOffset, Diagnostics &diagnostics)
        : m_text(text), m_bom(bomOffset), m_locator(text), m_diagnostics(diagnostics)
    {
    }

    bool started = false;
    DocNode root;

    void OnDocumentStart(const YAML::Mark &) override { started = true; }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        DocNode n;
        place(n, mark);
        if (n.start >= 0) {
            const QByteArray rest = m_text.mid(n.start, 4);
            if (rest.startsWith('~'))
                n.end = n.start + 1;
            else if (rest == "null" || rest == "Null" || rest == "NULL")
                n.end = n.start + 4;
            else
                n.start = -1; // an empty value: its mark is the next token
        }
        complete(std::move(n), anchor);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        auto it = m_anchors.find(anchor);
        DocNode n = it != m_anchors.end() ? it->second : DocNode();
        markShared(n);
        const TextLocator::Position p = m_locator.locate(mark.pos + m_bom);
        n.line = p.line;
        n.column = p.column;
        complete(std::move(n), 0);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        DocNode n;
        n.type = DocNode::Type::Scalar;
        n.scalar = QString::fromStdString(value);
        n.tag = QString::fromStdString(tag);
        place(n, mark);
        measureScalar(n);
        complete(std::move(n), anchor);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override
    {
        openCollection(DocNode::Type::Seq, mark, tag, anchor, style);
    }
    void OnSequenceEnd() override { closeCollection(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override
    {
        openCollection(DocNode::Type::Map, mark, tag, anchor, style);
    }
    void OnMapEnd() override
    {
        resolveMergeKeys(m_stack.back().node);
        closeCollection();
    }

private:
    struct Frame
    {
        DocNode node;
        YAML::anchor_t anchor = 0;
        bool haveKey = false;
        DocNode key;
    };

    // Positions a node at its content, after any `&anchor` / `!tag` properties yaml-cpp's mark points at.
    void place(DocNode &n, const YAML::Mark &mark)
    {
        if (mark.pos < 0)
            return;
        int pos = mark.pos + m_bom;
        while (pos < m_text.size() && (m_text.at(pos) == '&' || m_text.at(pos) == '!')) {
            while (pos < m_text.size() && !isBlank(m_text.at(pos)) && !isBreak(m_text.at(pos)))
                ++pos;
            while (pos < m_text.size() && (isBlank(m_text.at(pos)) || isBreak(m_text.at(pos))))
                ++pos;
        }
        n.start = pos;
        const TextLocator::Position p = m_locator.locate(pos);
        n.line = p.line;
        n.column = p.column;
    }

    bool inFlow() const { return !m_stack.empty() && m_stack.back().node.flow; }

    // Finds the scalar's style and, when it can be located exactly, where its text ends.
    void measureScalar(DocNode &n)
    {
        if (n.start < 0 || n.start >= m_text.size())
            return;
        const char first = m_text.at(n.start);
        const bool plainTag = n.tag == QLatin1String("?");
        if (!plainTag && first == '"') {
            n.style = DocNode::Style::DoubleQuoted;
            for (int i = n.start + 1; i < m_text.size(); ++i) {
                if (m_text.at(i) == '\\') {
                    ++i;
                } else if (m_text.at(i) == '"') {
                    n.end = i + 1;
                    break;
                }
            }
            return;
        }
        if (!plainTag && first == '\'') {
            n.style = DocNode::Style::SingleQuoted;
            for (int i = n.start + 1; i < m_text.size(); ++i) {
                if (m_text.at(i) != '\'')
                    continue;
                if (i + 1 < m_text.size() && m_text.at(i + 1) == '\'') {
                    ++i;
                    continue;
                }
                n.end = i + 1;
                break;
            }
            return;
        }
        if (!plainTag && (first == '|' || first == '>')) {
            n.style = DocNode::Style::Block;
            return;
        }
        n.style = DocNode::Style::Plain;
        const bool flow = inFlow();
        int i = n.start;
        for (; i < m_text.size(); ++i) {
            const char c = m_text.at(i);
            if (isBreak(c))
                break;
            const char next = i + 1 < m_text.size() ? m_text.at(i + 1) : '\n';
            if (c == '#' && i > n.start && isBlank(m_text.at(i - 1)))
                break;
            if (c == ':' && (isBlank(next) || isBreak(next) || (flow && QByteArray(",[]{}").contains(next))))
                break;
            if (flow && QByteArray(",[]{}").contains(c))
                break;
        }
        while (i > n.start && isBlank(m_text.at(i - 1)))
            --i;
        // A plain scalar folded over several lines does not match its first line: leave its end unknown.
        if (QString::fromUtf8(m_text.mid(n.start, i - n.start)) == n.scalar)
            n.end = i;
    }

    void openCollection(DocNode::Type type, const YAML::Mark &mark, const std::string &tag,
                        YAML::anchor_t anchor, YAML::EmitterStyle::value style)
    {
        Frame f;
        f.node.type = type;
        f.node.tag = QString::fromStdString(tag);
        f.node.flow = style == YAML::EmitterStyle::Flow;
        f.anchor = anchor;
        place(f.node, mark);
        m_stack.push_back(std::move(f));
    }

    void closeCollection()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        complete(std::move(f.node), f.anchor);
    }

    void complete(DocNode n, YAML::anchor_t anchor)
    {
        if (anchor != 0) {
            markShared(n);
            m_anchors[anchor] = n;
        }
        if (m_stack.empty()) {
            root = std::move(n);
            return;
        }
        Frame &parent = m_stack.back();
        if (parent.node.isSeq()) {
            parent.node.values.push_back(std::move(n));
        } else if (!parent.haveKey) {
            parent.key = std::move(n);
            parent.haveKey = true;
        } else {
            parent.haveKey = false;
            if (parent.key.isScalar() && parent.key.scalar != QLatin1String("<<") &&
                parent.node.indexOf(parent.key.scalar) >= 0) {
                report(Diagnostic::Severity::Warning, parent.key,
                       YamlDocumentParser::tr("Duplicate key \"%1\": the last value is used.")
                           .arg(parent.key.scalar));
            }
            parent.node.keys.push_back(std::move(parent.key));
            parent.node.values.push_back(std::move(n));
            parent.key = DocNode();
        }
    }

    // `<<: *base` or `<<: [*a, *b]`: copy the entries the map does not define itself (YAML merge key).
    void resolveMergeKeys(DocNode &map)
    {
        for (int i = 0; i < map.size();) {
            const DocNode &key = map.keys[size_t(i)];
            if (!(key.isScalar() && key.scalar == QLatin1String("<<") && key.style == DocNode::Style::Plain)) {
                ++i;
                continue;
            }
            const DocNode key0 = key;
            const DocNode source = map.values[size_t(i)];
            map.keys.erase(map.keys.begin() + i);
            map.values.erase(map.values.begin() + i);
            std::vector<DocNode> sources;
            if (source.isMap())
                sources.push_back(source);
            else if (source.isSeq())
                sources = source.values;
            for (const DocNode &s : sources) {
                if (!s.isMap()) {
                    report(Diagnostic::Severity::Error, key0,
                           YamlDocumentParser::tr("The merge key << needs a mapping or a list of mappings."));
                    continue;
                }
                for (int k = 0; k < s.size(); ++k) {
                    if (map.indexOf(s.keyAt(k)) >= 0)
                        continue;
                    DocNode mergedKey = s.keys[size_t(k)];
                    DocNode mergedValue = s.values[size_t(k)];
                    markShared(mergedKey);
                    markShared(mergedValue);
                    map.keys.push_back(std::move(mergedKey));
                    map.values.push_back(std::move(mergedValue));
                }
            }
            if (sources.empty()) {
                report(Diagnostic::Severity::Error, key0,
                       YamlDocumentParser::tr("The merge key << needs a mapping or a list of mappings."));
            }
        }
    }

    void report(Diagnostic::Severity severity, const DocNode &at, const QString &message)
    {
        Diagnostic d;
        d.severity = severity;
        d.line = at.line;
        d.column = at.column;
        d.message = message;
        m_diagnostics.append(d);
    }

    const QByteArray &m_text;
    int m_bom;
    TextLocator m_locator;
    Diagnostics &m_diagnostics;
    std::vector<Frame> m_stack;
    std::map<YAML::anchor_t, DocNode> m_anchors;
};

// Sees whether the stream holds another document, without keeping it.
class DocumentCounter : public YAML::EventHandler
{
public:
    bool started = false;
    YAML::Mark mark;
    void OnDocumentStart(const YAML::Mark &m) override
    {
        started = true;
        mark = m;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

QString capitalised(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

} // namespace

ParsedDocument YamlDocumentParser::parse(const QByteArray &text)
{
    ParsedDocument result;
    const int bom = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const TextLocator locator(text);
    std::istringstream stream(text.toStdString());
    try {
        YAML::Parser parser(stream);
        TreeBuilder builder(text, bom, result.diagnostics);
        parser.HandleNextDocument(builder);
        result.root = std::move(builder.root);
        DocumentCounter counter;
        parser.HandleNextDocument(counter);
        if (counter.started) {
            Diagnostic d;
            d.severity = Diagnostic::Severity::Error;
            const TextLocator::Position p = locator.locate(counter.mark.pos + bom);
            d.line = p.line;
            d.column = p.column;
            d.message = tr("The file holds more than one YAML document (---): MLflow reads a single document.");
            result.diagnostics.append(d);
        }
        result.ok = true;
    } catch (const YAML::Exception &e) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::Error;
        if (!e.mark.is_null()) {
            const TextLocator::Position p = locator.locate(e.mark.pos + bom);
            d.line = p.line;
            d.column = p.column;
        }
        d.message = tr("YAML syntax error: %1.").arg(capitalised(QString::fromStdString(e.msg)));
        result.diagnostics.append(d);
        result.root = DocNode();
        result.ok = false;
    } catch (const std::exception &e) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::Error;
        d.message = tr("The YAML could not be read: %1").arg(QString::fromLocal8Bit(e.what()));
        result.diagnostics.append(d);
        result.root = DocNode();
        result.ok = false;
    }
    return result;
}

} // namespace mltf::project
