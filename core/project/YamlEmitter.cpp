#include "project/YamlEmitter.h"

#include "project/YamlScalar.h"

namespace mltf::project {

QByteArray YamlEmitter::write(const DocNode &root)
{
    if (root.isNull())
        return {};
    if (isInline(root))
        return (flowText(root) + QLatin1Char('\n')).toUtf8();
    return (blockText(root, 0) + QLatin1Char('\n')).toUtf8();
}

QString YamlEmitter::scalarText(const DocNode &scalar)
{
    if (scalar.isNull())
        return QStringLiteral("null");
    const DocNode::ValueType wanted = scalar.valueType();
    if (scalar.style == DocNode::Style::Plain) {
        // A plain scalar must read back as the same type (an explicit !!str 3.1 needs quotes once the tag goes).
        if (YamlScalar::canBePlain(scalar.scalar) && YamlScalar::resolvePlain(scalar.scalar) == wanted)
            return scalar.scalar;
        if (wanted != DocNode::ValueType::String && YamlScalar::canBePlain(scalar.scalar))
            return scalar.scalar;
        return YamlScalar::doubleQuoted(scalar.scalar);
    }
    return YamlScalar::render(scalar.scalar, scalar.style);
}

QString YamlEmitter::keyText(const DocNode &key)
{
    return key.isNull() ? QStringLiteral("null") : scalarText(key);
}

bool YamlEmitter::isInline(const DocNode &node)
{
    return node.isScalar() || node.isNull() || node.flow || node.values.empty();
}

QString YamlEmitter::flowText(const DocNode &node)
{
    switch (node.type) {
    case DocNode::Type::Null:
        return QStringLiteral("null");
    case DocNode::Type::Scalar:
        return scalarText(node);
    case DocNode::Type::Seq: {
        QStringList items;
        for (const DocNode &v : node.values)
            items << flowText(v);
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case DocNode::Type::Map: {
        QStringList entries;
        for (int i = 0; i < node.size(); ++i) {
            const DocNode &v = node.values[size_t(i)];
            // `{type path, default: x}`: a key with no value is written alone, as people do.
            const QString key = keyText(node.keys[size_t(i)]);
            entries << (v.isNull() ? key : key + QLatin1String(": ") + flowText(v));
        }
        return QLatin1Char('{') + entries.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

QString YamlEmitter::entryText(const DocNode &key, const DocNode &value, int indent)
{
    const QString pad(indent, QLatin1Char(' '));
    const QString head = pad + keyText(key) + QLatin1Char(':');
    if (value.isNull())
        return head;
    if (isInline(value))
        return head + QLatin1Char(' ') + flowText(value);
    return head + QLatin1Char('\n') + blockText(value, indent + 2);
}

QString YamlEmitter::itemText(const DocNode &item, int indent)
{
    const QString pad(indent, QLatin1Char(' '));
    if (isInline(item))
        return pad + QLatin1String("- ") + flowText(item);
    // The first line of a nested block goes on the dash line: "- key: value\n  key2: value2".
    const QString nested = blockText(item, indent + 2);
    return pad + QLatin1String("- ") + nested.mid(indent + 2);
}

QString YamlEmitter::blockText(const DocNode &node, int indent)
{
    QStringList lines;
    if (node.isMap()) {
        for (int i = 0; i < node.size(); ++i)
            lines << entryText(node.keys[size_t(i)], node.values[size_t(i)], indent);
    } else if (node.isSeq()) {
        for (const DocNode &v : node.values)
            lines << itemText(v, indent);
    } else {
        lines << QString(indent, QLatin1Char(' ')) + flowText(node);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace mltf::project
