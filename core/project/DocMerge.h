#pragma once

#include "project/DocNode.h"

#include <QStringList>

namespace mltf::project {

// Helpers the writers share to write a value into the original document: unchanged nodes are reused as they
// are (so DocPatcher can keep their text), changed ones are replaced, unknown keys are left alone.
class DocMerge
{
public:
    // The base when it is a mapping (unknown keys, order and positions kept), else a new block mapping.
    static DocNode mapFrom(const DocNode *base);
    // A copy of a collection without its children, keeping its style and position.
    static DocNode emptied(const DocNode &collection);
    // A list of `items` that reuses the base's scalar items with the same text, in order.
    static DocNode stringSeq(const DocNode *base, const QStringList &items, bool flowIfNew = false);
    // Sets `key` when `present`, removes it otherwise.
    static void put(DocNode &map, const QString &key, bool present, const DocNode &value);
    // Sets `key`; a new key goes right after the first of `after` present in the map (else at the end).
    static void putAfter(DocNode &map, const QStringList &after, const QString &key, const DocNode &value);
};

} // namespace mltf::project
