#include "project/JsonWriter.h"

#include <QRegularExpression>

namespace mltf::project {

QByteArray JsonWriter::write(const DocNode &root)
{
    return (valueText(root, 0) + QLatin1Char('\n')).toUtf8();
}

QString JsonWriter::quoted(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString JsonWriter::scalarText(const DocNode &node)
{
    static const QRegularExpression number(QStringLiteral("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"));
    switch (node.valueType()) {
    case DocNode::ValueType::Null:
        return QStringLiteral("null");
    case DocNode::ValueType::Bool: {
        const QString lower = node.scalar.toLower();
        return (lower == QLatin1String("true") || lower == QLatin1String("yes") || lower == QLatin1String("on"))
                   ? QStringLiteral("true")
                   : QStringLiteral("false");
    }
    case DocNode::ValueType::Int:
    case DocNode::ValueType::Float:
        if (number.match(node.scalar).hasMatch())
            return node.scalar;
        break;
    case DocNode::ValueType::String:
        break;
    }
    return quoted(node.scalar);
}

QString JsonWriter::valueText(const DocNode &node, int indent)
{
    const QString pad(indent + 2, QLatin1Char(' '));
    const QString closePad(indent, QLatin1Char(' '));
    switch (node.type) {
    case DocNode::Type::Null:
    case DocNode::Type::Scalar:
        return scalarText(node);
    case DocNode::Type::Seq: {
        if (node.values.empty())
            return QStringLiteral("[]");
        bool allScalars = true;
        QStringList items;
        for (const DocNode &v : node.values) {
            allScalars = allScalars && !v.isMap() && !v.isSeq();
            items << valueText(v, indent + 2);
        }
        if (allScalars)
            return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
        return QLatin1String("[\n") + pad + items.join(QLatin1String(",\n") + pad) + QLatin1Char('\n') + closePad +
               QLatin1Char(']');
    }
    case DocNode::Type::Map: {
        if (node.values.empty())
            return QStringLiteral("{}");
        QStringList members;
        for (int i = 0; i < node.size(); ++i)
            members << quoted(node.keyAt(i)) + QLatin1String(": ") + valueText(node.values[size_t(i)], indent + 2);
        return QLatin1String("{\n") + pad + members.join(QLatin1String(",\n") + pad) + QLatin1Char('\n') +
               closePad + QLatin1Char('}');
    }
    }
    return {};
}

} // namespace mltf::project
