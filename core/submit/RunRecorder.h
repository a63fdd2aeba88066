#pragma once

#include "submit/RunStatus.h"
#include "util/Error.h"

#include <QDateTime>
#include <QMap>
#include <QString>

#include <functional>

class QObject;

namespace mltf::submit {

// What a submitter needs from the MLflow tracking server: create the run before the job exists, tag it with
// the job id, and set its end state when the job ends without MLflow doing it (cancelled, timed out, killed).
// The app adapts tracking::Store to this (StoreRunRecorder); tests can use a fake.
// Callbacks run asynchronously, once, and only while `context` lives.
class RunRecorder
{
public:
    struct NewRun
    {
        QString experimentId;
        QString runName;                 // empty: the server picks one
        QDateTime startTime;             // UTC
        QMap<QString, QString> tags;     // mlflow.user, mlflow.source.*, mlflow.project.entryPoint, ...
        QMap<QString, QString> params;   // the resolved entry point parameters
    };
    using IdCallback = std::function<void(const Result<QString> &runId)>;
    using DoneCallback = std::function<void(const Status &)>;

    virtual ~RunRecorder() = default;

    // The tracking URI the job must log to (exported as MLFLOW_TRACKING_URI).
    virtual QString trackingUri() const = 0;
    // runs/create with the tags, then runs/log-batch with the params.
    virtual void createRun(const NewRun &run, QObject *context, IdCallback done) = 0;
    virtual void setTag(const QString &runId, const QString &key, const QString &value, QObject *context,
                        DoneCallback done) = 0;
    // runs/update with a terminal status and end time.
    virtual void endRun(const QString &runId, RunStatus status, const QDateTime &endTime, QObject *context,
                        DoneCallback done) = 0;
};

} // namespace mltf::submit
