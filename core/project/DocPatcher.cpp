#include "project/DocPatcher.h"

#include "project/JsonWriter.h"
#include "project/YamlEmitter.h"
#include "project/YamlScalar.h"

#include <algorithm>

namespace mltf::project {

namespace {

class Differ
{
public:
    Differ(const QByteArray &text, DocPatcher::Format format) : m_text(text), m_format(format) {}

    bool walk(const DocNode &base, const DocNode &changed)
    {
        if (!changed.fromSource()) {
            if (changed.sameContent(base) && changed.type == base.type)
                return true;
            if ((base.isScalar() || base.isNull()) && (changed.isScalar() || changed.isNull()))
                return replaceScalar(base, changed);
            if (base.isScalar() || base.isNull())
                return replaceScalarByCollection(base, changed);
            return false;
        }
        if (changed.start != base.start || changed.type != base.type)
            return false;
        switch (base.type) {
        case DocNode::Type::Null:
        case DocNode::Type::Scalar:
            return changed.sameContent(base) || replaceScalar(base, changed);
        case DocNode::Type::Map:
            return walkCollection(base, changed, true);
        case DocNode::Type::Seq:
            return walkCollection(base, changed, false);
        }
        return false;
    }

    QList<DocPatcher::Edit> edits;

private:
    bool yaml() const { return m_format == DocPatcher::Format::Yaml; }

    void edit(int start, int end, const QString &text) { edits.append({start, end, text.toUtf8()}); }

    bool replaceScalar(const DocNode &base, const DocNode &changed)
    {
        if (base.shared || base.start < 0 || base.end < 0)
            return false;
        edit(base.start, base.end, scalarText(base, changed));
        return true;
    }

    // `beta: float` -> `beta: {type: float, default: 1.5}`: only an inline (flow) collection fits in YAML.
    bool replaceScalarByCollection(const DocNode &base, const DocNode &changed)
    {
        if (base.shared || base.start < 0 || base.end < 0)
            return false;
        if (yaml()) {
            if (!changed.flow && !changed.values.empty())
                return false;
            edit(base.start, base.end, YamlEmitter::flowText(changed));
            return true;
        }
        const int ls = lineStart(base.start);
        int indent = 0;
        while (ls + indent < base.start && m_text.at(ls + indent) == ' ')
            ++indent;
        edit(base.start, base.end, JsonWriter::valueText(changed, indent));
        return true;
    }

    // The new scalar in the quoting style the person used, when that style still reads back the same.
    QString scalarText(const DocNode &base, const DocNode &changed) const
    {
        if (!yaml())
            return JsonWriter::valueText(changed, 0);
        if (changed.isNull())
            return QStringLiteral("null");
        const DocNode::ValueType wanted = changed.valueType();
        if (base.isScalar()) {
            if ((base.style == DocNode::Style::DoubleQuoted || base.style == DocNode::Style::SingleQuoted) &&
                wanted == DocNode::ValueType::String)
                return YamlScalar::render(changed.scalar, base.style);
            if (base.style == DocNode::Style::Plain && YamlScalar::canBePlain(changed.scalar) &&
                YamlScalar::resolvePlain(changed.scalar) == wanted)
                return changed.scalar;
        }
        return YamlEmitter::scalarText(changed);
    }

    // Position of a kept child of `base` matching the source node `node`, or -1.
    static int baseIndexOf(const std::vector<DocNode> &list, const DocNode &node)
    {
        for (size_t i = 0; i < list.size(); ++i) {
            if (list[i].start == node.start)
                return int(i);
        }
        return -1;
    }

    bool walkCollection(const DocNode &base, const DocNode &changed, bool isMap)
    {
        // Identity of an entry: its key node (map) or its item node (seq).
        const std::vector<DocNode> &baseIds = isMap ? base.keys : base.values;
        const std::vector<DocNode> &changedIds = isMap ? changed.keys : changed.values;
        std::vector<int> matched(changedIds.size(), -1);
        std::vector<bool> kept(baseIds.size(), false);
        int previous = -1;
        for (size_t i = 0; i < changedIds.size(); ++i) {
            if (!changedIds[i].fromSource())
                continue;
            const int j = baseIndexOf(baseIds, changedIds[i]);
            if (j < 0 || j <= previous)
                return false; // moved or foreign: not a local edit
            matched[i] = j;
            kept[size_t(j)] = true;
            previous = j;
        }
        const bool structural = std::find(matched.begin(), matched.end(), -1) != matched.end() ||
                                std::find(kept.begin(), kept.end(), false) != kept.end();
        if (structural && (base.shared || previous < 0))
            return false;
        for (size_t i = 0; i < changedIds.size(); ++i) {
            if (matched[i] < 0)
                continue;
            if (!walk(base.values[size_t(matched[i])], changed.values[i]))
                return false;
        }
        for (size_t j = 0; j < kept.size(); ++j) {
            if (!kept[j] && !remove(base, int(j), isMap))
                return false;
        }
        // Fresh children go after the kept child before them, or before the first kept child.
        int anchor = -1;
        int firstKept = -1;
        for (size_t i = 0; i < matched.size(); ++i) {
            if (matched[i] >= 0 && firstKept < 0)
                firstKept = matched[i];
        }
        for (size_t i = 0; i < changedIds.size(); ++i) {
            if (matched[i] >= 0) {
                anchor = matched[i];
                continue;
            }
            const DocNode *key = isMap ? &changed.keys[i] : nullptr;
            if (anchor >= 0) {
                if (!insertAfter(base, anchor, key, changed.values[i], isMap))
                    return false;
            } else if (!insertBefore(base, firstKept, key, changed.values[i], isMap)) {
                return false;
            }
        }
        return true;
    }

