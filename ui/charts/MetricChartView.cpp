#include "charts/MetricChartView.h"

#include "charts/ChartExport.h"
#include "charts/ChartHoverReadout.h"
#include "runs/AsyncResult.h"

#include <QAreaSeries>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QRegularExpression>
#include <QRubberBand>
#include <QScatterSeries>
#include <QTimer>
#include <QValueAxis>
#include <QtConcurrent>

#include <cmath>

namespace mltf::ui {

using series::XAxis;
using series::YScale;

namespace {

const QColor kDefaultColor(0x1f, 0x6f, 0xc5);
const QColor kMarkerColor(0xd6, 0x27, 0x28);
constexpr double kPadFraction = 0.05; // of the y span, above and below the data
// OpenGL pays only for big series that are panned and zoomed a lot; below this QPainter draws nicer lines
// (antialiased, no gaps in dense sub-pixel segments as with Mesa's GL lines) at the same speed, since the
// envelope never hands more than ~2 points per pixel to the series.
constexpr qsizetype kOpenGlMinPoints = 100'000;

// 1, 2 or 5 times a power of ten, so that about `ticks` intervals cover `span`.
double niceInterval(double span, int ticks)
{
    if (!(span > 0) || ticks < 1)
        return 1;
    const double raw = span / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / magnitude;
    const double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
    return nice * magnitude;
}

QString labelFormat(double interval, double largest)
{
    if (largest >= 1e7 || (largest > 0 && largest < 1e-3))
        return QStringLiteral("%.3g");
    const int decimals = interval >= 1 ? 0 : int(std::ceil(-std::log10(interval) - 1e-9));
    return QStringLiteral("%.%1f").arg(qBound(0, decimals, 8));
}

QString formatValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("−Inf");
    return QString::number(value, 'g', 6);
}

QString formatDuration(qint64 ms)
{
    const QString sign = ms < 0 ? QStringLiteral("−") : QStringLiteral("+");
    qint64 s = std::llabs(ms) / 1000;
    const qint64 h = s / 3600;
    s %= 3600;
    return QStringLiteral("%1%2:%3:%4")
        .arg(sign)
        .arg(h)
        .arg(s / 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

void styleAxis(QAbstractAxis *axis)
{
    QFont labels = axis->labelsFont();
    labels.setPointSizeF(labels.pointSizeF() * 0.85);
    axis->setLabelsFont(labels);
    QFont title = axis->titleFont();
    title.setPointSizeF(title.pointSizeF() * 0.85);
    title.setBold(false);
    axis->setTitleFont(title);
    axis->setTitleBrush(QColor(0x55, 0x55, 0x55));
    axis->setLabelsColor(QColor(0x44, 0x44, 0x44));
    axis->setGridLineColor(QColor(0xe4, 0xe4, 0xe4));
    axis->setLinePenColor(QColor(0xb0, 0xb0, 0xb0));
    axis->setMinorGridLineVisible(false);
}

} // namespace

bool MetricChartView::openGlAvailable()
{
    static const bool available = [] {
        const QString platform = QGuiApplication::platformName();
        if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal") ||
            platform.isEmpty() || qEnvironmentVariableIsSet("MLTF_CHARTS_NO_OPENGL"))
            return false;
        QOpenGLContext context;
        return context.create();
    }();
    return available;
}

bool MetricChartView::usesOpenGl() const
{
    return m_main->useOpenGL();
}

MetricChartView::MetricChartView(QWidget *parent)
    : QChartView(parent)
    , m_main(new QLineSeries(this))
    , m_faint(new QLineSeries(this))
    , m_bandUpper(new QLineSeries(this))
    , m_bandLower(new QLineSeries(this))
    , m_band(new QAreaSeries(m_bandUpper, m_bandLower))
    , m_markers(new QScatterSeries(this))
    , m_readout(new ChartHoverReadout)
    , m_liveBadge(new QLabel(tr("● Live"), this))
    , m_status(new QLabel(this))
{
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->setBackgroundRoundness(0);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    setChart(chart); // takes ownership
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    setMinimumSize(300, 210);
    setToolTip(
        tr("Drag to zoom · Ctrl+wheel zooms (with Shift also the values) · middle or Shift+drag pans · "
           "double click resets"));

    m_band->setPen(Qt::NoPen);
    m_markers->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_markers->setMarkerSize(8);
    m_markers->setColor(kMarkerColor);
    m_markers->setBorderColor(kMarkerColor);
    // Drawn bottom to top in this order.
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_band), static_cast<QAbstractSeries *>(m_faint),
          static_cast<QAbstractSeries *>(m_main), static_cast<QAbstractSeries *>(m_markers)})
        chart->addSeries(s);
    setColor(kDefaultColor);
    replaceXAxis();
    replaceYAxis();

    scene()->addItem(m_readout);
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        placeOverlays();
        if (int(std::lround(area.width())) != m_envelopeWidth)
            scheduleRefresh();
    });

    m_liveBadge->setObjectName(QStringLiteral("liveBadge"));
    m_liveBadge->setStyleSheet(QStringLiteral("QLabel { background: #2e9d4f; color: white; font-weight: bold;"
                                              " border-radius: 8px; padding: 1px 8px; }"));
    m_liveBadge->setToolTip(tr("The run is running: new points appear as they arrive."));
    m_liveBadge->hide();
    m_status->setObjectName(QStringLiteral("chartStatus"));
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setStyleSheet(QStringLiteral("QLabel { color: #777; background: transparent; }"));
    m_status->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_status->hide();
    refresh();
}

