#pragma once

#include "project/SlurmConfig.h"
#include "submit/BatchJob.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace mltf::submit {

// What the user chose in the submit dialog.
struct SubmitRequest
{
    QString projectPath;
    QString entryPoint = QStringLiteral("main");
    QMap<QString, QString> params; // user-given values; defaults are filled in from the MLproject
    QString experimentId = QStringLiteral("0");
    QString runName;               // empty: the tracking server picks one
    QString user;                  // mlflow.user; empty: the local user name

    // SLURM
    QString slurmHost;                        // the host profile's name
    project::SlurmConfig slurmResources;      // usually the project's slurm_config.json, edited
    QString ntasksPerNode;
    BatchJob::Launcher launcher = BatchJob::Launcher::Auto;
    // Override the host's launch settings for this task (empty optional: the host's).
    std::optional<SlurmHost::LaunchMode> launchMode;

    // Gateway
    QJsonObject gatewayConfig;
};

} // namespace mltf::submit
