#include "submit/CurrentStoreRunRecorder.h"

#include "tracking/Store.h"

#include <QCoreApplication>
#include <QTimer>

namespace mltf::ui {

void CurrentStoreRunRecorder::setStore(std::shared_ptr<tracking::Store> store, const QString &trackingUri)
{
    m_recorder = store ? std::make_unique<submit::StoreRunRecorder>(store.get(), trackingUri) : nullptr;
    m_store = std::move(store);
}

QString CurrentStoreRunRecorder::trackingUri() const
{
    return m_recorder ? m_recorder->trackingUri() : QString();
}

Error CurrentStoreRunRecorder::noStore() const
{
    return Error::make(
        Error::Kind::InvalidInput,
        QCoreApplication::translate("mltf::ui::CurrentStoreRunRecorder",
                                    "No tracking server is connected. Choose one on the Runs page "
                                    "first."));
}

// Callbacks are asynchronous by contract, failures included.
void CurrentStoreRunRecorder::failLater(QObject *context, std::function<void()> call)
{
    QTimer::singleShot(0, context, std::move(call));
}

void CurrentStoreRunRecorder::createRun(const NewRun &run, QObject *context, IdCallback done)
{
    if (!m_recorder)
        return failLater(context, [done = std::move(done), error = noStore()] { done(error); });
    m_recorder->createRun(run, context, std::move(done));
}

void CurrentStoreRunRecorder::setTag(const QString &runId, const QString &key, const QString &value,
                                     QObject *context, DoneCallback done)
{
    if (!m_recorder)
        return failLater(context, [done = std::move(done), error = noStore()] { done(error); });
    m_recorder->setTag(runId, key, value, context, std::move(done));
}

void CurrentStoreRunRecorder::endRun(const QString &runId, submit::RunStatus status, const QDateTime &endTime,
                                     QObject *context, DoneCallback done)
{
    if (!m_recorder)
        return failLater(context, [done = std::move(done), error = noStore()] { done(error); });
    m_recorder->endRun(runId, status, endTime, context, std::move(done));
}

} // namespace mltf::ui
