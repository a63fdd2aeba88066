#pragma once

#include <QPalette>
#include <QTextCharFormat>

namespace mltf::ui {

// Text formats of the built-in highlighters, derived from a palette so dark themes stay readable.
struct HighlightTheme
{
    QTextCharFormat key;         // YAML/JSON keys, Python def/class names
    QTextCharFormat string;      // quoted and plain string values
    QTextCharFormat number;
    QTextCharFormat literal;     // true/false/null/None
    QTextCharFormat comment;
    QTextCharFormat anchor;      // YAML anchors, aliases, tags; Python decorators
    QTextCharFormat keyword;     // shell/Python keywords
    QTextCharFormat variable;    // $VAR, {placeholder}
    QTextCharFormat punctuation; // : , [ ] { } - |
    QColor errorColor;

    static bool isDark(const QPalette &palette);
    static HighlightTheme fromPalette(const QPalette &palette);
    // `format` with the wavy error underline added.
    QTextCharFormat withError(QTextCharFormat format) const;
};

} // namespace mltf::ui
