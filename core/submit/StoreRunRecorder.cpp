#include "submit/StoreRunRecorder.h"
#include "util/AsyncResult.h"

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

} // namespace

StoreRunRecorder::StoreRunRecorder(tracking::Store *store, QString trackingUri)
    : m_store(store)
    , m_trackingUri(std::move(trackingUri))
{}

void StoreRunRecorder::createRun(const NewRun &run, QObject *context, IdCallback done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(
            context, [done] { done(storeGone()); }, Qt::QueuedConnection);
        return;
    }
    tracking::CreateRun request;
    request.experimentId = run.experimentId;
    request.runName = run.runName;
    request.userId = run.tags.value(QStringLiteral("mlflow.user"));
    request.startTime =
        (run.startTime.isValid() ? run.startTime : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    for (auto it = run.tags.cbegin(); it != run.tags.cend(); ++it)
        request.tags.push_back({it.key(), it.value()});
    const QMap<QString, QString> params = run.params;
    QPointer<tracking::Store> store = m_store;
    AsyncResult::watch(m_store->createRun(request), context,
                       [store, params, context, done](const Result<tracking::Run> &created) {
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
                           AsyncResult::watch(store->logBatch(batch), context,
                                              [store, runId, done](const Result<Done> &logged) {
                                                  if (logged.ok()) {
                                                      done(runId);
                                                      return;
                                                  }
                                                  // The run exists but is incomplete: end it rather than
                                                  // leave it RUNNING.
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

void StoreRunRecorder::setTag(const QString &runId, const QString &key, const QString &value,
                              QObject *context, DoneCallback done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(
            context, [done] { done(storeGone()); }, Qt::QueuedConnection);
        return;
    }
    AsyncResult::watch(m_store->setTag(runId, key, value), context,
                       [done](const Result<Done> &r) { done(r.ok() ? Status(Done{}) : Status(r.error())); });
}

void StoreRunRecorder::endRun(const QString &runId, RunStatus status, const QDateTime &endTime,
                              QObject *context, DoneCallback done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(
            context, [done] { done(storeGone()); }, Qt::QueuedConnection);
        return;
    }
    tracking::UpdateRun update;
    update.runId = runId;
    update.status = status;
    update.endTime = (endTime.isValid() ? endTime : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    AsyncResult::watch(m_store->updateRun(update), context, [done](const Result<tracking::RunInfo> &r) {
        done(r.ok() ? Status(Done{}) : Status(r.error()));
    });
}

} // namespace mltf::submit