MetricChartView::~MetricChartView() = default;

void MetricChartView::setMetricKey(const QString &key)
{
    m_key = key;
    setTitle(key);
}

void MetricChartView::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

QString MetricChartView::title() const
{
    return chart()->title();
}

void MetricChartView::setValueTitle(const QString &title)
{
    m_valueTitle = title;
    m_yAxis->setTitleText(title);
}

void MetricChartView::setIncludeZero(bool includeZero)
{
    if (includeZero == m_includeZero)
        return;
    m_includeZero = includeZero;
    refresh();
}

void MetricChartView::setColor(const QColor &color)
{
    m_color = color;
    QPen main(color, m_main->useOpenGL() ? 2.0 : 1.8); // GL draws whole pixel widths
    main.setCapStyle(Qt::RoundCap);
    main.setJoinStyle(Qt::RoundJoin);
    m_main->setPen(main);
    // Blended with white rather than translucent: OpenGL series ignore the pen's alpha.
    const QColor faint =
        QColor::fromRgbF(0.3 * color.redF() + 0.7, 0.3 * color.greenF() + 0.7, 0.3 * color.blueF() + 0.7);
    m_faint->setPen(QPen(faint, 1.0));
    QColor band = color;
    band.setAlpha(45);
    m_band->setBrush(band);
}

void MetricChartView::setData(series::ChartSeries data)
{
    const XAxis axis = m_data.xAxis();
    const double weight = m_data.smoothingWeight();
    m_data = std::move(data);
    m_data.setXAxis(axis);
    m_data.setSmoothingWeight(weight);
    m_data.setTimeOrigin(m_timeOrigin);
    m_zoomX.reset();
    m_zoomY.reset();
    refresh();
    emit zoomChanged();
}

void MetricChartView::setHistory(const QList<tracking::MetricPoint> &points)
{
    series::ChartSeries data(m_data.xAxis());
    data.setSeries(series::MetricSeries::fromUnordered(series::SeriesPoint::from(points)));
    setData(std::move(data));
}

void MetricChartView::clearData()
{
    m_data.clear();
    m_zoomX.reset();
    m_zoomY.reset();
    m_readout->hideReadout();
    refresh();
}

void MetricChartView::appendPoints(const QList<tracking::MetricPoint> &points)
{
    if (!points.isEmpty())
        mergePoints(series::SeriesPoint::from(points));
}

void MetricChartView::mergePoints(const std::vector<series::SeriesPoint> &points)
{
    if (!points.empty() && m_data.merge(points).added > 0)
        refresh();
}

void MetricChartView::appendMetrics(const tracking::Metrics &metrics)
{
    QList<tracking::MetricPoint> points;
    for (const tracking::Metric &m : metrics)
        if (m.key == m_key)
            points.append(tracking::MetricPoint{m.step, m.timestamp, m.value});
    appendPoints(points);
}

void MetricChartView::setStatusText(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    placeOverlays();
}

