#pragma once

#include "runs/RunTab.h"

#include <QSet>

class QSplitter;

namespace mltf::ui {

class ChartControls;
class ChartGrid;
class LiveRunFeed;
class MetricPicker;

// The Charts tab of the run page: a metric picker (search; `system/` metrics apart) beside a grid with one
// chart per chosen metric (by default every metric that is not a system metric) and the chart controls.
// Histories load asynchronously once the tab is visible; a RUNNING run is followed live through the page's
// LiveRunFeed (new points, new metrics, the "Live" badge).
class ChartsTab : public RunTab
{
    Q_OBJECT
public:
    explicit ChartsTab(QWidget *parent = nullptr);

    void showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run) override;
    void clearRun() override;
    // The run page's feed, shared with the System tab (null: runs are shown as loaded, not followed).
    void setLiveFeed(LiveRunFeed *feed);
    LiveRunFeed *liveFeed() const { return m_feed; }

    MetricPicker *picker() const { return m_picker; }
    ChartControls *controls() const { return m_controls; }
    ChartGrid *grid() const { return m_grid; }

public slots:
    // New points of one metric (live polling); the chart keeps its zoom.
    void appendPoints(const QString &key, const QList<tracking::MetricPoint> &points);
    void setLive(bool live);

private:
    void showChosenMetrics(const QStringList &keys);
    // The picker's metrics (a new one is chosen unless it is a system metric) and the charts chosen.
    void showMetricsOf(const tracking::Run &run);

    QString m_runId;
    QSet<QString> m_knownKeys;
    LiveRunFeed *m_feed = nullptr;
    MetricPicker *m_picker;
    ChartControls *m_controls;
    ChartGrid *m_grid;
    QSplitter *m_splitter;
};

} // namespace mltf::ui
