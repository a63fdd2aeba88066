#pragma once

#include "project/DocNode.h"
#include "project/PythonEnv.h"
#include "project/ReadContext.h"

#include <QCoreApplication>

namespace mltf::project {

// python_env.yaml tree -> PythonEnv. An unquoted version that YAML reads as a number (3.10 -> 3.1) is an
// error with the fix "yaml.quote-python-version"; MLflow rejects keys other than the three it knows.
class PythonEnvReader
{
    Q_DECLARE_TR_FUNCTIONS(PythonEnvReader)

public:
    static PythonEnv read(const DocNode &root, ReadContext &context);

    static inline const QString quoteVersionFix = QStringLiteral("yaml.quote-python-version");
};

// PythonEnv -> python_env.yaml tree, written into the original one (python always double-quoted).
class PythonEnvWriter
{
public:
    static DocNode write(const PythonEnv &value, const PythonEnv &baseValue, const DocNode &base);
};

} // namespace mltf::project
