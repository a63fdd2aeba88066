#pragma once

// Only built when CMake found KF6 SyntaxHighlighting (MLTF_HAVE_KSYNTAXHIGHLIGHTING).
#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING

#include "highlight/DocumentHighlighter.h"
#include "highlight/SyntaxHighlighting.h"

#include <KSyntaxHighlighting/SyntaxHighlighter>

namespace mltf::ui {

// KSyntaxHighlighting's highlighter with the definition for a Language, a light or dark theme from the
// palette, and error lines underlined on top.
class KSyntaxHighlighter : public KSyntaxHighlighting::SyntaxHighlighter, public DocumentHighlighter
{
public:
    KSyntaxHighlighter(QTextDocument *document, Language language);

    void setErrorLines(const QSet<int> &lines) override;
    void refreshTheme() override;

protected:
    void highlightBlock(const QString &text) override;

private:
    QSet<int> m_errorLines;
};

} // namespace mltf::ui

#endif
