#pragma once

#include "project/MLProject.h"
#include "util/Error.h"

#include <QMap>
#include <QString>

namespace mltf::submit {

// The command line MLflow would run for an entry point (mlflow/projects/_project_spec.py): declared
// parameters take the user's value or the default, each shell-quoted, placed with Python's str.format rules
// ({name}, {{ and }} for literal braces); parameters the entry point does not declare are appended as
// `--key value`. A `.py` or `.sh` file name works as an entry point too.
class EntryPointCommand
{
public:
    // The parameters MLflow logs for the run: the declared ones (value or default) plus the extra ones.
    static Result<QMap<QString, QString>> resolveParameters(const project::MLProject &project,
                                                            const QString &entryPoint,
                                                            const QMap<QString, QString> &userParams);
    static Result<QString> build(const project::MLProject &project, const QString &entryPoint,
                                 const QMap<QString, QString> &userParams);
    // Python str.format with named fields only; values are inserted as given.
    static Result<QString> format(const QString &pattern, const QMap<QString, QString> &values);
};

} // namespace mltf::submit
