#include "charts/ChartGrid.h"

#include "charts/LiveRunFeed.h"
#include "charts/MetricChartView.h"
#include "runs/AsyncResult.h"

#include <QFutureWatcher>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <utility>

namespace mltf::ui {

namespace {

// One colour per section (Tableau 10, darker shades: readable thin lines on white).
const QColor kSectionColors[] = {QColor(0x1f, 0x6f, 0xc5), QColor(0x2c, 0x9a, 0x4a),
                                 QColor(0xd0, 0x6a, 0x0e), QColor(0x8e, 0x4c, 0xb8),
                                 QColor(0xc2, 0x3b, 0x3b), QColor(0x17, 0x9c, 0xa8)};
constexpr int kDefaultChartHeight = 250;
constexpr int kDefaultMinChartWidth = 440;
// Below this many points the series is built on the UI thread (faster than a round trip to a worker).
constexpr qsizetype kWorkerThreshold = 50'000;

series::ChartSeries buildSeries(const QList<tracking::MetricPoint> &points, series::XAxis axis)
{
    series::ChartSeries data(axis);
    data.setSeries(series::MetricSeries::fromUnordered(series::SeriesPoint::from(points)));
    return data;
}

} // namespace

ChartGrid::ChartGrid(QWidget *parent)
    : QScrollArea(parent)
    , m_minChartWidth(kDefaultMinChartWidth)
    , m_chartHeight(kDefaultChartHeight)
    , m_content(new QWidget)
    , m_empty(new QLabel(m_content))
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("QLabel { color: #777; }"));
    setWidget(m_content);
    relayout();
}

ChartGrid::~ChartGrid() = default;

void ChartGrid::setSource(std::shared_ptr<tracking::Store> store, const tracking::Run &run)
{
    const bool sameRun = store == m_store && run.info.runId == m_runId && !m_runId.isEmpty();
    m_store = std::move(store);
    m_runId = run.info.runId;
    m_timeOrigin = run.info.startTime > 0 ? std::optional<qint64>(run.info.startTime) : std::nullopt;
    if (sameRun) {
        // A refresh: fetch the histories again, unless the live feed keeps them up to date.
        for (ChartState &state : m_charts)
            state.stale = state.loaded && !followsLive();
    } else {
        ++m_generation;
        for (ChartState &state : m_charts) {
            ChartState fresh;
            fresh.view = state.view;
            state = std::move(fresh);
            state.view->clearData();
            state.view->setTimeOrigin(m_timeOrigin);
        }
    }
    loadMissing();
}

void ChartGrid::setSections(const QList<Section> &sections)
{
    QHash<QString, ChartState> kept;
    for (int s = 0; s < sections.size(); ++s) {
        const QColor color = kSectionColors[s % int(std::size(kSectionColors))];
        for (const ChartSpec &spec : sections[s].charts) {
            ChartState state = m_charts.take(spec.key);
            if (!state.view)
                state.view = createChart(spec, color);
            state.view->setTitle(spec.title.isEmpty() ? spec.key : spec.title);
            state.view->setValueTitle(spec.valueTitle);
            state.view->setIncludeZero(spec.includeZero);
            state.view->setColor(color);
            kept.insert(spec.key, state);
        }
    }
    for (const ChartState &gone : std::as_const(m_charts))
        delete gone.view;
    m_charts = kept;
    m_sections = sections;
    relayout();
    loadMissing();
}

void ChartGrid::clear()
{
    ++m_generation;
    m_store.reset();
    m_runId.clear();
    setSections({});
}

void ChartGrid::setEmptyText(const QString &text)
{
    m_empty->setText(text);
}

MetricChartView *ChartGrid::createChart(const ChartSpec &spec, const QColor &color)
{
    auto *view = new MetricChartView(m_content);
    view->setMetricKey(spec.key);
    view->setColor(color);
    view->setFixedHeight(m_chartHeight);
    view->setMinimumWidth(m_minChartWidth / 2);
    view->setXAxisMode(m_xAxis);
    view->setTimeOrigin(m_timeOrigin);
    view->setSmoothingWeight(m_smoothing);
    view->setLogY(m_logY);
    return view;
}

