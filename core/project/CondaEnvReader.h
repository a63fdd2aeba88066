#pragma once

#include "project/CondaEnv.h"
#include "project/DocNode.h"
#include "project/ReadContext.h"

#include <QCoreApplication>

namespace mltf::project {

// conda.yaml tree -> CondaEnv (string dependencies and the `{pip: [...]}` item apart).
class CondaEnvReader
{
    Q_DECLARE_TR_FUNCTIONS(CondaEnvReader)

public:
    static CondaEnv read(const DocNode &root, ReadContext &context);
};

// CondaEnv -> conda.yaml tree, written into the original one; the pip item stays after the string items.
class CondaEnvWriter
{
public:
    static DocNode write(const CondaEnv &value, const CondaEnv &baseValue, const DocNode &base);
};

} // namespace mltf::project
