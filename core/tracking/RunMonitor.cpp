#include "tracking/RunMonitor.h"

#include "tracking/Store.h"
#include "util/AsyncResult.h"
#include "util/Logging.h"
#include "util/Settings.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <utility>

namespace mltf::tracking {

namespace {

// Histories at least this long are turned into a series on a worker thread (sorting 10M points takes
// seconds).
constexpr qsizetype kOffThreadPoints = 50000;

bool sameInfo(const RunInfo &a, const RunInfo &b)
{
    return a.runId == b.runId && a.experimentId == b.experimentId && a.runName == b.runName &&
           a.userId == b.userId && a.status == b.status && a.startTime == b.startTime &&
           a.endTime == b.endTime && a.artifactUri == b.artifactUri && a.lifecycleStage == b.lifecycleStage;
}

bool sameValue(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

bool sameMetrics(const Metrics &a, const Metrics &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Metric &x, const Metric &y) {
        return x.key == y.key && x.step == y.step && x.timestamp == y.timestamp &&
               sameValue(x.value, y.value);
    });
}

bool sameRun(const Run &a, const Run &b)
{
    return sameInfo(a.info, b.info) && sameMetrics(a.metrics, b.metrics) && a.params == b.params &&
           a.tags == b.tags;
}

// The points of `batch` that `series` (in time order) does not hold yet, without repeats, in time order.
std::vector<series::SeriesPoint> freshPoints(const series::MetricSeries &series,
                                             std::vector<series::SeriesPoint> batch)
{
    std::sort(batch.begin(), batch.end(), [](const series::SeriesPoint &a, const series::SeriesPoint &b) {
        return a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.step < b.step;
    });
    const auto same = [](const series::SeriesPoint &a, const series::SeriesPoint &b) {
        return a.step == b.step && a.timestamp == b.timestamp && sameValue(a.value, b.value);
    };
    std::vector<series::SeriesPoint> fresh;
    for (const series::SeriesPoint &p : batch) {
        if (!fresh.empty() && same(fresh.back(), p))
            continue;
        bool held = false;
        const double t = double(p.timestamp);
        for (qsizetype i = series.lowerBound(series::XAxis::WallTime, t);
             !held && i < series.size() && series.timestamp(i) == p.timestamp; ++i)
            held = same(series.point(i), p);
        if (!held)
            fresh.push_back(p);
    }
    return fresh;
}

std::optional<qint64> highestStep(const QList<MetricPoint> &points)
{
    if (points.isEmpty())
        return std::nullopt;
    return std::max_element(points.begin(), points.end(),
                            [](const MetricPoint &a, const MetricPoint &b) { return a.step < b.step; })
        ->step;
}

// Lets the owner cancel `future` (the store aborts the HTTP request).
template <typename T> std::function<void()> cancellerOf(QFuture<T> future)
{
    return [future]() mutable { future.cancel(); };
}

Error cancelledError()
{
    return Error::make(Error::Kind::Cancelled, QCoreApplication::translate("mltf::tracking::RunMonitor",
                                                                           "The request was cancelled."));
}

} // namespace

RunMonitor::RunMonitor(std::shared_ptr<Store> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_intervalSeconds(clampInterval(Settings::value(Settings::Key::PollIntervalSeconds).toInt()))
{
    m_timer.setInterval(m_intervalSeconds * 1000);
    connect(&m_timer, &QTimer::timeout, this, &RunMonitor::onTick);
}

RunMonitor::~RunMonitor()
{
    for (auto &entry : m_runs)
        if (entry.second.cancel)
            entry.second.cancel();
}

int RunMonitor::clampInterval(int seconds)
{
    return std::clamp(seconds, kMinIntervalSeconds, kMaxIntervalSeconds);
}

void RunMonitor::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = clampInterval(seconds);
    m_timer.setInterval(m_intervalSeconds * 1000);
}

