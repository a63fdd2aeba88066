#pragma once

#include "submit/RunRecorder.h"
#include "submit/StoreRunRecorder.h"

#include <functional>
#include <memory>

namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

// The app's RunRecorder: records runs in whatever tracking store the runs page uses now. The submitter lives
// as long as the window while the store is replaced whenever the user picks another tracking URI.
class CurrentStoreRunRecorder : public submit::RunRecorder
{
public:
    // `store` may be null (no tracking store could be opened): every call then fails in plain words.
    void setStore(std::shared_ptr<tracking::Store> store, const QString &trackingUri);

    QString trackingUri() const override;
    void createRun(const NewRun &run, QObject *context, IdCallback done) override;
    void setTag(const QString &runId, const QString &key, const QString &value, QObject *context,
                DoneCallback done) override;
    void endRun(const QString &runId, submit::RunStatus status, const QDateTime &endTime, QObject *context,
                DoneCallback done) override;

private:
    Error noStore() const;
    static void failLater(QObject *context, std::function<void()> call);

    std::shared_ptr<tracking::Store> m_store; // kept alive while runs are being recorded in it
    std::unique_ptr<submit::StoreRunRecorder> m_recorder;
};

} // namespace mltf::ui