QString MetricChartView::statusText() const
{
    return m_status->text();
}

void MetricChartView::setSmoothingWeight(double weight)
{
    if (series::ExponentialMovingAverage::clampWeight(weight) == m_data.smoothingWeight())
        return;
    m_data.setSmoothingWeight(weight);
    refresh();
}

void MetricChartView::setXAxisMode(XAxis axis)
{
    if (axis == m_data.xAxis())
        return;
    m_data.setXAxis(axis);
    m_zoomX.reset();
    m_zoomY.reset();
    replaceXAxis();
    refresh();
    emit zoomChanged();
}

void MetricChartView::setTimeOrigin(std::optional<qint64> originMs)
{
    m_timeOrigin = originMs;
    m_data.setTimeOrigin(originMs);
    if (m_data.xAxis() == XAxis::RelativeTime) {
        m_zoomX.reset();
        refresh();
    }
}

void MetricChartView::setLogY(bool logY)
{
    const YScale scale = logY ? YScale::Log : YScale::Linear;
    if (scale == m_yScale)
        return;
    m_yScale = scale;
    m_zoomY.reset();
    replaceYAxis();
    refresh();
}

void MetricChartView::setLive(bool live)
{
    m_live = live;
    m_liveBadge->setVisible(live);
    placeOverlays();
}

void MetricChartView::zoomToX(double x0, double x1)
{
    if (!(x1 > x0) || !std::isfinite(x0) || !std::isfinite(x1))
        return;
    m_zoomX = qMakePair(x0, x1);
    refresh();
    emit zoomChanged();
}

void MetricChartView::zoomTo(double x0, double x1, double y0, double y1)
{
    if (!(y1 > y0) || !std::isfinite(y0) || !std::isfinite(y1))
        return;
    m_zoomY = qMakePair(y0, y1);
    zoomToX(x0, x1);
}

void MetricChartView::resetZoom()
{
    if (!isZoomed())
        return;
    m_zoomX.reset();
    m_zoomY.reset();
    refresh();
    emit zoomChanged();
}

Status MetricChartView::exportPng(const QString &path)
{
    m_readout->hideReadout();
    const bool gl = m_main->useOpenGL();
    m_main->setUseOpenGL(false); // GL lines are not part of a QPainter rendering
    const Status status = ChartExport::writePng(this, path);
    m_main->setUseOpenGL(gl);
    return status;
}

Status MetricChartView::exportSvg(const QString &path)
{
    m_readout->hideReadout();
    const bool gl = m_main->useOpenGL();
    m_main->setUseOpenGL(false);
    const Status status = ChartExport::writeSvg(this, path, title());
    m_main->setUseOpenGL(gl);
    return status;
}

Status MetricChartView::exportCsv(const QString &path) const
{
    return ChartExport::writeCsv(m_data, path);
}

// --- drawing -------------------------------------------------------------------------------------------

QRectF MetricChartView::plotArea() const
{
    return chart()->plotArea();
}

QPair<double, double> MetricChartView::dataXRange() const
{
    double x0 = m_data.firstX();
    double x1 = m_data.lastX();
    if (!std::isfinite(x0) || !std::isfinite(x1))
        return {0, 1};
    if (x1 <= x0) {
        const double pad = m_data.xAxis() == XAxis::WallTime ? 1000 : 1;
        x0 -= pad;
        x1 += pad;
    }
    return {x0, x1};
}

void MetricChartView::scheduleRefresh()
{
    if (m_refreshQueued)
        return;
    m_refreshQueued = true;
    QTimer::singleShot(0, this, [this] {
        if (m_refreshQueued)
            refresh();
    });
}

// Only the main line ever uses OpenGL: GL series are drawn over the whole scene, so a faint line there could
// cover the main one.
void MetricChartView::chooseRenderer()
{
    const bool gl = openGlAvailable() && m_data.raw().size() >= kOpenGlMinPoints;
    if (gl == m_main->useOpenGL())
        return;
    m_main->setUseOpenGL(gl);
    setColor(m_color);
}

