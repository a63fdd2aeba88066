#include "project/YamlScalar.h"

#include <QLocale>
#include <QRegularExpression>

namespace mltf::project {

namespace {

const QRegularExpression &boolPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"));
    return re;
}

const QRegularExpression &intPattern()
{
    static const QRegularExpression re(QStringLiteral("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
                                                      "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"));
    return re;
}

const QRegularExpression &floatPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
        "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"));
    return re;
}

bool isNullText(const QString &text)
{
    return text.isEmpty() || text == QLatin1String("~") || text == QLatin1String("null") ||
           text == QLatin1String("Null") || text == QLatin1String("NULL");
}

} // namespace

DocNode::ValueType YamlScalar::resolvePlain(const QString &text)
{
    using VT = DocNode::ValueType;
    if (isNullText(text))
        return VT::Null;
    if (boolPattern().match(text).hasMatch())
        return VT::Bool;
    if (intPattern().match(text).hasMatch())
        return VT::Int;
    if (floatPattern().match(text).hasMatch())
        return VT::Float;
    return VT::String;
}

DocNode::ValueType YamlScalar::resolveTagged(const QString &tag, const QString &text)
{
    using VT = DocNode::ValueType;
    if (tag.isEmpty() || tag == QLatin1String("?"))
        return resolvePlain(text);
    if (tag == QLatin1String("tag:yaml.org,2002:int"))
        return VT::Int;
    if (tag == QLatin1String("tag:yaml.org,2002:float"))
        return VT::Float;
    if (tag == QLatin1String("tag:yaml.org,2002:bool"))
        return VT::Bool;
    if (tag == QLatin1String("tag:yaml.org,2002:null"))
        return VT::Null;
    return VT::String;
}

bool YamlScalar::canBePlain(const QString &text)
{
    if (text.isEmpty() || text.front().isSpace() || text.back().isSpace())
        return false;
    static const QString indicators = QStringLiteral("#&*!|>'\"%@`,[]{}");
    const QChar first = text.front();
    if (indicators.contains(first))
        return false;
    if ((first == QLatin1Char('-') || first == QLatin1Char('?') || first == QLatin1Char(':')) &&
        (text.size() == 1 || text.at(1).isSpace()))
        return false;
    if (text.back() == QLatin1Char(':'))
        return false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QLatin1Char(',') || c == QLatin1Char('[') ||
            c == QLatin1Char(']') || c == QLatin1Char('{') || c == QLatin1Char('}'))
            return false;
        if (c == QLatin1Char(':') && i + 1 < text.size() && text.at(i + 1).isSpace())
            return false;
        if (c == QLatin1Char('#') && i > 0 && text.at(i - 1).isSpace())
            return false;
    }
    return true;
}

QString YamlScalar::pythonRepr(const QString &text)
{
    QString clean = text;
    clean.remove(QLatin1Char('_'));
    if (resolvePlain(text) == DocNode::ValueType::Int) {
        bool ok = false;
        const qlonglong v = clean.toLongLong(&ok, 0);
        return ok ? QString::number(v) : text;
    }
    bool ok = false;
    const double v = clean.toDouble(&ok);
    if (!ok)
        return text;
    QString repr = QString::number(v, 'g', QLocale::FloatingPointShortest);
    if (!repr.contains(QLatin1Char('.')) && !repr.contains(QLatin1Char('e')))
        repr += QLatin1String(".0");
    return repr;
}

QString YamlScalar::doubleQuoted(const QString &text)
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
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString YamlScalar::render(const QString &text, DocNode::Style style)
{
    switch (style) {
    case DocNode::Style::Plain:
        if (canBePlain(text))
            return text;
        break;
    case DocNode::Style::SingleQuoted:
        if (!text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r'))) {
            QString escaped = text;
            escaped.replace(QLatin1Char('\''), QLatin1String("''"));
            return QLatin1Char('\'') + escaped + QLatin1Char('\'');
        }
        break;
    case DocNode::Style::DoubleQuoted:
    case DocNode::Style::Block:
        break;
    }
    return doubleQuoted(text);
}

} // namespace mltf::project
