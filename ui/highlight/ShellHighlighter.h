#pragma once

#include "highlight/BuiltinHighlighter.h"

namespace mltf::ui {

// Shell: comments, quoted strings (also across lines), $VARIABLES, keywords, operators and MLflow
// {placeholders}.
class ShellHighlighter : public BuiltinHighlighter
{
    Q_OBJECT
public:
    using BuiltinHighlighter::BuiltinHighlighter;

protected:
    void highlightLine(const QString &text) override;
};

} // namespace mltf::ui