    // --- text geometry -------------------------------------------------------------------------------

    int lineStart(int offset) const
    {
        while (offset > 0 && m_text.at(offset - 1) != '\n')
            --offset;
        return offset;
    }

    int lineEnd(int offset) const
    {
        while (offset < m_text.size() && m_text.at(offset) != '\n')
            ++offset;
        return offset;
    }

    bool onlySpacesBetween(int from, int to) const
    {
        for (int i = from; i < to; ++i) {
            if (m_text.at(i) != ' ')
                return false;
        }
        return true;
    }

    // True when nothing but blanks or a comment follows `offset` on its line.
    bool lineEndsAfter(int offset) const
    {
        for (int i = offset; i < m_text.size() && m_text.at(i) != '\n'; ++i) {
            const char c = m_text.at(i);
            if (c == '#' && (yaml() && (i == offset || m_text.at(i - 1) == ' ' || m_text.at(i - 1) == '\t')))
                return true;
            if (c != ' ' && c != '\t' && c != '\r')
                return false;
        }
        return true;
    }

    // Where a node's text ends, -1 when unknown.
    int endOf(const DocNode &node) const
    {
        if (node.end >= 0)
            return node.end;
        if (node.isScalar() || node.isNull() || node.start < 0)
            return -1;
        int last = node.start + 1;
        if (!node.values.empty()) {
            last = node.isMap() ? entryEnd(node, node.size() - 1) : endOf(node.values.back());
            if (last < 0)
                return -1;
        }
        if (!node.flow)
            return node.values.empty() ? -1 : last;
        // A YAML flow collection: find its closing bracket.
        const char close = node.isMap() ? '}' : ']';
        for (int i = last; i < m_text.size(); ++i) {
            const char c = m_text.at(i);
            if (c == close)
                return i + 1;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',')
                return -1;
        }
        return -1;
    }

    // End of a map entry: its value, or the ':' after the key when the value is empty.
    int entryEnd(const DocNode &map, int index) const
    {
        const DocNode &value = map.values[size_t(index)];
        if (!(value.isNull() && value.end < 0))
            return endOf(value);
        const DocNode &key = map.keys[size_t(index)];
        if (key.end < 0)
            return -1;
        int i = key.end;
        while (i < m_text.size() && (m_text.at(i) == ' ' || m_text.at(i) == '\t'))
            ++i;
        if (i < m_text.size() && m_text.at(i) == ':')
            return i + 1;
        return map.flow ? key.end : -1;
    }

    int childStart(const DocNode &base, int index, bool isMap) const
    {
        return isMap ? base.keys[size_t(index)].start : base.values[size_t(index)].start;
    }

    int childEnd(const DocNode &base, int index, bool isMap) const
    {
        return isMap ? entryEnd(base, index) : endOf(base.values[size_t(index)]);
    }

    // Where a block child starts its line: the key itself, or the "- " of an item. -1 when not on its own line.
    int blockLineOf(const DocNode &base, int index, bool isMap) const
    {
        const int start = childStart(base, index, isMap);
        if (start < 0)
            return -1;
        const int ls = lineStart(start);
        if (isMap)
            return onlySpacesBetween(ls, start) ? ls : -1;
        int dash = start - 1;
        while (dash >= ls && m_text.at(dash) == ' ')
            --dash;
        if (dash < ls || m_text.at(dash) != '-' || !onlySpacesBetween(ls, dash))
            return -1;
        return ls;
    }

    QString childText(const DocNode *key, const DocNode &value, bool isMap, int indent, bool flow) const
    {
        if (!yaml()) {
            const QString v = JsonWriter::valueText(value, indent);
            return isMap ? JsonWriter::quoted(key->scalar) + QLatin1String(": ") + v : v;
        }
        if (flow) {
            if (!isMap)
                return YamlEmitter::flowText(value);
            const QString k = YamlEmitter::flowText(*key);
            return value.isNull() ? k : k + QLatin1String(": ") + YamlEmitter::flowText(value);
        }
        return isMap ? YamlEmitter::entryText(*key, value, indent) : YamlEmitter::itemText(value, indent);
    }

