#pragma once

#include "submit/SlurmJobInfo.h"
#include "util/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace mltf::submit {

// Reads the three ways SLURM reports a job. All functions fail with Error::Kind::NotFound when the job is
// not in the output, and with Error::Kind::Parse when the output is not what the command prints.
class SlurmStatusParser
{
public:
    // The sacct fields sacctCommand() asks for, in order.
    static QString sacctFormat();

    // `scontrol show job -o <id>`: one line of Key=Value pairs per job (works without accounting, and for
    // finished jobs while they are younger than MinJobAge).
    static Result<SlurmJobInfo> parseScontrol(const QString &output, const QString &jobId);

    // `squeue --json` (22.05: job_state a string, exit_code a wait status, times in epoch seconds;
    // 23.02+: job_state a list, numbers as {set, infinite, number}). 22.05 ignores --jobs with --json and
    // lists every job of the cluster, hence the filter by id; 24.11 lists finished jobs only with
    // --states=all. `now` gives the elapsed time of running jobs.
    static Result<SlurmJobInfo> parseSqueueJson(const QByteArray &json, const QString &jobId,
                                                const QDateTime &now = QDateTime::currentDateTimeUtc());

    // SLURM's message for a job it does not know (any more): scontrol prints it, squeue --json fails with it.
    static bool saysUnknownJob(const QString &message);

    // `sacct -X -n -P -j <id> -o <sacctFormat()>` (needs slurmdbd).
    static Result<SlurmJobInfo> parseSacct(const QString &output, const QString &jobId);

    // "1-02:03:04", "02:03:04", "03:04", "5" (minutes as sbatch reads --time) ... in seconds;
    // 0 for UNLIMITED/INFINITE, -1 when not a duration.
    static qint64 parseDuration(const QString &text);
    // "3:0" -> exit 3, signal 0.
    static void parseExitCode(const QString &text, int *exitCode, int *signal);
};

} // namespace mltf::submit
