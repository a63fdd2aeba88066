#include "project/JsonDocumentParser.h"

#include "project/TextLocator.h"

namespace mltf::project {

namespace {

constexpr int maxDepth = 256;

class Parser
{
public:
    Parser(const QByteArray &text, ParsedDocument &out) : m_text(text), m_locator(text), m_out(out) {}

    // Returns false after reporting the first fatal error.
    bool parseDocument()
    {
        if (m_text.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        skipSpace();
        if (m_failed)
            return false;
        if (atEnd())
            return fail(m_pos, JsonDocumentParser::tr("The file is empty: a JSON object {...} is expected."));
        if (!parseValue(m_out.root, 0))
            return false;
        skipSpace();
        if (m_failed)
            return false;
        if (!atEnd())
            return fail(m_pos, JsonDocumentParser::tr("Unexpected text after the end of the JSON document."));
        return true;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }

    bool fail(int offset, const QString &message)
    {
        if (m_failed)
            return false;
        m_failed = true;
        m_out.diagnostics.append(diagnostic(offset, message, Diagnostic::Severity::Error));
        return false;
    }

    Diagnostic diagnostic(int offset, const QString &message, Diagnostic::Severity severity) const
    {
        Diagnostic d;
        d.severity = severity;
        const TextLocator::Position p = m_locator.locate(offset);
        d.line = p.line;
        d.column = p.column;
        d.message = message;
        return d;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else if (c == '/' && m_pos + 1 < m_text.size() &&
                       (m_text.at(m_pos + 1) == '/' || m_text.at(m_pos + 1) == '*')) {
                fail(m_pos, JsonDocumentParser::tr("JSON does not allow comments."));
                return;
            } else {
                return;
            }
        }
    }

    void place(DocNode &node, int start)
    {
        node.start = start;
        const TextLocator::Position p = m_locator.locate(start);
        node.line = p.line;
        node.column = p.column;
    }

    bool parseValue(DocNode &node, int depth)
    {
        if (depth > maxDepth)
            return fail(m_pos, JsonDocumentParser::tr("The JSON is nested too deeply."));
        const char c = peek();
        if (c == '{')
            return parseContainer(node, depth, true);
        if (c == '[')
            return parseContainer(node, depth, false);
        if (c == '"')
            return parseString(node);
        if (c == '\'')
            return fail(m_pos, JsonDocumentParser::tr("JSON strings need double quotes (\"), not single quotes."));
        if (c == '-' || (c >= '0' && c <= '9'))
            return parseNumber(node);
        for (const char *word : {"true", "false", "null"}) {
            if (m_text.mid(m_pos, int(qstrlen(word))) == word) {
                place(node, m_pos);
                m_pos += int(qstrlen(word));
                node.end = m_pos;
                if (word[0] == 'n') {
                    node.type = DocNode::Type::Null;
                } else {
                    node.type = DocNode::Type::Scalar;
                    node.scalar = QString::fromLatin1(word);
                    node.tag = QStringLiteral("tag:yaml.org,2002:bool");
                }
                return true;
            }
        }
        if (atEnd())
            return fail(m_pos, JsonDocumentParser::tr("Unexpected end of file: a value is missing."));
        return fail(m_pos, JsonDocumentParser::tr("A JSON value is expected here (a string in double quotes, a "
                                                  "number, true, false, null, an object or an array)."));
    }

    bool parseContainer(DocNode &node, int depth, bool isObject)
    {
        const int open = m_pos;
        const char close = isObject ? '}' : ']';
        node.type = isObject ? DocNode::Type::Map : DocNode::Type::Seq;
        place(node, open);
        ++m_pos;
        int lastComma = -1;
        for (;;) {
            skipSpace();
            if (m_failed)
                return false;
            if (atEnd()) {
                return fail(m_pos, isObject ? JsonDocumentParser::tr("Unexpected end of file: the object opened "
                                                                     "at line %1 is not closed with '}'.")
                                                  .arg(node.line)
                                            : JsonDocumentParser::tr("Unexpected end of file: the array opened "
                                                                     "at line %1 is not closed with ']'.")
                                                  .arg(node.line));
            }
            if (peek() == close) {
                if (lastComma >= 0) {
                    m_out.trailingCommas.append(lastComma);
                    Diagnostic d = diagnostic(
                        lastComma,
                        isObject ? JsonDocumentParser::tr("Trailing comma after the last member of the object: "
                                                          "JSON does not allow it (Python's json module "
                                                          "rejects the file). Remove the comma.")
                                 : JsonDocumentParser::tr("Trailing comma after the last item of the array: "
                                                          "JSON does not allow it (Python's json module "
                                                          "rejects the file). Remove the comma."),
                        Diagnostic::Severity::Error);
                    d.fixId = JsonDocumentParser::trailingCommaFix;
                    m_out.diagnostics.append(d);
                }
                ++m_pos;
                node.end = m_pos;
                return true;
            }
            if (node.size() > 0 && lastComma < 0) {
                const QString after = isObject ? node.keys.back().scalar : QString();
                return fail(m_pos, isObject ? JsonDocumentParser::tr("Expected ',' or '}' after the value of "
                                                                     "\"%1\".")
                                                  .arg(after)
                                            : JsonDocumentParser::tr("Expected ',' or ']' after an array item."));
            }
            if (isObject) {
                DocNode key;
                if (peek() != '"') {
                    return fail(m_pos, JsonDocumentParser::tr("Expected a member name in double quotes or '}'."));
                }
                if (!parseString(key))
                    return false;
                skipSpace();
                if (m_failed)
                    return false;
                if (peek() != ':')
                    return fail(m_pos, JsonDocumentParser::tr("Expected ':' after \"%1\".").arg(key.scalar));
                ++m_pos;
                skipSpace();
                if (m_failed)
                    return false;
                if (node.indexOf(key.scalar) >= 0) {
                    m_out.diagnostics.append(diagnostic(
                        key.start, JsonDocumentParser::tr("Duplicate key \"%1\": the last value is used.").arg(key.scalar),
                        Diagnostic::Severity::Warning));
                }
                DocNode value;
                if (!parseValue(value, depth + 1))
                    return false;
                node.keys.push_back(std::move(key));
                node.values.push_back(std::move(value));
            } else {
                DocNode value;
                if (!parseValue(value, depth + 1))
                    return false;
                node.values.push_back(std::move(value));
            }
            lastComma = -1;
            skipSpace();
            if (m_failed)
                return false;
            if (peek() == ',') {
                lastComma = m_pos;
                ++m_pos;
            }
        }
    }

