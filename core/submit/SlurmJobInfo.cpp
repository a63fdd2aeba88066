#include "submit/SlurmJobInfo.h"

#include <QStringList>

namespace mltf::submit {

RunStatus SlurmJobInfo::runStatusForState(const QString &stateText)
{
    // sacct writes "CANCELLED by 1000"; newer squeue lists flags after the base state.
    const QString state = stateText.trimmed().section(QLatin1Char(' '), 0, 0).section(QLatin1Char(','), 0, 0).toUpper();
    static const QStringList scheduled = {
        QStringLiteral("PENDING"),  QStringLiteral("CONFIGURING"),  QStringLiteral("REQUEUED"),
        QStringLiteral("REQUEUE_HOLD"), QStringLiteral("REQUEUE_FED"), QStringLiteral("RESV_DEL_HOLD"),
    };
    static const QStringList running = {
        QStringLiteral("RUNNING"),   QStringLiteral("COMPLETING"), QStringLiteral("SUSPENDED"),
        QStringLiteral("STAGE_OUT"), QStringLiteral("SIGNALING"),  QStringLiteral("RESIZING"),
        QStringLiteral("STOPPED"),
    };
    static const QStringList failed = {
        QStringLiteral("FAILED"),    QStringLiteral("TIMEOUT"),  QStringLiteral("OUT_OF_MEMORY"),
        QStringLiteral("NODE_FAIL"), QStringLiteral("PREEMPTED"), QStringLiteral("BOOT_FAIL"),
        QStringLiteral("DEADLINE"),  QStringLiteral("REVOKED"),  QStringLiteral("SPECIAL_EXIT"),
    };
    if (state == QLatin1String("COMPLETED"))
        return RunStatus::Finished;
    if (state == QLatin1String("CANCELLED"))
        return RunStatus::Killed;
    if (scheduled.contains(state))
        return RunStatus::Scheduled;
    if (running.contains(state))
        return RunStatus::Running;
    if (failed.contains(state))
        return RunStatus::Failed;
    return RunStatus::Unknown;
}

RunStatus SlurmJobInfo::runStatus() const
{
    const RunStatus status = runStatusForState(state);
    // COMPLETED always means exit code 0 in SLURM; be safe if a parser saw otherwise.
    if (status == RunStatus::Finished && exitCode > 0)
        return RunStatus::Failed;
    return status;
}

QString SlurmJobInfo::formatDuration(qint64 seconds)
{
    if (seconds == 0)
        return QStringLiteral("UNLIMITED");
    if (seconds < 0)
        return QString();
    const qint64 days = seconds / 86400;
    const qint64 h = (seconds % 86400) / 3600;
    const qint64 m = (seconds % 3600) / 60;
    const qint64 s = seconds % 60;
    const QString hms = QStringLiteral("%1:%2:%3")
                            .arg(h, 2, 10, QLatin1Char('0'))
                            .arg(m, 2, 10, QLatin1Char('0'))
                            .arg(s, 2, 10, QLatin1Char('0'));
    return days > 0 ? QStringLiteral("%1-%2").arg(days).arg(hms) : hms;
}

QString SlurmJobInfo::describe() const
{
    const QString base = state.section(QLatin1Char(' '), 0, 0).toUpper();
    const QString why = reason.isEmpty() || reason == QLatin1String("None") ? QString() : reason;
    if (base == QLatin1String("PENDING"))
        return why.isEmpty() ? tr("Pending") : tr("Pending (%1)").arg(why);
    if (base == QLatin1String("RUNNING"))
        return nodeList.isEmpty() ? tr("Running") : tr("Running on %1").arg(nodeList);
    if (base == QLatin1String("COMPLETING"))
        return tr("Completing");
    if (base == QLatin1String("COMPLETED"))
        return tr("Completed");
    if (base == QLatin1String("FAILED")) {
        if (exitCode > 0)
            return tr("Failed with exit code %1").arg(exitCode);
        if (signal > 0)
            return tr("Failed: killed by signal %1").arg(signal);
        return why.isEmpty() ? tr("Failed") : tr("Failed (%1)").arg(why);
    }
    if (base == QLatin1String("CANCELLED"))
        return tr("Cancelled");
    if (base == QLatin1String("TIMEOUT"))
        return timeLimitSeconds > 0 ? tr("Timed out: over its time limit of %1").arg(formatDuration(timeLimitSeconds))
                                    : tr("Timed out: over its time limit");
    if (base == QLatin1String("OUT_OF_MEMORY"))
        return tr("Out of memory: the job used more memory than it asked for");
    if (base == QLatin1String("NODE_FAIL"))
        return tr("A node of the job failed");
    if (base == QLatin1String("PREEMPTED"))
        return tr("Preempted by a job with a higher priority");
    if (base == QLatin1String("BOOT_FAIL"))
        return tr("A node failed to boot");
    if (base == QLatin1String("DEADLINE"))
        return tr("Missed its deadline");
    if (base == QLatin1String("SUSPENDED"))
        return tr("Suspended");
    if (base.isEmpty())
        return tr("Unknown");
    return why.isEmpty() ? base : QStringLiteral("%1 (%2)").arg(base, why);
}

namespace {
QString dateText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}
QDateTime dateFrom(const QJsonValue &v)
{
    return v.toString().isEmpty() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODate);
}
} // namespace

