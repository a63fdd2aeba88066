#pragma once

#include "project/DocNode.h"

#include <QString>

namespace mltf::project {

// How YAML reads and writes one scalar, following the YAML 1.1 rules of PyYAML's safe loader (what MLflow
// uses): `3.10` is the float 3.1, `yes` is a boolean, `8:00:00` is a (sexagesimal) integer.
class YamlScalar
{
public:
    static DocNode::ValueType resolvePlain(const QString &text);
    // Resolution honouring an explicit tag (yaml-cpp reports "?" for plain, "!" for quoted scalars).
    static DocNode::ValueType resolveTagged(const QString &tag, const QString &text);
    // True when `text` can be written without quotes and reads back as the same characters (conservative:
    // no flow indicators, so it is safe inside {...} and [...] too).
    static bool canBePlain(const QString &text);
    // How Python prints the number YAML makes of a plain int/float scalar ("3.10" -> "3.1").
    static QString pythonRepr(const QString &text);
    // The scalar as YAML text in the given style; falls back to double quotes when the style cannot hold it.
    static QString render(const QString &text, DocNode::Style style);
    static QString doubleQuoted(const QString &text);
};

} // namespace mltf::project
