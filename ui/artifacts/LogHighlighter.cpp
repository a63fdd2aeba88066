#include "artifacts/LogHighlighter.h"

#include "highlight/HighlightTheme.h"

#include <QApplication>
#include <QRegularExpression>

namespace mltf::ui {

LogHighlighter::LogHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{}

void LogHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression error(
        QStringLiteral("\\b(ERROR|CRITICAL|FATAL|Traceback|Exception|Error:)"));
    static const QRegularExpression warning(QStringLiteral("\\b(WARN|WARNING)\\b"));
    static const QRegularExpression stamp(QStringLiteral(
        "^\\[?\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?\\]?|\\b(INFO|DEBUG)\\b"));
    const HighlightTheme theme = HighlightTheme::fromPalette(QApplication::palette());
    if (error.match(text).hasMatch()) {
        QTextCharFormat f;
        f.setForeground(theme.errorColor);
        setFormat(0, int(text.size()), f);
        return;
    }
    if (warning.match(text).hasMatch()) {
        QTextCharFormat f;
        f.setForeground(HighlightTheme::isDark(QApplication::palette()) ? QColor(0xe5, 0xb5, 0x67)
                                                                        : QColor(0xa0, 0x60, 0x00));
        setFormat(0, int(text.size()), f);
        return;
    }
    auto it = stamp.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), theme.comment);
    }
}

} // namespace mltf::ui