void RunMonitor::watch(const QString &runId, const QStringList &metricKeys)
{
    auto it = m_runs.find(runId);
    if (it == m_runs.end()) {
        Watched w;
        w.serial = m_nextSerial++;
        w.keys = metricKeys;
        m_runs.emplace(runId, std::move(w));
        emit stateChanged(runId, State::Loading, QString());
        if (!isWatching(runId)) // a slot unwatched it again
            return;
    } else {
        Watched &w = it->second;
        w.keys = metricKeys;
        if (!metricKeys.isEmpty())
            for (auto m = w.metrics.begin(); m != w.metrics.end();)
                m = metricKeys.contains(m->first) ? std::next(m) : w.metrics.erase(m);
        if (w.busy) {
            w.pollAgain = true;
            return;
        }
    }
    startPoll(runId);
    updateTimer();
}

void RunMonitor::unwatch(const QString &runId)
{
    auto it = m_runs.find(runId);
    if (it == m_runs.end())
        return;
    std::function<void()> cancel = std::move(it->second.cancel);
    m_runs.erase(it);
    if (cancel)
        cancel();
    updateTimer();
}

QStringList RunMonitor::watchedRuns() const
{
    QStringList ids;
    for (const auto &entry : m_runs)
        ids << entry.first;
    return ids;
}

RunMonitor::State RunMonitor::state(const QString &runId) const
{
    const auto it = m_runs.find(runId);
    return it == m_runs.end() ? State::Stopped : it->second.state;
}

std::optional<Run> RunMonitor::run(const QString &runId) const
{
    const auto it = m_runs.find(runId);
    return it == m_runs.end() ? std::nullopt : it->second.run;
}

const series::MetricSeries *RunMonitor::series(const QString &runId, const QString &key) const
{
    const auto it = m_runs.find(runId);
    if (it == m_runs.end())
        return nullptr;
    const auto m = it->second.metrics.find(key);
    return m == it->second.metrics.end() || !m->second.cursor.isLoaded() ? nullptr : &m->second.series;
}

QStringList RunMonitor::loadedKeys(const QString &runId) const
{
    QStringList keys;
    const auto it = m_runs.find(runId);
    if (it != m_runs.end())
        for (const auto &m : it->second.metrics)
            if (m.second.cursor.isLoaded())
                keys << m.first;
    return keys;
}

bool RunMonitor::isBusy(const QString &runId) const
{
    const auto it = m_runs.find(runId);
    return it != m_runs.end() && it->second.busy;
}

void RunMonitor::pollNow()
{
    for (const QString &runId : watchedRuns()) {
        auto it = m_runs.find(runId);
        if (it == m_runs.end() || it->second.busy || it->second.state == State::Stopped)
            continue;
        it->second.ticksToSkip = 0;
        startPoll(runId);
    }
}

void RunMonitor::onTick()
{
    // Copy the ids: a slot connected to a signal below may unwatch runs.
    for (const QString &runId : watchedRuns()) {
        auto it = m_runs.find(runId);
        if (it == m_runs.end() || it->second.busy || it->second.state == State::Stopped)
            continue;
        if (it->second.ticksToSkip > 0) {
            --it->second.ticksToSkip;
            continue;
        }
        startPoll(runId);
    }
}

RunMonitor::Watched *RunMonitor::current(const QString &runId, quint64 serial)
{
    const auto it = m_runs.find(runId);
    return it == m_runs.end() || it->second.serial != serial ? nullptr : &it->second;
}

void RunMonitor::startPoll(const QString &runId)
{
    Watched &w = m_runs.at(runId);
    w.busy = true;
    w.queue.clear();
    const quint64 serial = w.serial;
    QFuture<Result<Run>> future = m_store->getRun(runId);
    w.cancel = cancellerOf(future);
    AsyncResult::watch(
        future, this, [this, runId, serial](const Result<Run> &r) { onRun(runId, serial, r); },
        [this, runId, serial] {
            if (current(runId, serial))
                failPoll(runId, cancelledError());
        });
}

