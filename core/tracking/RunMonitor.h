#pragma once

#include "series/MetricSeries.h"
#include "series/SeriesPoint.h"
#include "tracking/HistoryCursor.h"
#include "tracking/Run.h"
#include "util/Error.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace mltf::tracking {

class Store;

// Watches runs live: polls them every intervalSeconds() and keeps one series::MetricSeries per watched metric
// up to date, fetching as little as the server allows.
//
// Per tick and run: one runs/get (cheap: info plus the latest value of each metric). Only the metrics whose
// latest step or timestamp moved are fetched, and only their new steps (HistoryCursor: get-history once, then
// get-history-bulk-interval windows). Never more than one request in flight per run: a run still busy when
// the next tick comes is skipped. A run that is FINISHED, FAILED or KILLED gets one last poll (its final
// points) and is then no longer polled. A failed request ends the poll; the run is retried after 2, 4, 8 ...
// intervals (at most kMaxBackoffSeconds apart) and reported as State::Failing with a message meanwhile.
//
// For a chart (one series::ChartSeries per line):
//     connect(monitor, &RunMonitor::seriesLoaded, [=](auto run, auto key) {
//         line.setSeries(*monitor->series(run, key)); });            // whole history (first load, reload)
//     connect(monitor, &RunMonitor::pointsAppended, [=](auto run, auto key, const auto &points) {
//         line.merge(points); });                                      // only points not delivered before
//     connect(monitor, &RunMonitor::stateChanged, ...);               // "Live" badge, error text
//     monitor->watch(runId, {"loss", "val_loss"});
// Signals come on the monitor's thread (the UI thread); the store must live there too.
class RunMonitor : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Loading, // watched, first poll not complete yet
        Live,    // polled at every tick
        Failing, // the last poll failed; retried with backoff (message says why)
        Stopped, // the run ended and its last points were fetched: no longer polled
    };
    Q_ENUM(State)

    static constexpr int kMinIntervalSeconds = 1;
    static constexpr int kMaxIntervalSeconds = 300;
    static constexpr int kMaxBackoffSeconds = 300;

    // The interval starts at Settings::Key::PollIntervalSeconds (5 s by default).
    explicit RunMonitor(std::shared_ptr<Store> store, QObject *parent = nullptr);
    ~RunMonitor() override;

    int intervalSeconds() const { return m_intervalSeconds; }
    // Clamped to [kMinIntervalSeconds, kMaxIntervalSeconds]; applies from the next tick.
    void setIntervalSeconds(int seconds);
    static int clampInterval(int seconds);

    // Starts watching `runId` (or changes its metrics) and polls it at once. `metricKeys` empty: every metric
    // the run has, also ones that appear later. A stopped run is polled once more.
    void watch(const QString &runId, const QStringList &metricKeys = {});
    // Stops watching and forgets the run's series; a request in flight is cancelled.
    void unwatch(const QString &runId);
    bool isWatching(const QString &runId) const { return m_runs.count(runId) > 0; }
    QStringList watchedRuns() const;

    State state(const QString &runId) const;
    // The run as the last runs/get returned it.
    std::optional<Run> run(const QString &runId) const;
    // The history of a watched metric; null until its first load completed (seriesLoaded).
    const series::MetricSeries *series(const QString &runId, const QString &key) const;
    // Metrics whose history is held, sorted.
    QStringList loadedKeys(const QString &runId) const;
    // True while a poll of the run is under way (a request in flight or its result being processed).
    bool isBusy(const QString &runId) const;

    // Polls every watched, idle, not stopped run now (a "Refresh" button), ignoring backoff.
    void pollNow();

signals:
    // A poll returned a run that differs from the previous one (status, end time, latest metrics, tags ...).
    void runUpdated(const QString &runId, const mltf::tracking::Run &run);
    // The whole history of `key` is now in series(runId, key) (first load, or a reload after a long gap).
    void seriesLoaded(const QString &runId, const QString &key);
    // New points were merged into series(runId, key): only points it did not hold before, in time order.
    void pointsAppended(const QString &runId, const QString &key,
                        const std::vector<mltf::series::SeriesPoint> &points);
    // The run's state changed (or, while Failing, its message). `message` is empty unless Failing.
    void stateChanged(const QString &runId, mltf::tracking::RunMonitor::State state, const QString &message);
    // A poll of the run ended (successfully or not); for status lines ("updated 12:03:10") and tests.
    void pollFinished(const QString &runId, bool ok);

private:
    struct MetricTrack
    {
        series::MetricSeries series;
        HistoryCursor cursor;
    };
    struct PendingFetch
    {
        QString key;
        HistoryCursor::Fetch fetch;
    };
    struct Watched
    {
        quint64 serial = 0; // tells results for an earlier watch of the same run apart
        QStringList keys;   // empty: all
        State state = State::Loading;
        QString message;
        std::optional<Run> run;
        std::map<QString, MetricTrack> metrics;
        bool busy = false;
        bool pollAgain = false; // watch() changed the metrics during a poll
        int failures = 0;
        int ticksToSkip = 0; // backoff
        QList<PendingFetch> queue;
        std::function<void()> cancel; // of the request in flight
    };

    void onTick();
    void startPoll(const QString &runId);
    void onRun(const QString &runId, quint64 serial, const Result<Run> &result);
    void fetchNext(const QString &runId);
    void onHistory(const QString &runId, quint64 serial, const PendingFetch &pending,
                   const Result<MetricHistory> &result);
    void onSeriesBuilt(const QString &runId, quint64 serial, const PendingFetch &pending,
                       series::MetricSeries built, std::optional<qint64> highestStep);
    void onWindow(const QString &runId, quint64 serial, const PendingFetch &pending,
                  const Result<QList<MetricHistory>> &result);
    void afterFetch(const QString &runId, const PendingFetch &done, std::optional<qint64> highestStep);
    void finishPoll(const QString &runId);
    void failPoll(const QString &runId, const Error &error);
    void setState(const QString &runId, State state, const QString &message);
    // The entry for `runId` if it is still the watch that `serial` belongs to.
    Watched *current(const QString &runId, quint64 serial);
    void updateTimer();

    std::shared_ptr<Store> m_store;
    std::map<QString, Watched> m_runs;
    QTimer m_timer;
    int m_intervalSeconds = 5;
    quint64 m_nextSerial = 1;
};

} // namespace mltf::tracking