    bool parseString(DocNode &node)
    {
        node.type = DocNode::Type::Scalar;
        node.style = DocNode::Style::DoubleQuoted;
        node.tag = QStringLiteral("!");
        place(node, m_pos);
        ++m_pos;
        QByteArray raw;
        QString decoded;
        auto flush = [&] {
            decoded += QString::fromUtf8(raw);
            raw.clear();
        };
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c == '"') {
                ++m_pos;
                flush();
                node.scalar = decoded;
                node.end = m_pos;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return fail(m_pos, c == '\n' ? JsonDocumentParser::tr("The string is not closed before the end of "
                                                                      "the line.")
                                             : JsonDocumentParser::tr("Control character in a string: write it "
                                                                      "as an escape (\\t, \\n, \\u0000)."));
            }
            if (c != '\\') {
                raw.append(c);
                ++m_pos;
                continue;
            }
            flush();
            const char e = m_pos + 1 < m_text.size() ? m_text.at(m_pos + 1) : '\0';
            m_pos += 2;
            switch (e) {
            case '"':
                decoded += QLatin1Char('"');
                break;
            case '\\':
                decoded += QLatin1Char('\\');
                break;
            case '/':
                decoded += QLatin1Char('/');
                break;
            case 'b':
                decoded += QChar(0x08);
                break;
            case 'f':
                decoded += QChar(0x0c);
                break;
            case 'n':
                decoded += QLatin1Char('\n');
                break;
            case 'r':
                decoded += QLatin1Char('\r');
                break;
            case 't':
                decoded += QLatin1Char('\t');
                break;
            case 'u': {
                bool ok = false;
                const uint code = m_text.mid(m_pos, 4).toUInt(&ok, 16);
                if (!ok || m_text.mid(m_pos, 4).size() != 4)
                    return fail(m_pos - 2, JsonDocumentParser::tr("Invalid \\u escape: four hex digits expected."));
                m_pos += 4;
                decoded += QChar(char16_t(code));
                break;
            }
            default:
                return fail(m_pos - 2, JsonDocumentParser::tr("Invalid escape sequence in a string."));
            }
        }
        return fail(node.start, JsonDocumentParser::tr("The string is not closed: a '\"' is missing."));
    }

    bool parseNumber(DocNode &node)
    {
        const int start = m_pos;
        place(node, start);
        auto digits = [&] {
            const int from = m_pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9')
                ++m_pos;
            return m_pos - from;
        };
        bool isFloat = false;
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            return fail(start, JsonDocumentParser::tr("Invalid number."));
        }
        if (peek() == '.') {
            ++m_pos;
            isFloat = true;
            if (digits() == 0)
                return fail(start, JsonDocumentParser::tr("Invalid number: digits expected after '.'."));
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            isFloat = true;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (digits() == 0)
                return fail(start, JsonDocumentParser::tr("Invalid number: digits expected in the exponent."));
        }
        if (!atEnd() && (QChar::fromLatin1(peek()).isLetterOrNumber() || peek() == '.'))
            return fail(start, JsonDocumentParser::tr("Invalid number."));
        node.type = DocNode::Type::Scalar;
        node.style = DocNode::Style::Plain;
        node.scalar = QString::fromLatin1(m_text.mid(start, m_pos - start));
        node.tag = isFloat ? QStringLiteral("tag:yaml.org,2002:float") : QStringLiteral("tag:yaml.org,2002:int");
        node.end = m_pos;
        return true;
    }

    const QByteArray &m_text;
    TextLocator m_locator;
    ParsedDocument &m_out;
    int m_pos = 0;
    bool m_failed = false;
};

} // namespace

ParsedDocument JsonDocumentParser::parse(const QByteArray &text)
{
    ParsedDocument result;
    Parser parser(text, result);
    result.ok = parser.parseDocument();
    if (!result.ok) {
        result.root = DocNode();
        result.trailingCommas.clear();
    }
    return result;
}

} // namespace mltf::project
