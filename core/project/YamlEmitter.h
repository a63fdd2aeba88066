#pragma once

#include "project/DocNode.h"

#include <QByteArray>
#include <QString>

namespace mltf::project {

// Writes a DocNode tree as YAML with two-space indentation, block style except where a node asks for flow
// style, scalars in their recorded style when it still reads back the same (python: "3.10" stays quoted).
// Comments are not part of the tree: a full re-emit loses them (DocPatcher avoids re-emitting when it can).
class YamlEmitter
{
public:
    static QByteArray write(const DocNode &root);

    // One scalar as YAML text, honouring its style when that style reads back as the same value.
    static QString scalarText(const DocNode &scalar);
    // Inline text of a node (scalar, or a collection in flow style).
    static QString flowText(const DocNode &node);
    // `key: value` as lines starting at `indent` spaces; no trailing newline.
    static QString entryText(const DocNode &key, const DocNode &value, int indent);
    // `- item` as lines starting at `indent` spaces; no trailing newline.
    static QString itemText(const DocNode &item, int indent);

private:
    static bool isInline(const DocNode &node);
    static QString blockText(const DocNode &node, int indent);
    static QString keyText(const DocNode &key);
};

} // namespace mltf::project
