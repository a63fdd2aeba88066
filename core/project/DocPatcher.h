#pragma once

#include "project/DocNode.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace mltf::project {

// Turns a change of a document tree into minimal edits of its original text, so comments, blank lines,
// quoting and indentation outside the changed values survive a save. Handles changed scalars, entries and
// items added next to kept ones, and removed single entries/items; anything else (a reordered map, a node
// shared through an anchor, a folded multi-line scalar) gives nullopt and the caller re-emits the file.
// Nodes of `changed` that come from the source (start >= 0) must be the base's own nodes, in base order.
class DocPatcher
{
public:
    enum class Format { Yaml, Json };

    struct Edit
    {
        int start = 0; // byte range of the original text to replace
        int end = 0;
        QByteArray text;
    };

    static std::optional<QList<Edit>> diff(const QByteArray &text, const DocNode &base, const DocNode &changed,
                                           Format format);
    // Applies non-overlapping edits given in original-text coordinates.
    static QByteArray apply(const QByteArray &text, QList<Edit> edits);
};

} // namespace mltf::project
