#include "compare/CompareHistories.h"

#include "runs/AsyncResult.h"
#include "tracking/Store.h"

namespace mltf::ui {

CompareHistories::CompareHistories(QObject *parent)
    : QObject(parent)
{}

void CompareHistories::reset(std::shared_ptr<tracking::Store> store)
{
    delete m_context;
    m_context = new QObject(this);
    m_store = std::move(store);
    m_queue.clear();
    m_inFlight = 0;
    m_outstanding.clear();
    m_loadedKeys.clear();
    m_histories.clear();
    m_errors.clear();
}

void CompareHistories::request(const QString &key, const QStringList &runIds, bool urgent)
{
    if (!m_store || m_loadedKeys.contains(key))
        return;
    if (m_outstanding.contains(key)) {
        if (urgent) {
            // Move its queued fetches to the front, in their order.
            QList<Fetch> mine;
            QList<Fetch> others;
            for (const Fetch &f : std::as_const(m_queue))
                (f.key == key ? mine : others).append(f);
            m_queue = mine + others;
        }
        return;
    }
    if (runIds.isEmpty()) {
        m_loadedKeys.insert(key);
        emit keyLoaded(key);
        return;
    }
    QList<Fetch> fetches;
    for (const QString &runId : runIds)
        fetches.append({runId, key});
    m_queue = urgent ? fetches + m_queue : m_queue + fetches;
    m_outstanding.insert(key, int(runIds.size()));
    pump();
}

void CompareHistories::pump()
{
    while (m_inFlight < kMaxInFlight && !m_queue.isEmpty()) {
        const Fetch fetch = m_queue.takeFirst();
        ++m_inFlight;
        AsyncResult::watch(m_store->getMetricHistory(fetch.runId, fetch.key), m_context.data(),
                           [this, fetch](const Result<tracking::MetricHistory> &result) {
                               --m_inFlight;
                               if (result)
                                   m_histories[fetch.key].insert(fetch.runId, result.value().points);
                               else if (m_errors.value(fetch.key).message.isEmpty())
                                   m_errors.insert(fetch.key, result.error());
                               finished(fetch.key);
                               pump();
                           });
    }
}

void CompareHistories::finished(const QString &key)
{
    int &left = m_outstanding[key];
    if (--left > 0)
        return;
    m_outstanding.remove(key);
    m_loadedKeys.insert(key);
    emit keyLoaded(key);
}

QList<tracking::MetricPoint> CompareHistories::history(const QString &runId, const QString &key) const
{
    return m_histories.value(key).value(runId);
}

} // namespace mltf::ui
