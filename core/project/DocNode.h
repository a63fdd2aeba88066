#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace mltf::project {

// A parsed YAML or JSON document as an ordered tree that remembers where each node came from, so values can
// be located for diagnostics, substituted on save and patched into the original text. JSON maps onto it:
// strings are double-quoted scalars, numbers/booleans/null are plain scalars.
struct DocNode
{
    enum class Type { Null, Scalar, Map, Seq };
    enum class Style { Plain, SingleQuoted, DoubleQuoted, Block };
    // What a YAML 1.1 safe loader (PyYAML, as MLflow uses) makes of a scalar.
    enum class ValueType { Null, Bool, Int, Float, String };

    Type type = Type::Null;
    QString scalar;            // decoded text of a scalar
    Style style = Style::Plain;
    QString tag;               // YAML tag as yaml-cpp reports it ("?" plain, "!" quoted), empty for JSON
    bool flow = false;         // map/seq written inline ({...} / [...])
    int start = -1;            // byte offset of the node's text in the source; -1 when created in code
    int end = -1;              // byte offset just past a scalar's text; -1 when unknown (multi-line)
    int line = 0;              // 1-based; 0 when unknown
    int column = 0;            // 1-based, in characters
    bool shared = false;       // anchored or reached through an alias: editing it in place would edit others
    std::vector<DocNode> keys; // Map only, parallel to `values`
    std::vector<DocNode> values; // Map values or Seq items

    static DocNode makeNull();
    static DocNode makeScalar(const QString &text, Style style = Style::Plain);
    // A scalar holding `text` as a string: plain when YAML would read it back as that same string, else
    // double-quoted.
    static DocNode makeString(const QString &text);
    static DocNode makeMap(bool flow = false);
    static DocNode makeSeq(bool flow = false);
    static DocNode makeStringSeq(const QStringList &items, bool flow = false);

    bool isNull() const { return type == Type::Null; }
    bool isScalar() const { return type == Type::Scalar; }
    bool isMap() const { return type == Type::Map; }
    bool isSeq() const { return type == Type::Seq; }
    bool fromSource() const { return start >= 0; }

    ValueType valueType() const;
    // True for a scalar a safe loader reads as a string.
    bool isString() const { return isScalar() && valueType() == ValueType::String; }

    // Map access by scalar key.
    int indexOf(const QString &key) const;
    const DocNode *get(const QString &key) const;
    DocNode *get(const QString &key);
    QString keyAt(int index) const { return keys.at(index).scalar; }
    int size() const { return int(values.size()); }
    // Replaces the value of `key`, or appends the entry.
    void set(const QString &key, const DocNode &value);
    void remove(const QString &key);

    // The node at a dotted path ("entry_points.main.parameters.alpha"); a segment that is a number indexes a
    // sequence. With `wantKey`, the key node of the last segment. nullptr when absent.
    const DocNode *find(const QString &path, bool wantKey = false) const;

    // A string list from a sequence of scalars (non-scalars skipped); empty otherwise.
    QStringList scalarList() const;

    // Same content (types, scalars, styles, order), ignoring source positions.
    bool sameContent(const DocNode &other) const;
};

} // namespace mltf::project
