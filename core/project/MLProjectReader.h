#pragma once

#include "project/DocNode.h"
#include "project/MLProject.h"
#include "project/ReadContext.h"

#include <QCoreApplication>

namespace mltf::project {

// MLproject tree -> MLProject, reporting what MLflow's loader would reject or silently misread: more than one
// environment key, parameters that are neither a type nor a mapping, unknown types, `{type path, ...}`.
class MLProjectReader
{
    Q_DECLARE_TR_FUNCTIONS(MLProjectReader)

public:
    static MLProject read(const DocNode &root, ReadContext &context);

    static inline const QString missingColonFix = QStringLiteral("yaml.add-missing-colon");

private:
    static DockerEnv readDocker(const DocNode &node, ReadContext &context);
    static EntryPoint readEntryPoint(const QString &name, const DocNode &node, ReadContext &context);
    static Parameter readParameter(const QString &name, const DocNode &node, const QString &path,
                                   ReadContext &context);
};

} // namespace mltf::project
