#include "highlight/JsonHighlighter.h"

namespace mltf::ui {

void JsonHighlighter::highlightLine(const QString &text)
{
    const int n = int(text.size());
    int i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('"')) {
            int j = i + 1;
            while (j < n && text.at(j) != QLatin1Char('"'))
                j += text.at(j) == QLatin1Char('\\') ? 2 : 1;
            j = qMin(j + 1, n);
            int k = j;
            while (k < n && text.at(k).isSpace())
                ++k;
            const bool isKey = k < n && text.at(k) == QLatin1Char(':');
            setFormat(i, j - i, isKey ? theme().key : theme().string);
            i = j;
            continue;
        }
        if (c.isDigit() || c == QLatin1Char('-')) {
            int j = i + 1;
            while (j < n && (text.at(j).isDigit() || QStringLiteral(".eE+-").contains(text.at(j))))
                ++j;
            setFormat(i, j - i, theme().number);
            i = j;
            continue;
        }
        if (c.isLetter()) {
            int j = i + 1;
            while (j < n && text.at(j).isLetter())
                ++j;
            const QString word = text.mid(i, j - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") || word == QLatin1String("null"))
                setFormat(i, j - i, theme().literal);
            i = j;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && text.at(i + 1) == QLatin1Char('/')) {
            setFormat(i, n - i, theme().comment);
            break;
        }
        if (QStringLiteral("{}[],:").contains(c))
            setFormat(i, 1, theme().punctuation);
        ++i;
    }
}

} // namespace mltf::ui