    // Indentation (spaces) of the line a JSON child starts on, and whether the container is one line.
    int jsonIndent(const DocNode &base, int index, bool isMap, bool *sameLine) const
    {
        const int start = childStart(base, index, isMap);
        const int ls = lineStart(start);
        *sameLine = ls <= base.start;
        int i = ls;
        while (i < start && m_text.at(i) == ' ')
            ++i;
        return i - ls;
    }

    // --- edits ---------------------------------------------------------------------------------------

    bool remove(const DocNode &base, int index, bool isMap)
    {
        const int start = childStart(base, index, isMap);
        const int end = childEnd(base, index, isMap);
        if (start < 0 || end < 0)
            return false;
        if (yaml() && !base.flow) {
            const int ls = blockLineOf(base, index, isMap);
            if (ls < 0 || !lineEndsAfter(end))
                return false;
            const int le = lineEnd(end);
            edit(ls, le < m_text.size() ? le + 1 : le, QString());
            return true;
        }
        // Flow YAML and JSON: take the separator with the child.
        if (index + 1 < base.size()) {
            const int next = childStart(base, index + 1, isMap);
            if (next < 0)
                return false;
            edit(start, next, QString());
        } else if (index > 0) {
            const int previousEnd = childEnd(base, index - 1, isMap);
            if (previousEnd < 0)
                return false;
            edit(previousEnd, end, QString());
        } else {
            edit(start, end, QString());
        }
        return true;
    }

    bool insertAfter(const DocNode &base, int index, const DocNode *key, const DocNode &value, bool isMap)
    {
        const int end = childEnd(base, index, isMap);
        if (end < 0)
            return false;
        if (yaml() && !base.flow) {
            const int ls = blockLineOf(base, index, isMap);
            if (ls < 0 || !lineEndsAfter(end))
                return false;
            const int indent = blockIndent(ls);
            edit(lineEnd(end), lineEnd(end), QLatin1Char('\n') + childText(key, value, isMap, indent, false));
            return true;
        }
        if (yaml()) {
            edit(end, end, QLatin1String(", ") + childText(key, value, isMap, 0, true));
            return true;
        }
        bool sameLine = false;
        const int indent = jsonIndent(base, index, isMap, &sameLine);
        const QString separator = sameLine ? QStringLiteral(", ") : QLatin1String(",\n") + QString(indent, ' ');
        edit(end, end, separator + childText(key, value, isMap, indent, false));
        return true;
    }

    bool insertBefore(const DocNode &base, int index, const DocNode *key, const DocNode &value, bool isMap)
    {
        if (index < 0)
            return false;
        const int start = childStart(base, index, isMap);
        if (start < 0)
            return false;
        if (yaml() && !base.flow) {
            const int ls = blockLineOf(base, index, isMap);
            if (ls < 0)
                return false;
            const int indent = blockIndent(ls);
            edit(ls, ls, childText(key, value, isMap, indent, false) + QLatin1Char('\n'));
            return true;
        }
        if (yaml()) {
            edit(start, start, childText(key, value, isMap, 0, true) + QLatin1String(", "));
            return true;
        }
        bool sameLine = false;
        const int indent = jsonIndent(base, index, isMap, &sameLine);
        const QString separator = sameLine ? QStringLiteral(", ") : QLatin1String(",\n") + QString(indent, ' ');
        edit(start, start, childText(key, value, isMap, indent, false) + separator);
        return true;
    }

    // Spaces before a block child: up to the key, or up to the "-" of an item.
    int blockIndent(int lineStartOffset) const
    {
        int i = lineStartOffset;
        while (i < m_text.size() && m_text.at(i) == ' ')
            ++i;
        return i - lineStartOffset;
    }

    const QByteArray &m_text;
    DocPatcher::Format m_format;
};

} // namespace

std::optional<QList<DocPatcher::Edit>> DocPatcher::diff(const QByteArray &text, const DocNode &base,
                                                        const DocNode &changed, Format format)
{
    Differ differ(text, format);
    if (!differ.walk(base, changed))
        return std::nullopt;
    // Overlapping edits would mean a node was both replaced and edited inside: not a local change.
    QList<Edit> edits = differ.edits;
    std::sort(edits.begin(), edits.end(),
              [](const Edit &a, const Edit &b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
    for (int i = 1; i < edits.size(); ++i) {
        if (edits.at(i).start < edits.at(i - 1).end)
            return std::nullopt;
    }
    return edits;
}

QByteArray DocPatcher::apply(const QByteArray &text, QList<Edit> edits)
{
    // Back to front so earlier offsets stay valid; at one offset, replace before inserting.
    std::stable_sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) {
        if (a.start != b.start)
            return a.start > b.start;
        return (a.end - a.start) > (b.end - b.start);
    });
    QByteArray out = text;
    for (const Edit &e : edits)
        out.replace(e.start, e.end - e.start, e.text);
    return out;
}

} // namespace mltf::project
