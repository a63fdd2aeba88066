#include "compare/OverlayChartView.h"

#include "charts/ChartExport.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QTimer>
#include <QValueAxis>

#include <cmath>

namespace mltf::ui {

using series::XAxis;
using series::YScale;

namespace {

constexpr double kPadFraction = 0.05;

// 1, 2 or 5 times a power of ten, so that about `ticks` intervals cover `span`.
double niceInterval(double span, int ticks)
{
    if (!(span > 0) || !std::isfinite(span))
        return 1;
    const double raw = span / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / magnitude;
    return (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10) * magnitude;
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
}

} // namespace

OverlayChartView::OverlayChartView(QWidget *parent)
    : QChartView(parent)
    , m_status(new QLabel(this))
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->setBackgroundRoundness(0);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setShowToolTips(true);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMinimumSize(320, 220);
    setToolTip(tr("Drag to zoom · double click resets · click a run in the legend to hide or show it"));
    replaceXAxis();
    replaceYAxis();
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (int(std::lround(area.width())) != m_envelopeWidth)
            scheduleRefresh();
    });

    m_status->setObjectName(QStringLiteral("overlayStatus"));
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setStyleSheet(QStringLiteral("QLabel { color: #777; background: transparent; }"));
    m_status->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_status->hide();
}

OverlayChartView::~OverlayChartView() = default;

void OverlayChartView::clearLines()
{
    for (Line &line : m_lines) {
        chart()->removeSeries(line.main);
        chart()->removeSeries(line.raw);
        delete line.main;
        delete line.raw;
    }
    m_lines.clear();
}

void OverlayChartView::setRuns(const QStringList &names, const QList<QColor> &colors,
                               const QList<qint64> &startTimes)
{
    clearLines();
    m_zoomX.reset();
    for (int i = 0; i < names.size(); ++i) {
        Line line;
        line.data = series::ChartSeries(m_axis);
        line.data.setSmoothingWeight(m_smoothing);
        if (i < startTimes.size() && startTimes[i] > 0)
            line.data.setTimeOrigin(startTimes[i]);
        line.color = colors.value(i, Qt::darkGray);
        line.raw = new QLineSeries;
        line.main = new QLineSeries;
        line.main->setName(names[i]);
        // The faint raw line first, so every run's main line is drawn over all faint ones.
        m_lines.append(line);
    }
    for (Line &line : m_lines)
        chart()->addSeries(line.raw);
    for (Line &line : m_lines)
        chart()->addSeries(line.main);
    for (int i = 0; i < m_lines.size(); ++i) {
        Line &line = m_lines[i];
        styleLine(line);
        for (QLegendMarker *marker : chart()->legend()->markers(line.main))
            connect(marker, &QLegendMarker::clicked, this, [this, i] { setRunVisible(i, !isRunVisible(i)); });
        for (QAbstractAxis *axis : {m_xAxis, m_yAxis}) {
            line.raw->attachAxis(axis);
            line.main->attachAxis(axis);
        }
    }
    // A legend of dozens of runs would squeeze the plot to nothing; the tables' headers carry the colours.
    chart()->legend()->setVisible(m_lines.size() <= 20);
    scheduleRefresh();
}

void OverlayChartView::styleLine(Line &line)
{
    QPen main(line.color, 1.8);
    main.setCosmetic(true);
    line.main->setPen(main);
    QColor faint = line.color;
    faint.setAlpha(55);
    QPen raw(faint, 1.0);
    raw.setCosmetic(true);
    line.raw->setPen(raw);
    line.main->setVisible(line.visible);
    line.raw->setVisible(line.visible && line.data.isSmoothed());
    for (QLegendMarker *marker : chart()->legend()->markers(line.raw))
        marker->setVisible(false); // showing a series shows its legend entry again
    // A hidden series hides its legend entry too: keep the entry, dimmed, so it can be clicked back on.
    for (QLegendMarker *marker : chart()->legend()->markers(line.main)) {
        marker->setVisible(true);
        QColor label = palette().text().color();
        QColor swatch = line.color;
        if (!line.visible) {
            label.setAlpha(90);
            swatch.setAlpha(60);
        }
        marker->setLabelBrush(label);
        marker->setBrush(swatch);
        marker->setPen(QPen(swatch));
    }
}

void OverlayChartView::setMetricKey(const QString &key)
{
    m_key = key;
    chart()->setTitle(key);
    m_yAxis->setTitleText(key);
}

