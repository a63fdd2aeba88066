#pragma once

#include "submit/RunStatus.h"
#include "submit/SlurmJobInfo.h"
#include "util/Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace mltf::submit {

// One entry of a task's status history.
struct StatusChange
{
    QDateTime time;              // UTC, when the app saw the change
    QString state;               // the backend's word: PENDING, RUNNING, COMPLETED, TIMEOUT, SCHEDULED, ...
    RunStatus runStatus = RunStatus::Unknown;
    QString message;             // for a person ("Pending (Resources)", "Failed with exit code 3")

    bool operator==(const StatusChange &o) const
    {
        return time == o.time && state == o.state && runStatus == o.runStatus && message == o.message;
    }
};

// A submitted training task as the app remembers it: the servers return almost nothing, so this joins the
// backend's id (gateway task or SLURM job), the MLflow run, what was submitted, and every status seen.
struct Task
{
    enum class Backend { Gateway, Slurm };

    QString localId; // unique on this machine; also names the remote task folder
    Backend backend = Backend::Slurm;

    // Gateway
    QString gatewayId;
    QString gatewayUri;

    // SLURM
    QString slurmHost;      // the host profile's name
    QString remoteDir;      // absolute task folder on the host
    QString logPath;        // the job's output file (absolute)
    SlurmJobInfo slurmJob;  // last known details (job id, partition, node list, reason, elapsed, limit)

    // MLflow
    QString trackingUri;
    QString runId;
    QString experimentId;
    bool runClosed = false; // the app has set the run's terminal status on the tracking server

    // What was submitted
    QString projectPath;
    QString entryPoint;
    QMap<QString, QString> params;
    QJsonObject resources; // as submitted, in slurm_config.json / gateway_config.json words
    QDateTime submitTime;  // UTC

    QVector<StatusChange> history;
    QString lastMessage;

    // A new local id: "20261123-074541-1a2b3c4d" (sortable, readable in a remote folder name).
    static QString newLocalId();

    QString state() const { return history.isEmpty() ? QString() : history.constLast().state; }
    RunStatus runStatus() const { return history.isEmpty() ? RunStatus::Unknown : history.constLast().runStatus; }
    bool isFinished() const { return isTerminal(runStatus()); }
    // Appends a history entry when the state or message changed; returns whether it did.
    bool recordStatus(const QString &state, RunStatus runStatus, const QString &message,
                      const QDateTime &time = QDateTime::currentDateTimeUtc());

    static QString backendName(Backend backend); // "gateway", "slurm"
    QJsonObject toJson() const;
    static Result<Task> fromJson(const QJsonObject &json);
};

} // namespace mltf::submit

Q_DECLARE_METATYPE(mltf::submit::Task)
