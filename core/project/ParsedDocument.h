#pragma once

#include "project/Diagnostic.h"
#include "project/DocNode.h"

#include <QVector>

namespace mltf::project {

// The result of parsing one YAML or JSON file: the tree, the syntax findings, and whether the tree can be
// trusted (ok == false: the file must not be overwritten).
struct ParsedDocument
{
    DocNode root;
    Diagnostics diagnostics; // `file` left empty: the caller knows the file
    bool ok = false;
    QVector<int> trailingCommas; // JSON read leniently: byte offsets of commas before '}' or ']'
};

} // namespace mltf::project