QJsonObject SlurmJobInfo::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("job_id"), jobId);
    o.insert(QStringLiteral("state"), state);
    o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("partition"), partition);
    o.insert(QStringLiteral("node_list"), nodeList);
    o.insert(QStringLiteral("exit_code"), exitCode);
    o.insert(QStringLiteral("signal"), signal);
    o.insert(QStringLiteral("elapsed_seconds"), double(elapsedSeconds));
    o.insert(QStringLiteral("time_limit_seconds"), double(timeLimitSeconds));
    o.insert(QStringLiteral("submit_time"), dateText(submitTime));
    o.insert(QStringLiteral("start_time"), dateText(startTime));
    o.insert(QStringLiteral("end_time"), dateText(endTime));
    o.insert(QStringLiteral("standard_output"), standardOutput);
    return o;
}

SlurmJobInfo SlurmJobInfo::fromJson(const QJsonObject &o)
{
    SlurmJobInfo info;
    info.jobId = o.value(QStringLiteral("job_id")).toString();
    info.state = o.value(QStringLiteral("state")).toString();
    info.reason = o.value(QStringLiteral("reason")).toString();
    info.partition = o.value(QStringLiteral("partition")).toString();
    info.nodeList = o.value(QStringLiteral("node_list")).toString();
    info.exitCode = o.value(QStringLiteral("exit_code")).toInt(-1);
    info.signal = o.value(QStringLiteral("signal")).toInt(0);
    info.elapsedSeconds = qint64(o.value(QStringLiteral("elapsed_seconds")).toDouble(-1));
    info.timeLimitSeconds = qint64(o.value(QStringLiteral("time_limit_seconds")).toDouble(-1));
    info.submitTime = dateFrom(o.value(QStringLiteral("submit_time")));
    info.startTime = dateFrom(o.value(QStringLiteral("start_time")));
    info.endTime = dateFrom(o.value(QStringLiteral("end_time")));
    info.standardOutput = o.value(QStringLiteral("standard_output")).toString();
    return info;
}

bool SlurmJobInfo::operator==(const SlurmJobInfo &o) const
{
    return jobId == o.jobId && state == o.state && reason == o.reason && partition == o.partition
           && nodeList == o.nodeList && exitCode == o.exitCode && signal == o.signal
           && elapsedSeconds == o.elapsedSeconds && timeLimitSeconds == o.timeLimitSeconds
           && submitTime == o.submitTime && startTime == o.startTime && endTime == o.endTime
           && standardOutput == o.standardOutput;
}

} // namespace mltf::submit
