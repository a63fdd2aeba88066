#pragma once

#include "util/Error.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace mltf::submit {

// A SLURM login node as the user configured it (settings key SlurmHosts, a JSON list of these).
struct SlurmHost
{
    Q_DECLARE_TR_FUNCTIONS(SlurmHost)

public:
    enum class Mode {
        Ssh,   // through the system's OpenSSH client (~/.ssh/config, agent and keys apply)
        Local, // the app runs on the login node itself: commands run here, no ssh
    };
    enum class LaunchMode {
        MlflowRun,   // `mlflow run . -e <entry> -P k=v --run-id <id>`: MLflow builds the environment
        Direct,      // the entry point command itself, inside the named environment (modules + activation)
    };

    QString name;                   // shown in the submit dialog; unique
    Mode mode = Mode::Ssh;
    QString host;                   // ssh alias or host name ("localhost" for Local)
    QString user;                   // empty: ~/.ssh/config or the local user name
    int port = 0;                   // 0: ssh's default / config
    QString identityFile;           // empty: agent and ~/.ssh/config
    QStringList sshOptions;         // extra "-o" options, "Key=Value" each
    QString remoteBaseDir = QStringLiteral("~/mltf-jobs"); // one folder per task below it

    LaunchMode launchMode = LaunchMode::MlflowRun;
    QString envManager;             // mlflow run --env-manager (local, virtualenv, conda, uv); empty: MLflow's default
    QStringList modules;            // `module load` each, before the command
    QString activation;             // one command line, e.g. "source ~/envs/torch/bin/activate"
    QStringList environment;        // "K=V" exported by every job of this host (site NCCL settings, ...)

    // Presets for the submit dialog
    QStringList partitions;
    QStringList gpuTypes;           // gres types, e.g. "nvidia_rtx_a6000"

    // Empty when usable, else what is wrong (for a person). Nothing here may smuggle in an ssh option or a line.
    QString validate() const;
    QString displayTarget() const; // "alice@login.example.edu:2222" or "this computer"

    QJsonObject toJson() const;
    static SlurmHost fromJson(const QJsonObject &json);

    // All profiles from the settings (key SlurmHosts), and back.
    static QVector<SlurmHost> loadAll();
    static void saveAll(const QVector<SlurmHost> &hosts);
};

} // namespace mltf::submit
