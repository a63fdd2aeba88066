#pragma once

#include "highlight/BuiltinHighlighter.h"

namespace mltf::ui {

// Python (a minimal set for artifact previews): keywords, True/False/None, strings with prefixes and triple
// quotes across lines, numbers, comments, decorators and def/class names.
class PythonHighlighter : public BuiltinHighlighter
{
    Q_OBJECT
public:
    using BuiltinHighlighter::BuiltinHighlighter;

protected:
    void highlightLine(const QString &text) override;
};

} // namespace mltf::ui
