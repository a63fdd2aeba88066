#pragma once

#include "highlight/BuiltinHighlighter.h"

namespace mltf::ui {

// YAML: keys, quoted and plain scalars typed the way a YAML 1.1 safe loader reads them (numbers, booleans,
// null), comments, anchors/aliases/tags, flow collections and block scalars (| and >) spanning lines.
class YamlHighlighter : public BuiltinHighlighter
{
    Q_OBJECT
public:
    using BuiltinHighlighter::BuiltinHighlighter;

protected:
    void highlightLine(const QString &text) override;
};

} // namespace mltf::ui
