#include "highlight/HighlightTheme.h"

namespace mltf::ui {

namespace {

QTextCharFormat colored(const QColor &color, bool italic = false, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (italic)
        format.setFontItalic(true);
    if (bold)
        format.setFontWeight(QFont::Bold);
    return format;
}

} // namespace

bool HighlightTheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

HighlightTheme HighlightTheme::fromPalette(const QPalette &palette)
{
    // Two hand-picked sets with enough contrast against a white resp. near-black base.
    const bool dark = isDark(palette);
    HighlightTheme t;
    t.key = colored(dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x0b, 0x4f, 0x9c));
    t.string = colored(dark ? QColor(0x9e, 0xd0, 0x7a) : QColor(0x1a, 0x7f, 0x37));
    t.number = colored(dark ? QColor(0xe0, 0xa8, 0x6c) : QColor(0xa0, 0x4f, 0x00));
    t.literal = colored(dark ? QColor(0xd6, 0x9b, 0xf0) : QColor(0x7a, 0x3e, 0x9d), false, true);
    t.comment = colored(dark ? QColor(0x9a, 0xa3, 0xad) : QColor(0x6a, 0x73, 0x7d), true);
    t.anchor = colored(dark ? QColor(0xff, 0x8a, 0xc0) : QColor(0xb0, 0x30, 0x6f));
    t.keyword = colored(dark ? QColor(0xf2, 0x8b, 0x82) : QColor(0xb3, 0x1d, 0x28), false, true);
    t.variable = colored(dark ? QColor(0x5f, 0xd7, 0xc4) : QColor(0x00, 0x76, 0x6f));
    QColor punct = palette.color(QPalette::Text);
    punct.setAlphaF(0.65f);
    t.punctuation = colored(punct);
    t.errorColor = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd0, 0x00, 0x00);
    return t;
}

QTextCharFormat HighlightTheme::withError(QTextCharFormat format) const
{
    format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    format.setUnderlineColor(errorColor);
    return format;
}

} // namespace mltf::ui
