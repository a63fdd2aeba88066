#pragma once

#include <QSet>
#include <QString>

class QSyntaxHighlighter;
class QTextDocument;

namespace mltf::ui {

enum class Language { Yaml, Json, Shell, Python, Plain };

// The one entry point for coloured text: KSyntaxHighlighting when the build found it (MLTF_HAVE_KSYNTAXHIGHLIGHTING),
// else the built-in highlighters. Colours follow the application palette (light or dark).
class SyntaxHighlighting
{
public:
    // Attaches a highlighter for `language` to `document` (replacing an earlier one; the document owns it).
    // Plain attaches one too, so error lines still get underlined.
    static QSyntaxHighlighter *attach(QTextDocument *document, Language language);
    // "KSyntaxHighlighting" or "built-in".
    static QString backendName();
    // Lines (1-based) to underline as errors, e.g. from diagnostics. Re-highlights only when they changed.
    static void setErrorLines(QTextDocument *document, const QSet<int> &lines);
    // Re-reads the colours from the application palette (call on QEvent::PaletteChange).
    static void refreshTheme(QTextDocument *document);
    // By file name: *.json, *.yaml/*.yml/MLproject, *.sh/*.bash, *.py; Plain otherwise.
    static Language languageForFileName(const QString &fileName);
};

} // namespace mltf::ui
