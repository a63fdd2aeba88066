#include "charts/SystemTab.h"

#include "charts/ChartControls.h"
#include "charts/ChartGrid.h"
#include "charts/LiveRunFeed.h"
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

void SystemTab::setLiveFeed(LiveRunFeed *feed)
{
    m_feed = feed;
    m_grid->setLiveFeed(feed);
    feed->attach(m_controls);
    connect(feed, &LiveRunFeed::runUpdated, this, [this](const QString &runId, const tracking::Run &run) {
        if (runId == m_runId)
            showMetricsOf(run); // system metrics that appeared since
    });
}

void SystemTab::showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run)
{
    m_runId = run.info.runId;
    if (m_feed)
        m_feed->follow(store, run); // before the grid asks whether the feed has the histories
    else
        setLive(run.info.status == tracking::RunStatus::Running);
    m_grid->setEmptyText(
        tr("This run has no system metrics. MLflow logs CPU, memory, disk, network and GPU "
           "usage when system metrics logging is on (mlflow.enable_system_metrics_logging())."));
    showMetricsOf(run);
    m_grid->setSource(store, run);
}

void SystemTab::showMetricsOf(const tracking::Run &run)
{
    QStringList keys;
    for (const tracking::Metric &m : run.metrics)
        if (SystemMetricCatalog::isSystemMetric(m.key))
            keys.append(m.key);
    keys.sort();
    if (keys == m_systemKeys && !m_grid->sections().isEmpty())
        return;
    m_systemKeys = keys;
    QList<ChartGrid::Section> sections;
    for (const SystemMetricCatalog::Group &group : SystemMetricCatalog::group(keys)) {
        ChartGrid::Section section{group.title, {}};
        for (const SystemMetricCatalog::Entry &entry : group.entries)
            section.charts.append(ChartGrid::ChartSpec{entry.key, entry.label, entry.valueTitle, true});
        sections.append(section);
    }
    m_grid->setSections(sections);
}

void SystemTab::clearRun()
{
    if (m_feed)
        m_feed->stop();
    m_runId.clear();
    m_systemKeys.clear();
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