void ChartGrid::setChartSize(int minimumWidth, int height)
{
    m_minChartWidth = qMax(200, minimumWidth);
    m_chartHeight = height;
    for (const ChartState &state : std::as_const(m_charts)) {
        state.view->setFixedHeight(m_chartHeight);
        state.view->setMinimumWidth(m_minChartWidth / 2);
    }
    relayout();
}

void ChartGrid::setSmoothingWeight(double weight)
{
    m_smoothing = weight;
    for (const ChartState &state : std::as_const(m_charts))
        state.view->setSmoothingWeight(weight);
}

void ChartGrid::setXAxis(series::XAxis axis)
{
    m_xAxis = axis;
    for (const ChartState &state : std::as_const(m_charts))
        state.view->setXAxisMode(axis);
}

void ChartGrid::setLogY(bool logY)
{
    m_logY = logY;
    for (const ChartState &state : std::as_const(m_charts))
        state.view->setLogY(logY);
}

void ChartGrid::resetZoom()
{
    for (const ChartState &state : std::as_const(m_charts))
        state.view->resetZoom();
}

MetricChartView *ChartGrid::chart(const QString &key) const
{
    return m_charts.value(key).view;
}

QList<MetricChartView *> ChartGrid::charts() const
{
    QList<MetricChartView *> views;
    for (const Section &section : m_sections)
        for (const ChartSpec &spec : section.charts)
            views.append(chart(spec.key));
    return views;
}

int ChartGrid::pendingLoads() const
{
    return int(std::count_if(m_charts.cbegin(), m_charts.cend(),
                             [](const ChartState &s) { return s.request != 0; }));
}

void ChartGrid::appendPoints(const QString &key, const QList<tracking::MetricPoint> &points)
{
    if (MetricChartView *view = chart(key))
        view->appendPoints(points);
}

// --- loading -------------------------------------------------------------------------------------------

namespace {
quint64 nextRequest()
{
    static quint64 requests = 0;
    return ++requests;
}
} // namespace

void ChartGrid::setLiveFeed(LiveRunFeed *feed)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    if (!m_feed)
        return;
    connect(m_feed, &LiveRunFeed::seriesLoaded, this, &ChartGrid::onLiveSeriesLoaded);
    connect(m_feed, &LiveRunFeed::pointsAppended, this, &ChartGrid::onLivePoints);
}

bool ChartGrid::followsLive() const
{
    return m_feed && m_feed->follows(m_runId);
}

void ChartGrid::loadMissing()
{
    if (!m_store || m_runId.isEmpty() || !isVisible())
        return;
    const bool live = followsLive();
    for (auto it = m_charts.begin(); it != m_charts.end(); ++it) {
        if (it->request != 0 || (it->loaded && !it->stale))
            continue;
        if (!live)
            load(it.key(), *it);
        else if (!it->loaded)
            adoptLive(it.key(), *it);
    }
}

void ChartGrid::load(const QString &key, ChartState &state)
{
    const quint64 request = nextRequest();
    state.request = request;
    if (!state.loaded)
        state.view->setStatusText(tr("Loading…"));
    AsyncResult::watch(m_store->getMetricHistory(m_runId, key), this,
                       [this, key, request](const Result<tracking::MetricHistory> &result) {
                           finishLoad(key, request, result);
                       });
}

void ChartGrid::finishLoad(const QString &key, quint64 request, const Result<tracking::MetricHistory> &result)
{
    auto it = m_charts.find(key);
    if (it == m_charts.end() || it->request != request)
        return; // another run, or the chart is gone
    if (!result) {
        if (!it->loaded)
            it->view->setStatusText(tr("Could not load %1.\n%2").arg(key, result.error().message));
        finishBuild(key, request, std::nullopt);
        return;
    }
    const QList<tracking::MetricPoint> &points = result.value().points;
    if (it->loaded) { // a refresh: merge, the chart keeps its zoom
        it->view->appendPoints(points);
        finishBuild(key, request, std::nullopt);
        return;
    }
    it->view->setStatusText(points.isEmpty() ? tr("No points yet.") : QString());
    build(key, request, points.size(), [points, axis = m_xAxis] { return buildSeries(points, axis); });
}

