#pragma once

#include "project/SlurmConfig.h"
#include "submit/SlurmHost.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace mltf::submit {

// Everything the batch script of one task is made from (BatchScriptWriter).
struct BatchJob
{
    enum class Launcher {
        Auto,     // srun when more than one node is asked for, else the command itself
        Single,   // the command itself, once
        Srun,     // `srun --export=ALL /bin/bash -c <command>`: one copy per task (mlflow-slurm's way)
        Torchrun, // srun + torchrun rendezvous over nodes x GPUs per node (direct launch, a Python script)
    };

    project::SlurmConfig resources; // slurm_config.json values (mlflow-slurm keys + extras)
    QString ntasksPerNode;          // --ntasks-per-node (not a slurm_config.json key)

    QString workDir;      // absolute task folder on the host; the job runs there
    QString scriptName = QStringLiteral("job.sh"); // under .mltf/ (resources.sbatchScriptFile wins)
    QString trackingUri;
    QString runId;
    QString experimentId;
    QString tokenFile;    // relative to workDir, read by the job; empty: no token

    SlurmHost::LaunchMode launchMode = SlurmHost::LaunchMode::MlflowRun;
    QString envManager;              // mlflow run --env-manager
    QString entryPoint = QStringLiteral("main");
    QMap<QString, QString> params;   // as the user gave them (mlflow run -P)
    QString command;                 // Direct: the entry point command with its parameters in place
    QStringList modules;             // host modules, then the project's
    QString activation;              // Direct: one command line that enters the environment
    QStringList environment;         // "K=V": the host's (site NCCL settings ...), then the project's
    Launcher launcher = Launcher::Auto;
};

} // namespace mltf::submit
