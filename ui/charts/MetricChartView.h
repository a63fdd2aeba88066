#pragma once

#include "series/ChartSeries.h"
#include "tracking/Metric.h"
#include "util/Error.h"

#include <QChartView>
#include <QColor>

#include <optional>

class QAreaSeries;
class QLabel;
class QLineSeries;
class QRubberBand;
class QScatterSeries;
class QAbstractAxis;

namespace mltf::ui {

class ChartHoverReadout;

// One metric drawn with Qt Charts from the envelope of its series (series::ChartSeries) at the plot's pixel
// width: never more than ~2 points per pixel column reach a QLineSeries, whatever the number of points, and
// the envelope is asked again whenever the width or the visible range changes.
//
// Drawing: the main line (the smoothed series when smoothing is on, else the raw one), the raw line faint
// behind it while smoothing, a min/max band of the raw values when zoomed out (several points per column),
// and markers at the top (+Inf) or bottom (NaN, -Inf, values <= 0 on a log axis) of the plot.
//
// Interaction: left drag zooms to the rectangle (x only when it is flat), Ctrl+wheel zooms x around the
// cursor (Ctrl+Shift also y; the plain wheel is left to the scrolling page of charts), middle drag or
// Shift+left drag pans, a double click resets; hovering shows step, time and value of the nearest point;
// the context menu resets and exports PNG, SVG and CSV.
//
// Live data: appendPoints() merges new points and keeps the user's zoom; without zoom the view follows the
// data. setLive() shows a "Live" badge.
class MetricChartView : public QChartView
{
    Q_OBJECT
public:
    explicit MetricChartView(QWidget *parent = nullptr);
    ~MetricChartView() override;

    QString metricKey() const { return m_key; }
    // The metric shown; also the default title.
    void setMetricKey(const QString &key);
    void setTitle(const QString &title);
    QString title() const;
    // The y-axis title, with the unit ("Utilization (%)"); empty: none.
    void setValueTitle(const QString &title);
    void setColor(const QColor &color);
    // Whether the automatic y range (linear axis) always reaches down (or up) to 0, as for usage quantities.
    void setIncludeZero(bool includeZero);

    // --- data ------------------------------------------------------------------------------------------
    // Replaces the data (built elsewhere, e.g. on a worker) and resets the zoom.
    void setData(series::ChartSeries data);
    void setHistory(const QList<tracking::MetricPoint> &points);
    const series::ChartSeries &data() const { return m_data; }
    void clearData();
    // "Loading…", an error, … shown over the plot; empty hides it.
    void setStatusText(const QString &text);
    QString statusText() const;

    // --- presentation ----------------------------------------------------------------------------------
    void setSmoothingWeight(double weight);
    double smoothingWeight() const { return m_data.smoothingWeight(); }
    // Changing the axis resets the zoom (the units differ).
    void setXAxisMode(series::XAxis axis);
    series::XAxis xAxisMode() const { return m_data.xAxis(); }
    // Origin of the relative-time axis (the run's start), nullopt: the first point.
    void setTimeOrigin(std::optional<qint64> originMs);
    void setLogY(bool logY);
    bool isLogY() const { return m_yScale == series::YScale::Log; }
    bool isLive() const { return m_live; }

    // --- zoom ------------------------------------------------------------------------------------------
    bool isZoomed() const { return m_zoomX.has_value() || m_zoomY.has_value(); }
    // The x range shown (the data's when not zoomed).
    QPair<double, double> visibleXRange() const { return m_shownX; }
    QPair<double, double> visibleYRange() const { return m_shownY; }
    void zoomToX(double x0, double x1);
    void zoomTo(double x0, double x1, double y0, double y1);

    // --- export ----------------------------------------------------------------------------------------
    Status exportPng(const QString &path);
    Status exportSvg(const QString &path);
    Status exportCsv(const QString &path) const;

    // What is drawn (for tests): the main line, the faint raw line (empty unless smoothing), the band.
    QLineSeries *mainLine() const { return m_main; }
    QLineSeries *rawLine() const { return m_faint; }
    QAreaSeries *band() const { return m_band; }
    QScatterSeries *markers() const { return m_markers; }
    // The pixel width of the last envelope request.
    int envelopeWidth() const { return m_envelopeWidth; }
    // The hover read-out's text for a point of the view (empty outside the plot or without data).
    QString readoutAt(const QPoint &viewPos) const;

    // Whether OpenGL can draw series here: not on the offscreen/minimal platforms (Qt Charts crashes there)
    // nor when MLTF_CHARTS_NO_OPENGL is set, and only if an OpenGL context can be created. Where it can, the
    // main line of a series of 100,000 points or more uses it.
    static bool openGlAvailable();
    bool usesOpenGl() const;

public slots:
    // Merges newly arrived points (a tail or the whole history; duplicates are ignored) and keeps the zoom.
    void appendPoints(const QList<tracking::MetricPoint> &points);
    void mergePoints(const std::vector<series::SeriesPoint> &points);
    // The same for points of several metrics: only those with this chart's key are taken.
    void appendMetrics(const tracking::Metrics &metrics);
    void setLive(bool live);
    void resetZoom();

signals:
    // The visible range changed by zoom, pan or reset.
    void zoomChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void refresh();
    void chooseRenderer();
    void scheduleRefresh();
    void replaceXAxis();
    void replaceYAxis();
    void updateAxisRanges();
    void updateHover(const QPoint &viewPos);
    void placeOverlays();
    void exportWithDialog(const QString &filter, const QString &suffix);
    QRectF plotArea() const;
    double xAt(double px) const;
    double yAt(double py) const;
    QPointF position(double x, double y) const;
    QPair<double, double> dataXRange() const;

    QString m_key;
    series::ChartSeries m_data;
    series::YScale m_yScale = series::YScale::Linear;
    std::optional<QPair<double, double>> m_zoomX;
    std::optional<QPair<double, double>> m_zoomY;
    QPair<double, double> m_shownX{0, 1};
    QPair<double, double> m_shownY{0, 1};
    int m_envelopeWidth = 0;
    bool m_live = false;
    bool m_includeZero = false;
    bool m_refreshQueued = false;

    QLineSeries *m_main;
    QLineSeries *m_faint;
    QLineSeries *m_bandUpper;
    QLineSeries *m_bandLower;
    QAreaSeries *m_band;
    QScatterSeries *m_markers;
    QAbstractAxis *m_xAxis = nullptr;
    QAbstractAxis *m_yAxis = nullptr;
    QString m_valueTitle;
    QColor m_color;
    std::optional<qint64> m_timeOrigin;

    ChartHoverReadout *m_readout;
    QLabel *m_liveBadge;
    QLabel *m_status;

    enum class Drag { None, Zoom, Pan };
    Drag m_drag = Drag::None;
    QPoint m_dragStart;
    QPair<double, double> m_dragStartX;
    QPair<double, double> m_dragStartY;
    QRubberBand *m_rubberBand = nullptr;
};

} // namespace mltf::ui