// The monitor of the feed holds the history (or will: seriesLoaded).
void ChartGrid::adoptLive(const QString &key, ChartState &state)
{
    const series::MetricSeries *held = m_feed->monitor()->series(m_runId, key);
    if (!held) {
        state.view->setStatusText(tr("Loading…"));
        return;
    }
    const quint64 request = nextRequest();
    state.request = request;
    state.queued.clear();
    state.view->setStatusText(held->isEmpty() ? tr("No points yet.") : QString());
    auto copy = std::make_shared<series::MetricSeries>(*held);
    build(key, request, copy->size(), [copy, axis = m_xAxis] {
        series::ChartSeries data(axis);
        data.setSeries(std::move(*copy));
        return data;
    });
}

void ChartGrid::build(const QString &key, quint64 request, qsizetype points,
                      std::function<series::ChartSeries()> make)
{
    if (points < kWorkerThreshold) {
        finishBuild(key, request, make());
        return;
    }
    auto *watcher = new QFutureWatcher<series::ChartSeries>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, key, request] {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            finishBuild(key, request, watcher->future().result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(make)));
}

// `data`: the chart's new data; nullopt when the request ended without (failed, or merged already).
void ChartGrid::finishBuild(const QString &key, quint64 request, std::optional<series::ChartSeries> data)
{
    auto it = m_charts.find(key);
    if (it == m_charts.end() || it->request != request)
        return;
    it->request = 0;
    it->stale = false;
    if (data) {
        it->view->setData(std::move(*data));
        it->view->mergePoints(std::exchange(it->queued, {}));
        it->loaded = true;
    }
    if (pendingLoads() == 0)
        emit loadsFinished();
}

void ChartGrid::onLiveSeriesLoaded(const QString &runId, const QString &key)
{
    auto it = m_charts.find(key);
    if (runId != m_runId || it == m_charts.end() || !followsLive())
        return;
    if (!it->loaded) {
        if (isVisible()) // else it takes the series when it is shown (loadMissing)
            adoptLive(key, *it);
        return;
    }
    // A reload after a long gap: merge, keeping the zoom.
    const series::MetricSeries *held = m_feed->monitor()->series(runId, key);
    std::vector<series::SeriesPoint> points;
    points.reserve(size_t(held->size()));
    for (qsizetype i = 0; i < held->size(); ++i)
        points.push_back(held->point(i));
    onLivePoints(runId, key, points);
}

void ChartGrid::onLivePoints(const QString &runId, const QString &key,
                             const std::vector<series::SeriesPoint> &points)
{
    auto it = m_charts.find(key);
    if (runId != m_runId || it == m_charts.end())
        return;
    if (it->request != 0)
        it->queued.insert(it->queued.end(), points.begin(), points.end());
    else if (it->loaded)
        it->view->mergePoints(points);
    // else: not shown yet; it takes the whole series when it is
}

// --- layout --------------------------------------------------------------------------------------------

int ChartGrid::columnCount() const
{
    return qMax(1, viewport()->width() / m_minChartWidth);
}

void ChartGrid::relayout()
{
    m_columns = columnCount();
    qDeleteAll(m_headers);
    m_headers.clear();
    delete m_content->layout();

    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    m_empty->setVisible(m_charts.isEmpty());
    if (m_charts.isEmpty()) {
        layout->addWidget(m_empty, 1);
        return;
    }
    for (const Section &section : std::as_const(m_sections)) {
        if (section.charts.isEmpty())
            continue;
        if (!section.title.isEmpty()) {
            auto *header = new QLabel(section.title, m_content);
            QFont font = header->font();
            font.setBold(true);
            font.setPointSizeF(font.pointSizeF() * 1.1);
            header->setFont(font);
            header->setContentsMargins(2, 6, 0, 0);
            m_headers.append(header);
            layout->addWidget(header);
        }
        auto *grid = new QGridLayout;
        grid->setSpacing(6);
        for (int i = 0; i < section.charts.size(); ++i)
            grid->addWidget(chart(section.charts[i].key), i / m_columns, i % m_columns);
        for (int c = 0; c < m_columns; ++c)
            grid->setColumnStretch(c, 1);
        layout->addLayout(grid);
    }
    layout->addStretch(1);
}

// --- events --------------------------------------------------------------------------------------------

void ChartGrid::showEvent(QShowEvent *event)
{
    QScrollArea::showEvent(event);
    loadMissing();
}

void ChartGrid::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    if (columnCount() != m_columns)
        relayout();
}

} // namespace mltf::ui
