#pragma once

#include "highlight/DocumentHighlighter.h"
#include "highlight/HighlightTheme.h"

#include <QSyntaxHighlighter>

namespace mltf::ui {

// Base of the built-in highlighters: keeps the palette theme and underlines error lines after the language
// rules ran. On its own it is the highlighter for plain text (error lines only).
class BuiltinHighlighter : public QSyntaxHighlighter, public DocumentHighlighter
{
    Q_OBJECT
public:
    explicit BuiltinHighlighter(QTextDocument *document);

    void setErrorLines(const QSet<int> &lines) override;
    void refreshTheme() override;

protected:
    void highlightBlock(const QString &text) final;
    // The language rules for one line; previousBlockState()/setCurrentBlockState() carry multi-line state.
    virtual void highlightLine(const QString &text);
    const HighlightTheme &theme() const { return m_theme; }

private:
    HighlightTheme m_theme;
    QSet<int> m_errorLines;
};

} // namespace mltf::ui
