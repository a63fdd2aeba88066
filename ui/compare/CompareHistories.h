#pragma once

#include "tracking/Metric.h"
#include "util/Error.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <memory>

namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

// The metric histories of the compared runs, fetched on demand one key at a time (for every run that has
// it) with a few requests in flight, and kept for the table and the charts. A key asked for again is put
// first in the queue (the chart the user is looking at).
class CompareHistories : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxInFlight = 4;

    explicit CompareHistories(QObject *parent = nullptr);

    // Forgets everything (answers still on their way are dropped).
    void reset(std::shared_ptr<tracking::Store> store);
    // Fetches `key` for `runIds` unless it is loaded or queued already; `urgent` puts it first.
    void request(const QString &key, const QStringList &runIds, bool urgent = false);

    bool isLoaded(const QString &key) const { return m_loadedKeys.contains(key); }
    // The history (empty until loaded, or when it failed).
    QList<tracking::MetricPoint> history(const QString &runId, const QString &key) const;
    // The first error while loading `key` (empty message when none).
    Error error(const QString &key) const { return m_errors.value(key); }
    int pendingRequests() const { return int(m_queue.size()) + m_inFlight; }

signals:
    // Every run's history of `key` has arrived (or failed: see error()).
    void keyLoaded(const QString &key);

private:
    struct Fetch
    {
        QString runId;
        QString key;
    };
    void pump();
    void finished(const QString &key);

    std::shared_ptr<tracking::Store> m_store;
    QPointer<QObject> m_context; // parent of the watchers of one reset(); deleting it drops their answers
    QList<Fetch> m_queue;
    int m_inFlight = 0;
    QHash<QString, int> m_outstanding; // key -> fetches not yet answered
    QSet<QString> m_loadedKeys;
    QHash<QString, QHash<QString, QList<tracking::MetricPoint>>> m_histories; // key -> run id -> points
    QHash<QString, Error> m_errors;
};

} // namespace mltf::ui
