#include "submit/RunTags.h"

#include "submit/GitCheckout.h"

#include <QFileInfo>

#include <pwd.h>
#include <unistd.h>

namespace mltf::submit {

QString RunTags::localUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty()) { // no login environment (a service, a container): ask the user database
        if (const passwd *entry = ::getpwuid(::getuid()))
            user = QString::fromLocal8Bit(entry->pw_name);
    }
    return user;
}

QMap<QString, QString> RunTags::forProject(const QString &projectPath, const QString &entryPoint, const QString &user,
                                           const QString &backend)
{
    QMap<QString, QString> tags;
    const GitCheckout git = GitCheckout::inspect(projectPath);
    tags.insert(QStringLiteral("mlflow.user"), user.isEmpty() ? localUser() : user);
    tags.insert(QStringLiteral("mlflow.source.type"), QStringLiteral("PROJECT"));
    tags.insert(QStringLiteral("mlflow.source.name"),
                git.remoteUrl.isEmpty() ? QFileInfo(projectPath).absoluteFilePath() : git.remoteUrl);
    tags.insert(QStringLiteral("mlflow.project.entryPoint"), entryPoint);
    if (!backend.isEmpty())
        tags.insert(QStringLiteral("mlflow.project.backend"), backend);
    if (!git.commit.isEmpty())
        tags.insert(QStringLiteral("mlflow.source.git.commit"), git.commit);
    if (!git.remoteUrl.isEmpty()) {
        tags.insert(QStringLiteral("mlflow.source.git.repoURL"), git.remoteUrl);
        tags.insert(QStringLiteral("mlflow.gitRepoURL"), git.remoteUrl);
    }
    return tags;
}

} // namespace mltf::submit
