#include "highlight/BuiltinHighlighter.h"

#include <QGuiApplication>

namespace mltf::ui {

BuiltinHighlighter::BuiltinHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document), m_theme(HighlightTheme::fromPalette(QGuiApplication::palette()))
{
}

void BuiltinHighlighter::setErrorLines(const QSet<int> &lines)
{
    if (lines == m_errorLines)
        return;
    m_errorLines = lines;
    rehighlight();
}

void BuiltinHighlighter::refreshTheme()
{
    m_theme = HighlightTheme::fromPalette(QGuiApplication::palette());
    rehighlight();
}

void BuiltinHighlighter::highlightBlock(const QString &text)
{
    highlightLine(text);
    if (!m_errorLines.contains(currentBlock().blockNumber() + 1))
        return;
    // Merge the underline into whatever the language rules set, one run of equal formats at a time.
    int start = 0;
    while (start < text.size() && text.at(start).isSpace())
        ++start;
    while (start < text.size()) {
        const QTextCharFormat runFormat = format(start);
        int end = start + 1;
        while (end < text.size() && format(end) == runFormat)
            ++end;
        setFormat(start, end - start, m_theme.withError(runFormat));
        start = end;
    }
}

void BuiltinHighlighter::highlightLine(const QString &text)
{
    Q_UNUSED(text)
}

} // namespace mltf::ui