void RunMonitor::onRun(const QString &runId, quint64 serial, const Result<Run> &result)
{
    Watched *w = current(runId, serial);
    if (!w)
        return;
    if (!result.ok()) {
        failPoll(runId, result.error());
        return;
    }
    const Run &run = result.value();
    const bool changed = !w->run || !sameRun(*w->run, run);
    w->run = run;
    for (const Metric &latest : run.metrics) {
        if (!w->keys.isEmpty() && !w->keys.contains(latest.key))
            continue;
        MetricTrack &track = w->metrics[latest.key];
        if (std::optional<HistoryCursor::Fetch> fetch = track.cursor.plan(latest))
            w->queue.append(PendingFetch{latest.key, *fetch});
    }
    if (changed)
        emit runUpdated(runId, run);
    if (current(runId, serial))
        fetchNext(runId);
}

void RunMonitor::fetchNext(const QString &runId)
{
    Watched &w = m_runs.at(runId);
    if (w.queue.isEmpty()) {
        finishPoll(runId);
        return;
    }
    const PendingFetch pending = w.queue.takeFirst();
    const quint64 serial = w.serial;
    const auto lost = [this, runId, serial] {
        if (current(runId, serial))
            failPoll(runId, cancelledError());
    };
    if (pending.fetch.full) {
        QFuture<Result<MetricHistory>> future = m_store->getMetricHistory(runId, pending.key);
        w.cancel = cancellerOf(future);
        AsyncResult::watch(
            future, this,
            [this, runId, serial, pending](const Result<MetricHistory> &r) {
                onHistory(runId, serial, pending, r);
            },
            lost);
        return;
    }
    BulkIntervalQuery query;
    query.runIds = QStringList{runId};
    query.metricKey = pending.key;
    query.maxResults = int(HistoryCursor::kWindowSteps);
    query.startStep = pending.fetch.startStep;
    query.endStep = pending.fetch.endStep;
    QFuture<Result<QList<MetricHistory>>> future = m_store->getMetricHistoryBulkInterval(query);
    w.cancel = cancellerOf(future);
    AsyncResult::watch(
        future, this,
        [this, runId, serial, pending](const Result<QList<MetricHistory>> &r) {
            onWindow(runId, serial, pending, r);
        },
        lost);
}

void RunMonitor::onHistory(const QString &runId, quint64 serial, const PendingFetch &pending,
                           const Result<MetricHistory> &result)
{
    Watched *w = current(runId, serial);
    if (!w)
        return;
    if (!result.ok()) {
        failPoll(runId, result.error());
        return;
    }
    const QList<MetricPoint> &points = result.value().points;
    const std::optional<qint64> highest = highestStep(points);
    if (points.size() < kOffThreadPoints) {
        onSeriesBuilt(runId, serial, pending,
                      series::MetricSeries::fromUnordered(series::SeriesPoint::from(points)), highest);
        return;
    }
    w->cancel = nullptr; // the worker cannot be stopped; its result is dropped if the run is unwatched
    QFuture<series::MetricSeries> built = QtConcurrent::run(
        [points] { return series::MetricSeries::fromUnordered(series::SeriesPoint::from(points)); });
    AsyncResult::watch(
        built, this,
        [this, runId, serial, pending, highest](series::MetricSeries s) {
            onSeriesBuilt(runId, serial, pending, std::move(s), highest);
        },
        [this, runId, serial] {
            if (current(runId, serial))
                failPoll(runId, cancelledError());
        });
}

