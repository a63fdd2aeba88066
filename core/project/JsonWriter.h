#pragma once

#include "project/DocNode.h"

#include <QByteArray>
#include <QString>

namespace mltf::project {

// Writes a DocNode tree as JSON: two-space indentation, one member per line, arrays of scalars on one line
// (["a", "b"]), keys in tree order, a final newline. Scalar types follow DocNode::valueType().
class JsonWriter
{
public:
    static QByteArray write(const DocNode &root);

    // A value as JSON text; nested objects are indented from `indent` spaces.
    static QString valueText(const DocNode &node, int indent);
    static QString quoted(const QString &text);

private:
    static QString scalarText(const DocNode &node);
};

} // namespace mltf::project
