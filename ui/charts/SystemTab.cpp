#include "charts/SystemTab.h"

#include "charts/ChartControls.h"
#include "charts/ChartGrid.h"
#include "charts/SystemMetricCatalog.h"

#include <QVBoxLayout>

namespace mltf::ui {

SystemTab::SystemTab(QWidget *parent)
    : RunTab(parent)
    , m_controls(new ChartControls(this))
    , m_grid(new ChartGrid(this))
{
    setObjectName(QStringLiteral("systemTab"));
    m_controls->setXAxis(series::XAxis::RelativeTime);
    m_grid->setXAxis(series::XAxis::RelativeTime);
    m_grid->setChartSize(340, 220); // many small charts: three columns where the charts tab has two
    connect(m_controls, &ChartControls::smoothingChanged, m_grid, &ChartGrid::setSmoothingWeight);
    connect(m_controls, &ChartControls::xAxisChanged, m_grid, &ChartGrid::setXAxis);
    connect(m_controls, &ChartControls::logYChanged, m_grid, &ChartGrid::setLogY);
    connect(m_controls, &ChartControls::resetZoomRequested, m_grid, &ChartGrid::resetZoom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_controls);
    layout->addWidget(m_grid, 1);
}

void SystemTab::showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run)
{
    QStringList keys;
    for (const tracking::Metric &m : run.metrics)
        keys.append(m.key);
    QList<ChartGrid::Section> sections;
    for (const SystemMetricCatalog::Group &group : SystemMetricCatalog::group(keys)) {
        ChartGrid::Section section{group.title, {}};
        for (const SystemMetricCatalog::Entry &entry : group.entries)
            section.charts.append(ChartGrid::ChartSpec{entry.key, entry.label, entry.valueTitle, true});
        sections.append(section);
    }
    m_grid->setEmptyText(tr("This run has no system metrics. MLflow logs CPU, memory, disk, network and GPU "
                            "usage when system metrics logging is on (mlflow.enable_system_metrics_logging())."));
    m_grid->setSections(sections);
    m_grid->setSource(store, run);
    setLive(run.info.status == tracking::RunStatus::Running);
}

void SystemTab::clearRun()
{
    m_grid->clear();
    setLive(false);
}

void SystemTab::appendPoints(const QString &key, const QList<tracking::MetricPoint> &points)
{
    m_grid->appendPoints(key, points);
}

void SystemTab::setLive(bool live)
{
    m_controls->setLive(live);
}

} // namespace mltf::ui