void OverlayChartView::setHistory(int run, const QList<tracking::MetricPoint> &points)
{
    if (run < 0 || run >= m_lines.size())
        return;
    Line &line = m_lines[run];
    line.data.setSeries(series::MetricSeries::fromUnordered(series::SeriesPoint::from(points)));
    styleLine(line);
    scheduleRefresh();
}

void OverlayChartView::setStatusText(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setGeometry(rect());
}

QString OverlayChartView::statusText() const
{
    return m_status->isVisible() ? m_status->text() : QString();
}

void OverlayChartView::setSmoothingWeight(double weight)
{
    m_smoothing = weight;
    for (Line &line : m_lines) {
        line.data.setSmoothingWeight(weight);
        styleLine(line);
    }
    scheduleRefresh();
}

void OverlayChartView::setXAxisMode(XAxis axis)
{
    if (axis == m_axis)
        return;
    m_axis = axis;
    for (Line &line : m_lines)
        line.data.setXAxis(axis);
    m_zoomX.reset();
    replaceXAxis();
    scheduleRefresh();
}

void OverlayChartView::setLogY(bool logY)
{
    const YScale scale = logY ? YScale::Log : YScale::Linear;
    if (scale == m_yScale)
        return;
    m_yScale = scale;
    replaceYAxis();
    scheduleRefresh();
}

int OverlayChartView::runsWithData() const
{
    int n = 0;
    for (const Line &line : m_lines)
        if (!line.data.raw().isEmpty())
            ++n;
    return n;
}

bool OverlayChartView::isRunVisible(int run) const
{
    return run >= 0 && run < m_lines.size() && m_lines[run].visible;
}

void OverlayChartView::setRunVisible(int run, bool visible)
{
    if (run < 0 || run >= m_lines.size())
        return;
    m_lines[run].visible = visible;
    styleLine(m_lines[run]);
    scheduleRefresh();
}

QLineSeries *OverlayChartView::line(int run) const
{
    return run >= 0 && run < m_lines.size() ? m_lines[run].main : nullptr;
}

void OverlayChartView::attach(QAbstractAxis *axis, Qt::Alignment alignment)
{
    styleAxis(axis);
    chart()->addAxis(axis, alignment);
    for (QAbstractSeries *s : chart()->series())
        s->attachAxis(axis);
}

void OverlayChartView::replaceXAxis()
{
    if (m_xAxis) {
        chart()->removeAxis(m_xAxis);
        delete m_xAxis;
    }
    if (m_axis == XAxis::WallTime) {
        auto *time = new QDateTimeAxis;
        time->setTitleText(tr("Time"));
        time->setFormat(QStringLiteral("dd MMM hh:mm"));
        connect(time, &QDateTimeAxis::rangeChanged, this, [this](const QDateTime &min, const QDateTime &max) {
            onXRangeChanged(double(min.toMSecsSinceEpoch()), double(max.toMSecsSinceEpoch()));
        });
        m_xAxis = time;
    } else {
        auto *value = new QValueAxis;
        value->setTitleText(m_axis == XAxis::Step ? tr("Step") : tr("Time since start (s)"));
        value->setLabelFormat(QStringLiteral("%.6g"));
        connect(value, &QValueAxis::rangeChanged, this, &OverlayChartView::onXRangeChanged);
        m_xAxis = value;
    }
    attach(m_xAxis, Qt::AlignBottom);
}

void OverlayChartView::replaceYAxis()
{
    // Points drawn for a linear axis may not fit a log one (values <= 0); refresh() follows.
    for (Line &line : m_lines) {
        line.main->clear();
        line.raw->clear();
    }
    if (m_yAxis) {
        chart()->removeAxis(m_yAxis);
        delete m_yAxis;
    }
    if (m_yScale == YScale::Log) {
        auto *log = new QLogValueAxis;
        log->setBase(10);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(-1);
        m_yAxis = log;
    } else {
        auto *value = new QValueAxis;
        value->setLabelFormat(QStringLiteral("%.4g"));
        m_yAxis = value;
    }
    m_yAxis->setTitleText(m_key);
    attach(m_yAxis, Qt::AlignLeft);
}

void OverlayChartView::onXRangeChanged(double x0, double x1)
{
    // Only the user's rubber band (or right-click zoom out) zooms; Qt Charts also moves the axis by itself
    // when series are attached.
    if (m_settingRange || !m_userZooming)
        return;
    // Draw the envelopes of the new range.
    m_zoomX = qMakePair(x0, x1);
    scheduleRefresh();
}

