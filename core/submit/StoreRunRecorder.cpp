#include "submit/StoreRunRecorder.h"

#include "tracking/Store.h"

#include <QCoreApplication>
#include <QFutureWatcher>

namespace mltf::submit {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::submit::StoreRunRecorder", text);
}

Error storeGone()
{
    return Error::make(Error::Kind::Internal, tr("The tracking server connection was closed."));
}

// Calls `done` once with the future's result, or with a Cancelled error if the future carries none. Unlike
// QFuture::then, this also reports a cancelled future. Nothing is called once `context` is gone.
template <typename T, typename F>
void whenDone(const QFuture<Result<T>> &future, QObject *context, F done)
{
    auto *watcher = new QFutureWatcher<Result<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done]() mutable {
        watcher->deleteLater();
        if (watcher->future().resultCount() == 0) {
            done(Result<T>(Error::make(Error::Kind::Cancelled, tr("The request was cancelled."))));
            return;
        }
        done(watcher->future().result());
    });
    watcher->setFuture(future);
}

} // namespace

StoreRunRecorder::StoreRunRecorder(tracking::Store *store, QString trackingUri)
    : m_store(store), m_trackingUri(std::move(trackingUri))
{
}

void StoreRunRecorder::createRun(const NewRun &run, QObject *context, IdCallback done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(context, [done] { done(storeGone()); }, Qt::QueuedConnection);
        return;
    }
    tracking::CreateRun request;
    request.experimentId = run.experimentId;
    request.runName = run.runName;
    request.userId = run.tags.value(QStringLiteral("mlflow.user"));
    request.startTime = (run.startTime.isValid() ? run.startTime : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    for (auto it = run.tags.cbegin(); it != run.tags.cend(); ++it)
        request.tags.push_back({it.key(), it.value()});
    const QMap<QString, QString> params = run.params;
    QPointer<tracking::Store> store = m_store;
    whenDone(m_store->createRun(request), context, [store, params, context, done](const Result<tracking::Run> &created) {
        if (!created.ok()) {
            done(created.error());
            return;
        }
        const QString runId = created.value().info.runId;
        if (params.isEmpty() || !store) {
            done(runId);
            return;
        }
        tracking::LogBatch batch;
        batch.runId = runId;
        for (auto it = params.cbegin(); it != params.cend(); ++it)
            batch.params.push_back({it.key(), it.value()});
        whenDone(store->logBatch(batch), context, [store, runId, done](const Result<Done> &logged) {
            if (logged.ok()) {
                done(runId);
                return;
            }
            // The run exists but is incomplete: end it rather than leave it RUNNING.
            if (store) {
                tracking::UpdateRun update;
                update.runId = runId;
                update.status = tracking::RunStatus::Failed;
                update.endTime = QDateTime::currentMSecsSinceEpoch();
                store->updateRun(update);
            }
            done(logged.error());
        });
    });
}

void StoreRunRecorder::setTag(const QString &runId, const QString &key, const QString &value, QObject *context,
                              DoneCallback done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(context, [done] { done(storeGone()); }, Qt::QueuedConnection);
        return;
    }
    whenDone(m_store->setTag(runId, key, value), context, [done](const Result<Done> &r) {
        done(r.ok() ? Status(Done{}) : Status(r.error()));
    });
}

void StoreRunRecorder::endRun(const QString &runId, RunStatus status, const QDateTime &endTime, QObject *context,
                              DoneCallback done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(context, [done] { done(storeGone()); }, Qt::QueuedConnection);
        return;
    }
    tracking::UpdateRun update;
    update.runId = runId;
    update.status = status;
    update.endTime = (endTime.isValid() ? endTime : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    whenDone(m_store->updateRun(update), context, [done](const Result<tracking::RunInfo> &r) {
        done(r.ok() ? Status(Done{}) : Status(r.error()));
    });
}

} // namespace mltf::submit
