#pragma once

#include "project/ParsedDocument.h"

#include <QByteArray>
#include <QCoreApplication>

namespace mltf::project {

// Parses YAML text with yaml-cpp's event parser into a DocNode tree with source positions. Never throws:
// yaml-cpp exceptions become error diagnostics. Resolves aliases and merge keys (`<<`, which yaml-cpp 0.7
// leaves unresolved while PyYAML merges them) and reports duplicate keys and extra documents.
class YamlDocumentParser
{
    Q_DECLARE_TR_FUNCTIONS(YamlDocumentParser)

public:
    static ParsedDocument parse(const QByteArray &text);
};

} // namespace mltf::project