void OverlayChartView::resetZoom()
{
    m_zoomX.reset();
    scheduleRefresh();
}

void OverlayChartView::scheduleRefresh()
{
    if (m_refreshQueued)
        return;
    m_refreshQueued = true;
    QTimer::singleShot(0, this, &OverlayChartView::refresh);
}

void OverlayChartView::refresh()
{
    m_refreshQueued = false;
    const int width = qMax(2, int(std::lround(chart()->plotArea().width())));
    m_envelopeWidth = width;

    double x0 = qInf();
    double x1 = -qInf();
    for (const Line &line : std::as_const(m_lines)) {
        if (!line.visible || line.data.raw().isEmpty())
            continue;
        x0 = qMin(x0, line.data.firstX());
        x1 = qMax(x1, line.data.lastX());
    }
    if (m_zoomX) {
        x0 = m_zoomX->first;
        x1 = m_zoomX->second;
    }
    const bool hasRange = std::isfinite(x0) && std::isfinite(x1);
    if (hasRange && x0 == x1) {
        x0 -= 1;
        x1 += 1;
    }

    double yMin = qInf();
    double yMax = -qInf();
    auto widen = [&](const series::Envelope &e) {
        if (!std::isnan(e.yMin)) {
            yMin = qMin(yMin, e.yMin);
            yMax = qMax(yMax, e.yMax);
        }
    };
    for (Line &line : m_lines) {
        if (!hasRange || !line.visible || line.data.raw().isEmpty()) {
            line.main->clear();
            line.raw->clear();
            continue;
        }
        const series::Envelope main =
            line.data.envelope(x0, x1, width, m_yScale, series::ChartSeries::Line::Smoothed);
        line.main->replace(main.polyline());
        widen(main);
        if (line.data.isSmoothed()) {
            const series::Envelope raw =
                line.data.envelope(x0, x1, width, m_yScale, series::ChartSeries::Line::Raw);
            line.raw->replace(raw.polyline());
            widen(raw);
        } else {
            line.raw->clear();
        }
    }
    if (!std::isfinite(yMin)) {
        yMin = m_yScale == YScale::Log ? 0.1 : 0;
        yMax = m_yScale == YScale::Log ? 10 : 1;
    }
    if (m_yScale == YScale::Log) {
        yMin /= 1.15;
        yMax *= 1.15;
    } else {
        const double pad = yMax > yMin ? (yMax - yMin) * kPadFraction : qMax(1e-9, std::abs(yMax) * 0.05);
        yMin -= pad;
        yMax += pad;
    }

    m_settingRange = true;
    // Fixed ticks while the range changes: dynamic ticks at the old interval over a much wider new range
    // would create thousands of tick items. Then ticks at round values (evenly spaced ones over the data's
    // own ends read 599.75, 1199.5, ...).
    for (QAbstractAxis *axis : {m_xAxis, m_yAxis})
        if (auto *value = qobject_cast<QValueAxis *>(axis))
            value->setTickType(QValueAxis::TicksFixed);
    if (hasRange) {
        if (auto *time = qobject_cast<QDateTimeAxis *>(m_xAxis))
            time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)),
                           QDateTime::fromMSecsSinceEpoch(qint64(x1)));
        else
            m_xAxis->setRange(x0, x1);
    }
    m_yAxis->setRange(yMin, yMax);
    for (QAbstractAxis *axis : {m_xAxis, m_yAxis}) {
        if (auto *value = qobject_cast<QValueAxis *>(axis)) {
            value->setTickAnchor(0);
            value->setTickInterval(niceInterval(value->max() - value->min(), axis == m_xAxis ? 8 : 5));
            value->setTickType(QValueAxis::TicksDynamic);
        }
    }
    m_settingRange = false;
}

void OverlayChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    m_status->setGeometry(rect());
}

void OverlayChartView::mouseReleaseEvent(QMouseEvent *event)
{
    m_userZooming = true;
    QChartView::mouseReleaseEvent(event);
    m_userZooming = false;
}

void OverlayChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

Status OverlayChartView::exportPng(const QString &path)
{
    return ChartExport::writePng(this, path);
}

Status OverlayChartView::exportSvg(const QString &path)
{
    return ChartExport::writeSvg(this, path, m_key);
}

} // namespace mltf::ui