void RunMonitor::onSeriesBuilt(const QString &runId, quint64 serial, const PendingFetch &pending,
                               series::MetricSeries built, std::optional<qint64> highestStep)
{
    Watched *w = current(runId, serial);
    if (!w)
        return;
    const auto track = w->metrics.find(pending.key);
    if (track == w->metrics.end()) { // no longer watched
        fetchNext(runId);
        return;
    }
    track->second.series = std::move(built);
    afterFetch(runId, pending, highestStep);
    emit seriesLoaded(runId, pending.key);
    if (current(runId, serial))
        fetchNext(runId);
}

void RunMonitor::onWindow(const QString &runId, quint64 serial, const PendingFetch &pending,
                          const Result<QList<MetricHistory>> &result)
{
    Watched *w = current(runId, serial);
    if (!w)
        return;
    if (!result.ok()) {
        failPoll(runId, result.error());
        return;
    }
    const auto track = w->metrics.find(pending.key);
    if (track == w->metrics.end()) {
        fetchNext(runId);
        return;
    }
    QList<MetricPoint> points;
    for (const MetricHistory &h : result.value())
        if (h.runId == runId)
            points.append(h.points);
    std::vector<series::SeriesPoint> fresh =
        freshPoints(track->second.series, series::SeriesPoint::from(points));
    if (!fresh.empty())
        track->second.series.merge(fresh);
    afterFetch(runId, pending, highestStep(points));
    if (!fresh.empty())
        emit pointsAppended(runId, pending.key, fresh);
    if (current(runId, serial))
        fetchNext(runId);
}

void RunMonitor::afterFetch(const QString &runId, const PendingFetch &done, std::optional<qint64> highestStep)
{
    Watched &w = m_runs.at(runId);
    if (std::optional<HistoryCursor::Fetch> next =
            w.metrics.at(done.key).cursor.record(done.fetch, highestStep))
        w.queue.prepend(PendingFetch{done.key, *next});
}

void RunMonitor::finishPoll(const QString &runId)
{
    Watched &w = m_runs.at(runId);
    const quint64 serial = w.serial;
    w.busy = false;
    w.cancel = nullptr;
    w.failures = 0;
    w.ticksToSkip = 0;
    const bool again = std::exchange(w.pollAgain, false);
    const bool ended = w.run && isTerminal(w.run->info.status);
    setState(runId, ended ? State::Stopped : State::Live, QString());
    if (current(runId, serial))
        emit pollFinished(runId, true);
    if (again && current(runId, serial) && !m_runs.at(runId).busy)
        startPoll(runId);
    updateTimer();
}

void RunMonitor::failPoll(const QString &runId, const Error &error)
{
    Watched &w = m_runs.at(runId);
    const quint64 serial = w.serial;
    w.busy = false;
    w.cancel = nullptr;
    w.queue.clear();
    w.pollAgain = false;
    ++w.failures;
    // Wait 2, 4, 8 ... intervals, at most kMaxBackoffSeconds.
    const int maxTicks = std::max(1, kMaxBackoffSeconds / m_intervalSeconds);
    const int ticks = w.failures >= 16 ? maxTicks : std::min(maxTicks, 1 << w.failures);
    w.ticksToSkip = ticks - 1;
    qCInfo(lcTracking) << "polling run" << runId << "failed" << w.failures << "time(s), next try in" << ticks
                       << "interval(s):" << error.message << error.detail;
    setState(runId, State::Failing, error.message);
    if (current(runId, serial))
        emit pollFinished(runId, false);
    updateTimer();
}

void RunMonitor::setState(const QString &runId, State state, const QString &message)
{
    Watched &w = m_runs.at(runId);
    if (w.state == state && w.message == message)
        return;
    w.state = state;
    w.message = message;
    emit stateChanged(runId, state, message);
}

void RunMonitor::updateTimer()
{
    const bool pollable = std::any_of(m_runs.begin(), m_runs.end(),
                                      [](const auto &entry) { return entry.second.state != State::Stopped; });
    if (pollable && !m_timer.isActive())
        m_timer.start();
    else if (!pollable)
        m_timer.stop();
}

} // namespace mltf::tracking