void MetricChartView::refresh()
{
    m_refreshQueued = false;
    chooseRenderer();
    const QRectF plot = plotArea();
    m_envelopeWidth = qMax(1, int(std::lround(plot.width())));
    m_shownX = m_zoomX.value_or(dataXRange());

    double yMin = qQNaN();
    double yMax = qQNaN();
    auto include = [&](const series::Envelope &e) {
        if (std::isfinite(e.yMin))
            yMin = std::isfinite(yMin) ? qMin(yMin, e.yMin) : e.yMin;
        if (std::isfinite(e.yMax))
            yMax = std::isfinite(yMax) ? qMax(yMax, e.yMax) : e.yMax;
    };

    const series::Envelope raw = m_data.envelope(m_shownX.first, m_shownX.second, m_envelopeWidth, m_yScale);
    include(raw);
    if (m_data.isSmoothed()) {
        const series::Envelope smooth = m_data.envelope(m_shownX.first, m_shownX.second, m_envelopeWidth,
                                                        m_yScale, series::ChartSeries::Line::Smoothed);
        include(smooth);
        m_main->replace(smooth.polyline());
        m_faint->replace(raw.polyline());
    } else {
        m_main->replace(raw.polyline());
        m_faint->clear();
    }
    // Zoomed out: several points share a pixel column; the band shows their spread.
    const bool zoomedOut = raw.pointCount >= 2 * qMax<qsizetype>(1, raw.columns.size());
    if (zoomedOut) {
        m_bandUpper->replace(raw.upperBand());
        m_bandLower->replace(raw.lowerBand());
    } else {
        m_bandUpper->clear();
        m_bandLower->clear();
    }
    m_band->setVisible(zoomedOut);

    if (m_zoomY) {
        m_shownY = *m_zoomY;
    } else if (m_yScale == YScale::Log) {
        if (!std::isfinite(yMin)) {
            m_shownY = {1, 10};
        } else {
            const double l0 = std::log10(yMin);
            const double l1 = std::log10(yMax);
            const double pad = (l1 > l0 ? l1 - l0 : 1) * kPadFraction;
            m_shownY = {std::pow(10.0, l0 - pad), std::pow(10.0, l1 + pad)};
        }
    } else {
        if (m_includeZero && std::isfinite(yMin)) {
            yMin = qMin(yMin, 0.0);
            yMax = qMax(yMax, 0.0);
        }
        if (!std::isfinite(yMin)) {
            m_shownY = {0, 1};
        } else {
            const double span = yMax > yMin ? yMax - yMin : (yMin != 0 ? std::abs(yMin) * 0.1 : 1);
            // Usage charts get more room on top, so a flat line at its maximum does not read as the frame.
            const double top = m_includeZero ? 3 * kPadFraction : kPadFraction;
            m_shownY = {yMin - span * kPadFraction, yMax + span * top};
        }
    }

    // Markers sit just inside the top (+Inf) or bottom (everything else) edge of the plot.
    QList<QPointF> markers;
    const bool log = m_yScale == YScale::Log;
    const double lo = log ? std::log10(m_shownY.first) : m_shownY.first;
    const double hi = log ? std::log10(m_shownY.second) : m_shownY.second;
    const double inset = (hi - lo) * 0.03;
    const double top = log ? std::pow(10.0, hi - inset) : hi - inset;
    const double bottom = log ? std::pow(10.0, lo + inset) : lo + inset;
    for (const series::EnvelopeMarker &m : raw.markers)
        markers.append(QPointF(m.point.x, m.kind == series::MarkerKind::PositiveInfinity ? top : bottom));
    m_markers->replace(markers);

    updateAxisRanges();
}

void MetricChartView::replaceXAxis()
{
    QAbstractAxis *axis = nullptr;
    switch (m_data.xAxis()) {
    case XAxis::WallTime: {
        auto *time = new QDateTimeAxis;
        time->setTitleText(tr("Time"));
        axis = time;
        break;
    }
    case XAxis::RelativeTime:
    case XAxis::Step: {
        auto *value = new QValueAxis;
        value->setTitleText(m_data.xAxis() == XAxis::Step ? tr("Step") : tr("Time since start (s)"));
        value->setTickType(QValueAxis::TicksDynamic);
        value->setTickAnchor(0);
        axis = value;
        break;
    }
    }
    if (m_xAxis) {
        chart()->removeAxis(m_xAxis);
        delete m_xAxis;
    }
    m_xAxis = axis;
    styleAxis(axis);
    chart()->addAxis(axis, Qt::AlignBottom);
    for (QAbstractSeries *s : chart()->series())
        s->attachAxis(axis);
}

