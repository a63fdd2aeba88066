#pragma once

#include <QSet>

namespace mltf::ui {

// What every highlighter backend offers beyond QSyntaxHighlighter, so SyntaxHighlighting can drive either.
class DocumentHighlighter
{
public:
    virtual ~DocumentHighlighter() = default;
    virtual void setErrorLines(const QSet<int> &lines) = 0; // 1-based
    virtual void refreshTheme() = 0;
};

} // namespace mltf::ui
