#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace mltf::project {

// slurm_config.json, the ncsa/mlflow-slurm vocabulary plus the extras MLTF users write.
// Scalars are kept as text: an empty string means "key absent". Whether a number was written as a JSON number
// or a string ("ntasks": "1") is kept by the writer for keys that exist in the file; new keys get the type of
// the mlflow-slurm table (nodes, ntasks, gpus_per_node, cpus-per-task as numbers when numeric).
struct SlurmConfig
{
    // mlflow-slurm keys
    QString partition;
    QString account;
    QString gpusPerNode;         // "gpus_per_node"
    QString gres;                // "gpu:2", "gpu:nvidia_rtx_a6000:1"
    QString mem;                 // "4G"
    QString time;                // "8:00:00", "1-00:00:00"
    QString nodes;
    QString ntasks;
    std::optional<bool> exclusive;
    QStringList exports;
    QStringList modules;
    QStringList environment;     // "K=V"
    QString sbatchScriptFile;    // "sbatch-script-file"
    // MLTF extras (mlflow-slurm ignores them; MLTF's own tooling and people's scripts use them)
    QString mailUser;            // "mail-user"
    QString mailType;            // "mail-type"
    QString jobName;             // "job-name"
    QString output;
    QString error;
    QString cpusPerTask;         // "cpus-per-task"
    QString qos;
    QString constraint;

    // True when a GPU is requested (gres with "gpu" or gpus_per_node > 0).
    bool requestsGpu() const;

    bool operator==(const SlurmConfig &o) const;
    bool operator!=(const SlurmConfig &o) const { return !(*this == o); }
};

} // namespace mltf::project
