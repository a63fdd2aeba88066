#pragma once

#include "submit/RunRecorder.h"

#include <QPointer>

namespace mltf::tracking {
class Store;
}

namespace mltf::submit {

// RunRecorder on the app's tracking::Store (RestStore for a tracking server).
class StoreRunRecorder : public RunRecorder
{
public:
    // `trackingUri` is what jobs get as MLFLOW_TRACKING_URI (the server the store talks to).
    StoreRunRecorder(tracking::Store *store, QString trackingUri);

    QString trackingUri() const override { return m_trackingUri; }
    void createRun(const NewRun &run, QObject *context, IdCallback done) override;
    void setTag(const QString &runId, const QString &key, const QString &value, QObject *context,
                DoneCallback done) override;
    void endRun(const QString &runId, RunStatus status, const QDateTime &endTime, QObject *context,
                DoneCallback done) override;

private:
    QPointer<tracking::Store> m_store;
    QString m_trackingUri;
};

} // namespace mltf::submit
