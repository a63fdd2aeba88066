#pragma once

#include "highlight/BuiltinHighlighter.h"

namespace mltf::ui {

// JSON: keys, strings, numbers, true/false/null and punctuation (// comments too, leniently).
class JsonHighlighter : public BuiltinHighlighter
{
    Q_OBJECT
public:
    using BuiltinHighlighter::BuiltinHighlighter;

protected:
    void highlightLine(const QString &text) override;
};

} // namespace mltf::ui
