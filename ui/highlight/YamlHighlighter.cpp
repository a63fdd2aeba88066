#include "highlight/YamlHighlighter.h"

#include <QRegularExpression>

namespace mltf::ui {

namespace {

// Block states: -1 normal; BlockScalarBase + n inside a block scalar whose parent line is indented by n.
constexpr int BlockScalarBase = 1000;

int leadingSpaces(const QString &text)
{
    int n = 0;
    while (n < text.size() && text.at(n) == QLatin1Char(' '))
        ++n;
    return n;
}

bool isFlowIndicator(QChar c)
{
    return c == QLatin1Char(',') || c == QLatin1Char('[') || c == QLatin1Char(']') || c == QLatin1Char('{') ||
           c == QLatin1Char('}');
}

// What PyYAML's safe loader (YAML 1.1) makes of a plain scalar.
enum class PlainKind { String, Number, Literal };

PlainKind classifyPlain(const QString &s)
{
    static const QRegularExpression literal(
        QStringLiteral("^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|"
                       "OFF)$"));
    static const QRegularExpression number(
        QStringLiteral("^[-+]?(\\.(inf|Inf|INF)|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|"
                       "\\.[0-9_]+([eE][-+]?[0-9]+)?)$|^\\.(nan|NaN|NAN)$"));
    if (literal.match(s).hasMatch())
        return PlainKind::Literal;
    if (number.match(s).hasMatch())
        return PlainKind::Number;
    return PlainKind::String;
}

} // namespace

void YamlHighlighter::highlightLine(const QString &text)
{
    const int n = int(text.size());
    const int indent = leadingSpaces(text);
    const int previous = previousBlockState();
    setCurrentBlockState(-1);
    if (previous >= BlockScalarBase) {
        const int parentIndent = previous - BlockScalarBase;
        if (text.trimmed().isEmpty() || indent > parentIndent) {
            setFormat(0, n, theme().string);
            setCurrentBlockState(previous);
            return;
        }
    }

    int i = 0;
    if ((text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("..."))) &&
        (n == 3 || text.at(3).isSpace())) {
        setFormat(0, 3, theme().punctuation);
        i = 3;
    }
    int flowDepth = 0;
    int lastStart = -1; // the last scalar, recoloured as a key when a ':' follows it
    int lastEnd = -1;
    while (i < n) {
        const QChar c = text.at(i);
        const bool atEnd = i + 1 >= n;
        const QChar next = atEnd ? QChar() : text.at(i + 1);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('#') && (i == 0 || text.at(i - 1).isSpace())) {
            setFormat(i, n - i, theme().comment);
            break;
        }
        if ((c == QLatin1Char('-') || c == QLatin1Char('?')) && flowDepth == 0 && (atEnd || next.isSpace())) {
            setFormat(i, 1, theme().punctuation);
            ++i;
            continue;
        }
        if (c == QLatin1Char(':') && (atEnd || next.isSpace() || (flowDepth > 0 && isFlowIndicator(next)))) {
            if (lastStart >= 0 && text.mid(lastEnd, i - lastEnd).trimmed().isEmpty())
                setFormat(lastStart, lastEnd - lastStart, theme().key);
            setFormat(i, 1, theme().punctuation);
            lastStart = -1;
            ++i;
            continue;
        }
        if (isFlowIndicator(c)) {
            if (c == QLatin1Char('[') || c == QLatin1Char('{'))
                ++flowDepth;
            else if (c != QLatin1Char(','))
                flowDepth = qMax(0, flowDepth - 1);
            setFormat(i, 1, theme().punctuation);
            ++i;
            continue;
        }
        if (c == QLatin1Char('&') || c == QLatin1Char('*') || c == QLatin1Char('!')) {
            int j = i + 1;
            while (j < n && !text.at(j).isSpace() && !isFlowIndicator(text.at(j)))
                ++j;
            setFormat(i, j - i, theme().anchor);
            i = j;
            continue;
        }
        if ((c == QLatin1Char('|') || c == QLatin1Char('>')) && flowDepth == 0) {
            int j = i + 1;
            while (j < n && (text.at(j).isDigit() || text.at(j) == QLatin1Char('+') || text.at(j) == QLatin1Char('-')))
                ++j;
            setFormat(i, j - i, theme().punctuation);
            setCurrentBlockState(BlockScalarBase + indent);
            i = j;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            int j = i + 1;
            while (j < n) {
                if (c == QLatin1Char('"') && text.at(j) == QLatin1Char('\\')) {
                    j += 2;
                    continue;
                }
                if (text.at(j) == c) {
                    if (c == QLatin1Char('\'') && j + 1 < n && text.at(j + 1) == c) { // '' escapes a quote
                        j += 2;
                        continue;
                    }
                    ++j;
                    break;
                }
                ++j;
            }
            j = qMin(j, n);
            setFormat(i, j - i, theme().string);
            lastStart = i;
            lastEnd = j;
            i = j;
            continue;
        }
        // A plain scalar: up to ": ", " #", or a flow indicator inside a flow collection.
        int j = i;
        while (j < n) {
            const QChar d = text.at(j);
            if (d == QLatin1Char(':') &&
                (j + 1 >= n || text.at(j + 1).isSpace() || (flowDepth > 0 && isFlowIndicator(text.at(j + 1)))))
                break;
            if (d == QLatin1Char('#') && text.at(j - 1).isSpace())
                break;
            if (flowDepth > 0 && isFlowIndicator(d))
                break;
            ++j;
        }
        j = qMax(j, i + 1); // always make progress
        int end = j;
        while (end > i && text.at(end - 1).isSpace())
            --end;
        switch (classifyPlain(text.mid(i, end - i))) {
        case PlainKind::Literal:
            setFormat(i, end - i, theme().literal);
            break;
        case PlainKind::Number:
            setFormat(i, end - i, theme().number);
            break;
        case PlainKind::String:
            setFormat(i, end - i, theme().string);
            break;
        }
        lastStart = i;
        lastEnd = end;
        i = j;
    }
}

} // namespace mltf::ui