void MetricChartView::replaceYAxis()
{
    // The points drawn for the old axis may not fit the new one (values <= 0 on a log axis); refresh()
    // follows.
    for (QXYSeries *s : {static_cast<QXYSeries *>(m_main), static_cast<QXYSeries *>(m_faint),
                         static_cast<QXYSeries *>(m_bandUpper), static_cast<QXYSeries *>(m_bandLower),
                         static_cast<QXYSeries *>(m_markers)})
        s->clear();
    QAbstractAxis *axis = nullptr;
    if (m_yScale == YScale::Log) {
        auto *log = new QLogValueAxis;
        log->setBase(10);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(-1);
        axis = log;
    } else {
        auto *value = new QValueAxis;
        value->setTickType(QValueAxis::TicksDynamic);
        value->setTickAnchor(0);
        axis = value;
    }
    if (m_yAxis) {
        chart()->removeAxis(m_yAxis);
        delete m_yAxis;
    }
    m_yAxis = axis;
    styleAxis(axis);
    axis->setTitleText(m_valueTitle);
    chart()->addAxis(axis, Qt::AlignLeft);
    for (QAbstractSeries *s : chart()->series())
        s->attachAxis(axis);
}

void MetricChartView::updateAxisRanges()
{
    const QRectF plot = plotArea();
    const auto [x0, x1] = m_shownX;
    if (auto *time = qobject_cast<QDateTimeAxis *>(m_xAxis)) {
        const double span = x1 - x0;
        time->setFormat(span < 10 * 60 * 1000.0         ? QStringLiteral("HH:mm:ss")
                        : span < 2 * 24 * 3600 * 1000.0 ? QStringLiteral("HH:mm")
                                                        : QStringLiteral("MM-dd HH:mm"));
        time->setTickCount(qBound(2, int(plot.width() / 110) + 1, 8));
        time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)),
                       QDateTime::fromMSecsSinceEpoch(qint64(x1)));
    } else if (auto *value = qobject_cast<QValueAxis *>(m_xAxis)) {
        const double interval = niceInterval(x1 - x0, qMax(2, int(plot.width() / 90)));
        value->setTickInterval(interval);
        value->setLabelFormat(labelFormat(interval, qMax(std::abs(x0), std::abs(x1))));
        value->setRange(x0, x1);
    }

    const auto [y0, y1] = m_shownY;
    if (auto *value = qobject_cast<QValueAxis *>(m_yAxis)) {
        const double interval = niceInterval(y1 - y0, qMax(2, int(plot.height() / 45)));
        value->setTickInterval(interval);
        value->setLabelFormat(labelFormat(interval, qMax(std::abs(y0), std::abs(y1))));
        value->setRange(y0, y1);
    } else if (auto *log = qobject_cast<QLogValueAxis *>(m_yAxis)) {
        log->setRange(y0, y1);
    }
}

// --- coordinates ---------------------------------------------------------------------------------------

double MetricChartView::xAt(double px) const
{
    const QRectF plot = plotArea();
    const double f = plot.width() > 0 ? (px - plot.left()) / plot.width() : 0;
    return m_shownX.first + f * (m_shownX.second - m_shownX.first);
}

double MetricChartView::yAt(double py) const
{
    const QRectF plot = plotArea();
    const double f = plot.height() > 0 ? (plot.bottom() - py) / plot.height() : 0;
    if (m_yScale == YScale::Log) {
        const double l0 = std::log10(m_shownY.first);
        const double l1 = std::log10(m_shownY.second);
        return std::pow(10.0, l0 + f * (l1 - l0));
    }
    return m_shownY.first + f * (m_shownY.second - m_shownY.first);
}

QPointF MetricChartView::position(double x, double y) const
{
    const QRectF plot = plotArea();
    const double fx = (x - m_shownX.first) / (m_shownX.second - m_shownX.first);
    double fy;
    if (m_yScale == YScale::Log) {
        const double l0 = std::log10(m_shownY.first);
        fy = (std::log10(y) - l0) / (std::log10(m_shownY.second) - l0);
    } else {
        fy = (y - m_shownY.first) / (m_shownY.second - m_shownY.first);
    }
    return QPointF(plot.left() + fx * plot.width(), plot.bottom() - fy * plot.height());
}

