#include "submit/Task.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRandomGenerator>

namespace mltf::submit {

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFrom(const QJsonValue &v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace

QString Task::newLocalId()
{
    const quint32 random = QRandomGenerator::global()->generate();
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-')
           + QStringLiteral("%1").arg(random, 8, 16, QLatin1Char('0'));
}

bool Task::recordStatus(const QString &newState, RunStatus newRunStatus, const QString &message,
                        const QDateTime &time)
{
    lastMessage = message;
    if (!history.isEmpty() && history.constLast().state == newState && history.constLast().runStatus == newRunStatus
        && history.constLast().message == message)
        return false;
    history.push_back({time.toUTC(), newState, newRunStatus, message});
    return true;
}

QString Task::backendName(Backend backend)
{
    return backend == Backend::Gateway ? QStringLiteral("gateway") : QStringLiteral("slurm");
}

QJsonObject Task::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("local_id"), localId);
    o.insert(QStringLiteral("backend"), backendName(backend));
    if (backend == Backend::Gateway) {
        o.insert(QStringLiteral("gateway_id"), gatewayId);
        o.insert(QStringLiteral("gateway_uri"), gatewayUri);
    } else {
        o.insert(QStringLiteral("slurm_host"), slurmHost);
        o.insert(QStringLiteral("remote_dir"), remoteDir);
        o.insert(QStringLiteral("log_path"), logPath);
        o.insert(QStringLiteral("slurm_job"), slurmJob.toJson());
    }
    o.insert(QStringLiteral("tracking_uri"), trackingUri);
    o.insert(QStringLiteral("run_id"), runId);
    o.insert(QStringLiteral("experiment_id"), experimentId);
    o.insert(QStringLiteral("run_closed"), runClosed);
    o.insert(QStringLiteral("project_path"), projectPath);
    o.insert(QStringLiteral("entry_point"), entryPoint);
    QJsonObject p;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        p.insert(it.key(), it.value());
    o.insert(QStringLiteral("params"), p);
    o.insert(QStringLiteral("resources"), resources);
    o.insert(QStringLiteral("submit_time"), timeText(submitTime));
    QJsonArray h;
    for (const StatusChange &c : history) {
        QJsonObject e;
        e.insert(QStringLiteral("time"), timeText(c.time));
        e.insert(QStringLiteral("state"), c.state);
        e.insert(QStringLiteral("run_status"), runStatusName(c.runStatus));
        e.insert(QStringLiteral("message"), c.message);
        h.append(e);
    }
    o.insert(QStringLiteral("history"), h);
    o.insert(QStringLiteral("last_message"), lastMessage);
    return o;
}

Result<Task> Task::fromJson(const QJsonObject &o)
{
    Task t;
    t.localId = o.value(QStringLiteral("local_id")).toString();
    const QString backend = o.value(QStringLiteral("backend")).toString();
    if (t.localId.isEmpty() || (backend != QLatin1String("gateway") && backend != QLatin1String("slurm"))) {
        return Error::make(Error::Kind::Parse,
                           QCoreApplication::translate("mltf::submit::Task", "A task entry has no id or backend."));
    }
    t.backend = backend == QLatin1String("gateway") ? Backend::Gateway : Backend::Slurm;
    t.gatewayId = o.value(QStringLiteral("gateway_id")).toString();
    t.gatewayUri = o.value(QStringLiteral("gateway_uri")).toString();
    t.slurmHost = o.value(QStringLiteral("slurm_host")).toString();
    t.remoteDir = o.value(QStringLiteral("remote_dir")).toString();
    t.logPath = o.value(QStringLiteral("log_path")).toString();
    t.slurmJob = SlurmJobInfo::fromJson(o.value(QStringLiteral("slurm_job")).toObject());
    t.trackingUri = o.value(QStringLiteral("tracking_uri")).toString();
    t.runId = o.value(QStringLiteral("run_id")).toString();
    t.experimentId = o.value(QStringLiteral("experiment_id")).toString();
    t.runClosed = o.value(QStringLiteral("run_closed")).toBool();
    t.projectPath = o.value(QStringLiteral("project_path")).toString();
    t.entryPoint = o.value(QStringLiteral("entry_point")).toString();
    const QJsonObject p = o.value(QStringLiteral("params")).toObject();
    for (auto it = p.constBegin(); it != p.constEnd(); ++it)
        t.params.insert(it.key(), it.value().toString());
    t.resources = o.value(QStringLiteral("resources")).toObject();
    t.submitTime = timeFrom(o.value(QStringLiteral("submit_time")));
    const QJsonArray h = o.value(QStringLiteral("history")).toArray();
    for (const QJsonValue &v : h) {
        const QJsonObject e = v.toObject();
        t.history.push_back({timeFrom(e.value(QStringLiteral("time"))), e.value(QStringLiteral("state")).toString(),
                             runStatusFromName(e.value(QStringLiteral("run_status")).toString()),
                             e.value(QStringLiteral("message")).toString()});
    }
    t.lastMessage = o.value(QStringLiteral("last_message")).toString();
    return t;
}

} // namespace mltf::submit
