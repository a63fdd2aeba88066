#include "charts/ChartsTab.h"

#include "charts/ChartControls.h"
#include "charts/ChartGrid.h"
#include "charts/LiveRunFeed.h"
#include "charts/MetricPicker.h"
#include "charts/SystemMetricCatalog.h"

#include <QSplitter>
#include <QVBoxLayout>

namespace mltf::ui {

ChartsTab::ChartsTab(QWidget *parent)
    : RunTab(parent)
    , m_picker(new MetricPicker(this))
    , m_controls(new ChartControls(this))
    , m_grid(new ChartGrid(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("chartsTab"));
    m_grid->setEmptyText(tr("Choose metrics on the left to chart them."));
    connect(m_picker, &MetricPicker::checkedKeysChanged, this, &ChartsTab::showChosenMetrics);
    connect(m_controls, &ChartControls::smoothingChanged, m_grid, &ChartGrid::setSmoothingWeight);
    connect(m_controls, &ChartControls::xAxisChanged, m_grid, &ChartGrid::setXAxis);
    connect(m_controls, &ChartControls::logYChanged, m_grid, &ChartGrid::setLogY);
    connect(m_controls, &ChartControls::resetZoomRequested, m_grid, &ChartGrid::resetZoom);

    auto *right = new QWidget(m_splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_controls);
    rightLayout->addWidget(m_grid, 1);
    m_splitter->addWidget(m_picker);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({240, 1000});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_splitter);
}

void ChartsTab::setLiveFeed(LiveRunFeed *feed)
{
    m_feed = feed;
    m_grid->setLiveFeed(feed);
    feed->attach(m_controls);
    connect(feed, &LiveRunFeed::runUpdated, this, [this](const QString &runId, const tracking::Run &run) {
        if (runId == m_runId)
            showMetricsOf(run); // metrics that appeared since
    });
}

void ChartsTab::showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run)
{
    if (run.info.runId != m_runId) { // another run: chosen as at first
        m_knownKeys.clear();
        m_picker->setKeys({}, {});
    }
    m_runId = run.info.runId;
    if (m_feed)
        m_feed->follow(store, run); // before the grid asks whether the feed has the histories
    else
        setLive(run.info.status == tracking::RunStatus::Running);
    showMetricsOf(run);
    m_grid->setSource(store, run);
}

void ChartsTab::showMetricsOf(const tracking::Run &run)
{
    QStringList keys;
    for (const tracking::Metric &m : run.metrics)
        keys.append(m.key);

    // Keep the user's choice on a refresh; metrics that are new are chosen like at first (non-system ones).
    const QStringList wasChecked = m_picker->checkedKeys();
    QSet<QString> checked(wasChecked.cbegin(), wasChecked.cend());
    for (const QString &key : std::as_const(keys))
        if (!m_knownKeys.contains(key) && !SystemMetricCatalog::isSystemMetric(key))
            checked.insert(key);
    m_knownKeys = QSet<QString>(keys.cbegin(), keys.cend());
    m_picker->setKeys(keys, checked);

    m_grid->setEmptyText(keys.isEmpty() ? tr("This run has no metrics yet.")
                                        : tr("Choose metrics on the left to chart them."));
    showChosenMetrics(m_picker->checkedKeys());
}

void ChartsTab::clearRun()
{
    if (m_feed)
        m_feed->stop();
    m_runId.clear();
    m_knownKeys.clear();
    m_picker->setKeys({}, {});
    m_grid->clear();
    setLive(false);
}

void ChartsTab::appendPoints(const QString &key, const QList<tracking::MetricPoint> &points)
{
    m_grid->appendPoints(key, points);
}

void ChartsTab::setLive(bool live)
{
    m_controls->setLive(live);
}

void ChartsTab::showChosenMetrics(const QStringList &keys)
{
    ChartGrid::Section section;
    for (const QString &key : keys)
        section.charts.append(ChartGrid::ChartSpec{key, key, {}, false});
    m_grid->setSections({section});
}

} // namespace mltf::ui