// --- hover read-out ------------------------------------------------------------------------------------

QString MetricChartView::readoutAt(const QPoint &viewPos) const
{
    const QPointF scenePos = mapToScene(viewPos);
    if (!plotArea().contains(scenePos) || m_data.raw().isEmpty())
        return {};
    const qsizetype i = m_data.nearestIndex(xAt(scenePos.x()));
    if (i < 0)
        return {};
    const series::MetricSeries &raw = m_data.raw();
    const qint64 timestamp = raw.timestamp(i);
    QString text = tr("Step %L1").arg(raw.step(i));
    text += QLatin1Char('\n') +
            QDateTime::fromMSecsSinceEpoch(timestamp).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    text += QStringLiteral("  (%1)").arg(formatDuration(timestamp - raw.timeOrigin()));
    text += QLatin1Char('\n') + tr("Value %1").arg(formatValue(raw.value(i)));
    if (m_data.isSmoothed() && i < m_data.smoothed().size())
        text += QLatin1Char('\n') + tr("Smoothed %1").arg(formatValue(m_data.smoothed().value(i)));
    return text;
}

void MetricChartView::updateHover(const QPoint &viewPos)
{
    const QString text = readoutAt(viewPos);
    if (text.isEmpty()) {
        m_readout->hideReadout();
        return;
    }
    const qsizetype i = m_data.nearestIndex(xAt(mapToScene(viewPos).x()));
    const series::MetricSeries &line = m_data.smoothed();
    const double x = line.x(m_data.xAxis(), i);
    const double value = line.value(i);
    std::optional<QPointF> dot;
    if (std::isfinite(value) && (m_yScale == YScale::Linear || value > 0))
        dot = position(x, value);
    const QRectF plot = plotArea();
    if (dot && !plot.contains(*dot))
        dot.reset();
    const qreal guideX = qBound(plot.left(), position(x, m_shownY.second).x(), plot.right());
    m_readout->showAt(plot, guideX, dot, text);
}

void MetricChartView::placeOverlays()
{
    const QRectF plot = mapFromScene(plotArea()).boundingRect();
    const QSize badge = m_liveBadge->sizeHint();
    m_liveBadge->setGeometry(width() - badge.width() - 8, 6, badge.width(), badge.height());
    m_status->setGeometry(plot.toRect());
}

// --- events --------------------------------------------------------------------------------------------

void MetricChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    placeOverlays();
}

void MetricChartView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (!plotArea().contains(mapToScene(pos))) {
        QChartView::mousePressEvent(event);
        return;
    }
    const bool pan = event->button() == Qt::MiddleButton ||
                     (event->button() == Qt::LeftButton && event->modifiers().testFlag(Qt::ShiftModifier));
    if (pan) {
        m_drag = Drag::Pan;
    } else if (event->button() == Qt::LeftButton) {
        m_drag = Drag::Zoom;
        if (!m_rubberBand)
            m_rubberBand = new QRubberBand(QRubberBand::Rectangle, viewport());
        m_rubberBand->setGeometry(QRect(pos, QSize()));
        m_rubberBand->show();
    } else {
        QChartView::mousePressEvent(event);
        return;
    }
    m_dragStart = pos;
    m_dragStartX = m_shownX;
    m_dragStartY = m_shownY;
    m_readout->hideReadout();
    event->accept();
}

void MetricChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    switch (m_drag) {
    case Drag::Zoom: {
        const QRect plot = mapFromScene(plotArea()).boundingRect();
        m_rubberBand->setGeometry(QRect(m_dragStart, pos).normalized() & plot);
        break;
    }
    case Drag::Pan: {
        const QRectF plot = plotArea();
        const double dx =
            (pos.x() - m_dragStart.x()) / plot.width() * (m_dragStartX.second - m_dragStartX.first);
        m_zoomX = qMakePair(m_dragStartX.first - dx, m_dragStartX.second - dx);
        if (m_zoomY) {
            const double f = (pos.y() - m_dragStart.y()) / plot.height();
            if (m_yScale == YScale::Log) {
                const double k = std::pow(m_dragStartY.second / m_dragStartY.first, f);
                m_zoomY = qMakePair(m_dragStartY.first * k, m_dragStartY.second * k);
            } else {
                const double dy = f * (m_dragStartY.second - m_dragStartY.first);
                m_zoomY = qMakePair(m_dragStartY.first + dy, m_dragStartY.second + dy);
            }
        }
        refresh();
        emit zoomChanged();
        break;
    }
    case Drag::None:
        updateHover(pos);
        break;
    }
    event->accept();
}

