#pragma once

#include "submit/RunStatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace mltf::submit {

// What SLURM says about one job, from scontrol, squeue --json or sacct (SlurmStatusParser).
struct SlurmJobInfo
{
    Q_DECLARE_TR_FUNCTIONS(SlurmJobInfo)

public:
    QString jobId;
    QString state;     // base state without flags: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...
    QString reason;    // pending/failure reason as SLURM words it (Resources, Priority, NonZeroExitCode); "" for None
    QString partition;
    QString nodeList;
    int exitCode = -1; // the batch script's exit status; -1 unknown
    int signal = 0;    // the signal that ended it, 0 none
    qint64 elapsedSeconds = -1;
    qint64 timeLimitSeconds = -1; // 0: unlimited, -1: unknown
    QDateTime submitTime;
    QDateTime startTime;
    QDateTime endTime;
    QString standardOutput; // the job's output file (absolute, %j resolved) when SLURM says it

    // The MLflow run state this job state means.
    RunStatus runStatus() const;
    bool isTerminal() const { return mltf::submit::isTerminal(runStatus()); }
    // One line for a person: "Pending (Resources)", "Failed with exit code 3", "Timed out after 00:01:00".
    QString describe() const;

    // The MLflow run state for a SLURM state name (flags and " by <uid>" suffixes allowed).
    static RunStatus runStatusForState(const QString &state);
    // "1-02:03:04" / "02:03:04" / "03:04" for a number of seconds; "UNLIMITED" for 0.
    static QString formatDuration(qint64 seconds);

    QJsonObject toJson() const;
    static SlurmJobInfo fromJson(const QJsonObject &json);
    bool operator==(const SlurmJobInfo &o) const;
    bool operator!=(const SlurmJobInfo &o) const { return !(*this == o); }
};

} // namespace mltf::submit
