#include "project/DocNode.h"

#include "project/YamlScalar.h"

namespace mltf::project {

DocNode DocNode::makeNull()
{
    return DocNode();
}

DocNode DocNode::makeScalar(const QString &text, Style style)
{
    DocNode n;
    n.type = Type::Scalar;
    n.scalar = text;
    n.style = style;
    n.tag = style == Style::Plain ? QStringLiteral("?") : QStringLiteral("!");
    return n;
}

DocNode DocNode::makeString(const QString &text)
{
    const bool plain = YamlScalar::canBePlain(text) && YamlScalar::resolvePlain(text) == ValueType::String;
    return makeScalar(text, plain ? Style::Plain : Style::DoubleQuoted);
}

DocNode DocNode::makeMap(bool flow)
{
    DocNode n;
    n.type = Type::Map;
    n.flow = flow;
    return n;
}

DocNode DocNode::makeSeq(bool flow)
{
    DocNode n;
    n.type = Type::Seq;
    n.flow = flow;
    return n;
}

DocNode DocNode::makeStringSeq(const QStringList &items, bool flow)
{
    DocNode n = makeSeq(flow);
    for (const QString &item : items)
        n.values.push_back(makeString(item));
    return n;
}

DocNode::ValueType DocNode::valueType() const
{
    switch (type) {
    case Type::Null:
        return ValueType::Null;
    case Type::Map:
    case Type::Seq:
        return ValueType::String; // not a scalar; callers check type first
    case Type::Scalar:
        break;
    }
    if (style != Style::Plain)
        return ValueType::String;
    return YamlScalar::resolveTagged(tag, scalar);
}

int DocNode::indexOf(const QString &key) const
{
    // The last occurrence wins, as in PyYAML (duplicates are diagnosed by the parser).
    for (int i = int(keys.size()) - 1; i >= 0; --i) {
        if (keys[size_t(i)].scalar == key && keys[size_t(i)].isScalar())
            return i;
    }
    return -1;
}

const DocNode *DocNode::get(const QString &key) const
{
    const int i = indexOf(key);
    return i < 0 ? nullptr : &values[size_t(i)];
}

DocNode *DocNode::get(const QString &key)
{
    const int i = indexOf(key);
    return i < 0 ? nullptr : &values[size_t(i)];
}

void DocNode::set(const QString &key, const DocNode &value)
{
    if (DocNode *existing = get(key)) {
        *existing = value;
        return;
    }
    keys.push_back(makeString(key));
    values.push_back(value);
}

void DocNode::remove(const QString &key)
{
    for (int i = int(keys.size()) - 1; i >= 0; --i) {
        if (keys[size_t(i)].scalar == key) {
            keys.erase(keys.begin() + i);
            values.erase(values.begin() + i);
        }
    }
}

const DocNode *DocNode::find(const QString &path, bool wantKey) const
{
    const QStringList segments = path.split(QLatin1Char('.'));
    const DocNode *node = this;
    for (int s = 0; s < segments.size(); ++s) {
        const QString &segment = segments.at(s);
        const bool last = s == segments.size() - 1;
        if (node->isMap()) {
            const int i = node->indexOf(segment);
            if (i < 0)
                return nullptr;
            if (last && wantKey)
                return &node->keys[size_t(i)];
            node = &node->values[size_t(i)];
        } else if (node->isSeq()) {
            bool isIndex = false;
            const int i = segment.toInt(&isIndex);
            if (!isIndex || i < 0 || i >= node->size())
                return nullptr;
            node = &node->values[size_t(i)];
        } else {
            return nullptr;
        }
    }
    return node;
}

QStringList DocNode::scalarList() const
{
    QStringList out;
    if (!isSeq())
        return out;
    for (const DocNode &v : values) {
        if (v.isScalar())
            out << v.scalar;
    }
    return out;
}

bool DocNode::sameContent(const DocNode &o) const
{
    if (type != o.type || keys.size() != o.keys.size() || values.size() != o.values.size())
        return false;
    if (type == Type::Scalar && (scalar != o.scalar || valueType() != o.valueType()))
        return false;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (!keys[i].sameContent(o.keys[i]))
            return false;
    }
    for (size_t i = 0; i < values.size(); ++i) {
        if (!values[i].sameContent(o.values[i]))
            return false;
    }
    return true;
}

} // namespace mltf::project
