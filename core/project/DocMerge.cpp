#include "project/DocMerge.h"

namespace mltf::project {

DocNode DocMerge::mapFrom(const DocNode *base)
{
    return base && base->isMap() ? *base : DocNode::makeMap();
}

DocNode DocMerge::emptied(const DocNode &collection)
{
    DocNode n = collection;
    n.keys.clear();
    n.values.clear();
    return n;
}

DocNode DocMerge::stringSeq(const DocNode *base, const QStringList &items, bool flowIfNew)
{
    const bool reuse = base && base->isSeq();
    DocNode out = reuse ? emptied(*base) : DocNode::makeSeq(flowIfNew);
    size_t next = 0;
    for (const QString &item : items) {
        bool found = false;
        if (reuse) {
            for (size_t k = next; k < base->values.size(); ++k) {
                const DocNode &candidate = base->values[k];
                if (candidate.isScalar() && candidate.scalar == item) {
                    out.values.push_back(candidate);
                    next = k + 1;
                    found = true;
                    break;
                }
            }
        }
        if (!found)
            out.values.push_back(DocNode::makeString(item));
    }
    return out;
}

void DocMerge::put(DocNode &map, const QString &key, bool present, const DocNode &value)
{
    if (present)
        map.set(key, value);
    else
        map.remove(key);
}

void DocMerge::putAfter(DocNode &map, const QStringList &after, const QString &key, const DocNode &value)
{
    if (map.get(key)) {
        map.set(key, value);
        return;
    }
    for (const QString &anchor : after) {
        const int i = map.indexOf(anchor);
        if (i >= 0) {
            map.keys.insert(map.keys.begin() + i + 1, DocNode::makeString(key));
            map.values.insert(map.values.begin() + i + 1, value);
            return;
        }
    }
    map.set(key, value);
}

} // namespace mltf::project
