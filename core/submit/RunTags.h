#pragma once

#include <QMap>
#include <QString>

namespace mltf::submit {

// The tags MLflow's project runner (and the MLTF gateway client) put on a project run:
// mlflow.user, mlflow.source.name (git remote URL, else the project's absolute path), mlflow.source.type =
// PROJECT, mlflow.project.entryPoint, and for a git checkout mlflow.source.git.commit,
// mlflow.source.git.repoURL and the legacy mlflow.gitRepoURL; plus mlflow.project.backend.
class RunTags
{
public:
    static QMap<QString, QString> forProject(const QString &projectPath, const QString &entryPoint,
                                             const QString &user, const QString &backend);
    // The local user name (USER / USERNAME), as MLflow's default mlflow.user.
    static QString localUser();
};

} // namespace mltf::submit
