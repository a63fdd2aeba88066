#pragma once

#include "runs/RunTab.h"

namespace mltf::ui {

class ChartControls;
class ChartGrid;
class LiveRunFeed;

// The System tab of the run page: MLflow's system metrics (`system/…`) as charts grouped per GPU index, then
// CPU, memory, network and disk, with units on the value axes (see SystemMetricCatalog). Time on the x axis
// (since the run's start) by default: system metrics are sampled on a clock, their steps count samples.
class SystemTab : public RunTab
{
    Q_OBJECT
public:
    explicit SystemTab(QWidget *parent = nullptr);

    void showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run) override;
    void clearRun() override;
    // The run page's feed, shared with the Charts tab (null: runs are shown as loaded, not followed).
    void setLiveFeed(LiveRunFeed *feed);

    ChartControls *controls() const { return m_controls; }
    ChartGrid *grid() const { return m_grid; }

public slots:
    void appendPoints(const QString &key, const QList<tracking::MetricPoint> &points);
    void setLive(bool live);

private:
    void showMetricsOf(const tracking::Run &run);

    QString m_runId;
    QStringList m_systemKeys; // charted now
    LiveRunFeed *m_feed = nullptr;
    ChartControls *m_controls;
    ChartGrid *m_grid;
};

} // namespace mltf::ui
