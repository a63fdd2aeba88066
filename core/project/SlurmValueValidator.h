#pragma once

#include <QCoreApplication>
#include <QString>

namespace mltf::project {

// Checks values before they reach an `#SBATCH` line or a shell. Each function returns an empty string when
// the value is acceptable, else a message for a person. Reused by the SLURM submitter.
class SlurmValueValidator
{
    Q_DECLARE_TR_FUNCTIONS(SlurmValueValidator)

public:
    // minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes,
    // days-hours:minutes:seconds, UNLIMITED, INFINITE.
    static QString validateTime(const QString &value);
    // Integer with an optional K/M/G/T suffix (MB when none).
    static QString validateMem(const QString &value);
    // name[:type]:count items separated by commas (name[:type] alone means count 1).
    static QString validateGres(const QString &value);
    // A positive integer (nodes, ntasks, cpus-per-task, gpus_per_node).
    static QString validatePositiveInt(const QString &value);
    // No newline, control character or shell metacharacter that could add an #SBATCH line or a command.
    static QString validateSafeValue(const QString &value);

    // True when a gres value asks for GPUs ("gpu:2", "gpu:a100:1,license:1").
    static bool gresRequestsGpu(const QString &gres);

    // Time as seconds (for comparing with limits); -1 when invalid, 0 when unlimited.
    static qint64 timeToSeconds(const QString &value);
};

} // namespace mltf::project
