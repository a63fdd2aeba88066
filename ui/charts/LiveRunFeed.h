#pragma once

#include "series/SeriesPoint.h"
#include "tracking/Run.h"
#include "tracking/RunMonitor.h"

#include <QObject>

#include <memory>
#include <vector>

namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

class ChartControls;

// Keeps the run shown on the run page up to date while it is RUNNING, for the Charts and System tabs
// together: one tracking::RunMonitor (so one runs/get per tick for both tabs) watching every metric of the
// run. The tabs call follow() from showRun(); while follows(runId) is true their charts take their histories
// from the monitor (monitor()->series()) and its signals, which the feed passes on, instead of loading them.
class LiveRunFeed : public QObject
{
    Q_OBJECT
public:
    explicit LiveRunFeed(QObject *parent = nullptr);
    ~LiveRunFeed() override;

    // Watches `run` if it is RUNNING and nothing else. A run already watched stays watched (its last poll
    // sees it end); another store starts a new monitor.
    void follow(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run);
    void stop();
    // Whether the charts of `runId` come from the feed (also after the run ended while it was watched).
    bool follows(const QString &runId) const;
    tracking::RunMonitor *monitor() const { return m_monitor.get(); }
    // The monitor's state of the run followed (Stopped when none).
    tracking::RunMonitor::State state() const;
    QString message() const { return m_message; }

    // Shows the state of the run followed in `controls` (the badge, the interval) and takes the interval the
    // user sets there.
    void attach(ChartControls *controls);

    int intervalSeconds() const { return m_intervalSeconds; }
    // Clamped to 1–300 s and saved as the setting (Settings::Key::PollIntervalSeconds).
    void setIntervalSeconds(int seconds);

signals:
    void seriesLoaded(const QString &runId, const QString &key);
    void pointsAppended(const QString &runId, const QString &key,
                        const std::vector<mltf::series::SeriesPoint> &points);
    void runUpdated(const QString &runId, const mltf::tracking::Run &run);
    void stateChanged(const QString &runId, mltf::tracking::RunMonitor::State state, const QString &message);
    void intervalChanged(int seconds);
    // The state of the run followed changed (Stopped: none is followed any more).
    void followedStateChanged(mltf::tracking::RunMonitor::State state, const QString &message);

private:
    std::shared_ptr<tracking::Store> m_store;
    std::unique_ptr<tracking::RunMonitor> m_monitor;
    QString m_runId;
    QString m_message;
    int m_intervalSeconds;
};

} // namespace mltf::ui
