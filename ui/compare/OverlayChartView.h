#pragma once

#include "series/ChartSeries.h"
#include "tracking/Metric.h"
#include "util/Error.h"

#include <QChartView>
#include <QColor>

#include <optional>

class QAbstractAxis;
class QLabel;
class QLineSeries;

namespace mltf::ui {

// One metric of several runs on one plot, a line per run in the run's colour. Each line is drawn from the
// envelope of its series (series::ChartSeries) at the plot's pixel width, like MetricChartView's single line,
// so runs of millions of points stay cheap; the raw line shows faint behind the smoothed one.
// Clicking a run's legend entry hides or shows its line. Drag a horizontal band to zoom, double click resets.
class OverlayChartView : public QChartView
{
    Q_OBJECT
public:
    explicit OverlayChartView(QWidget *parent = nullptr);
    ~OverlayChartView() override;

    // Starts over with these runs (no data yet). `startTimes` (ms) are the origins of the relative-time axis.
    void setRuns(const QStringList &names, const QList<QColor> &colors, const QList<qint64> &startTimes);
    void setMetricKey(const QString &key);
    QString metricKey() const { return m_key; }
    void setHistory(int run, const QList<tracking::MetricPoint> &points);
    // "Loading…", an error; empty hides it.
    void setStatusText(const QString &text);
    QString statusText() const;

    void setSmoothingWeight(double weight);
    void setXAxisMode(series::XAxis axis);
    series::XAxis xAxisMode() const { return m_axis; }
    void setLogY(bool logY);
    bool isLogY() const { return m_yScale == series::YScale::Log; }

    int runCount() const { return int(m_lines.size()); }
    // Runs whose line has points.
    int runsWithData() const;
    bool isRunVisible(int run) const;
    void setRunVisible(int run, bool visible);
    // The drawn (main) line of a run; its name is the run's.
    QLineSeries *line(int run) const;
    int envelopeWidth() const { return m_envelopeWidth; }

    Status exportPng(const QString &path);
    Status exportSvg(const QString &path);

public slots:
    void resetZoom();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    struct Line
    {
        series::ChartSeries data;
        QLineSeries *main = nullptr;
        QLineSeries *raw = nullptr;
        QColor color;
        bool visible = true;
    };

    void clearLines();
    void replaceXAxis();
    void replaceYAxis();
    void attach(QAbstractAxis *axis, Qt::Alignment alignment);
    void scheduleRefresh();
    void refresh();
    void onXRangeChanged(double x0, double x1);
    void styleLine(Line &line);

    QString m_key;
    QList<Line> m_lines;
    series::XAxis m_axis = series::XAxis::Step;
    series::YScale m_yScale = series::YScale::Linear;
    double m_smoothing = 0;
    std::optional<QPair<double, double>> m_zoomX;
    QAbstractAxis *m_xAxis = nullptr;
    QAbstractAxis *m_yAxis = nullptr;
    QLabel *m_status;
    int m_envelopeWidth = 0;
    bool m_refreshQueued = false;
    bool m_settingRange = false;
    bool m_userZooming = false;
};

} // namespace mltf::ui
