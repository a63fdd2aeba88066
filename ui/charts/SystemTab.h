#pragma once

#include "runs/RunTab.h"

namespace mltf::ui {

class ChartControls;
class ChartGrid;

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

    ChartControls *controls() const { return m_controls; }
    ChartGrid *grid() const { return m_grid; }

public slots:
    void appendPoints(const QString &key, const QList<tracking::MetricPoint> &points);
    void setLive(bool live);

private:
    ChartControls *m_controls;
    ChartGrid *m_grid;
};

} // namespace mltf::ui