void MetricChartView::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (drag == Drag::Zoom) {
        const QRect rect = m_rubberBand->geometry();
        m_rubberBand->hide();
        const QRectF scene = mapToScene(rect).boundingRect();
        if (rect.width() >= 5 && rect.height() >= 8)
            zoomTo(xAt(scene.left()), xAt(scene.right()), yAt(scene.bottom()), yAt(scene.top()));
        else if (rect.width() >= 5)
            zoomToX(xAt(scene.left()), xAt(scene.right()));
    }
    if (drag == Drag::None)
        QChartView::mouseReleaseEvent(event);
    else
        event->accept();
}

void MetricChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void MetricChartView::wheelEvent(QWheelEvent *event)
{
    // The plain wheel scrolls the page of charts; zooming takes Ctrl.
    const QPointF scenePos = mapToScene(event->position().toPoint());
    if (!event->modifiers().testFlag(Qt::ControlModifier) || !plotArea().contains(scenePos) ||
        m_data.raw().isEmpty() || event->angleDelta().y() == 0) {
        event->ignore();
        return;
    }
    const double factor = std::pow(0.9985, event->angleDelta().y()); // one notch (120): 0.835
    const double cx = xAt(scenePos.x());
    const double x0 = cx - (cx - m_shownX.first) * factor;
    const double x1 = cx + (m_shownX.second - cx) * factor;
    if (event->modifiers().testFlag(Qt::ShiftModifier)) {
        const double cy = yAt(scenePos.y());
        if (m_yScale == YScale::Log)
            zoomTo(x0, x1, cy * std::pow(m_shownY.first / cy, factor),
                   cy * std::pow(m_shownY.second / cy, factor));
        else
            zoomTo(x0, x1, cy - (cy - m_shownY.first) * factor, cy + (m_shownY.second - cy) * factor);
    } else {
        zoomToX(x0, x1);
    }
    updateHover(event->position().toPoint());
    event->accept();
}

void MetricChartView::leaveEvent(QEvent *event)
{
    m_readout->hideReadout();
    QChartView::leaveEvent(event);
}

void MetricChartView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *reset = menu.addAction(tr("Reset zoom"), this, &MetricChartView::resetZoom);
    reset->setEnabled(isZoomed());
    menu.addSeparator();
    menu.addAction(tr("Export as PNG…"), this,
                   [this] { exportWithDialog(tr("PNG images (*.png)"), QStringLiteral("png")); });
    menu.addAction(tr("Export as SVG…"), this,
                   [this] { exportWithDialog(tr("SVG images (*.svg)"), QStringLiteral("svg")); });
    QAction *csv = menu.addAction(tr("Export data as CSV…"), this, [this] {
        exportWithDialog(tr("CSV files (*.csv)"), QStringLiteral("csv"));
    });
    csv->setEnabled(!m_data.raw().isEmpty());
    m_readout->hideReadout();
    menu.exec(event->globalPos());
}

void MetricChartView::exportWithDialog(const QString &filter, const QString &suffix)
{
    QString name = m_key.isEmpty() ? QStringLiteral("chart") : m_key;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export chart"), name + QLatin1Char('.') + suffix, filter);
    if (path.isEmpty())
        return;
    auto report = [this](const Status &status) {
        if (!status)
            QMessageBox::warning(this, tr("Export chart"),
                                 status.error().message + QLatin1Char('\n') + status.error().detail);
    };
    if (suffix == QLatin1String("png")) {
        report(exportPng(path));
    } else if (suffix == QLatin1String("svg")) {
        report(exportSvg(path));
    } else {
        // Millions of points make a big file: write a copy of the data on a worker.
        AsyncResult::watch(
            QtConcurrent::run([data = m_data, path] { return ChartExport::writeCsv(data, path); }), this,
            report);
    }
}

} // namespace mltf::ui
