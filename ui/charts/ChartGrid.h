#pragma once

#include "series/ChartSeries.h"
#include "series/SeriesPoint.h"
#include "series/XAxis.h"
#include "tracking/Metric.h"
#include "tracking/Run.h"
#include "tracking/Store.h"

#include <QHash>
#include <QList>
#include <QScrollArea>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QLabel;

namespace mltf::ui {

class LiveRunFeed;
class MetricChartView;

// A scrolling grid of charts of one run's metrics, in titled sections, as many columns as fit. It loads each
// chart's history from the store (Store::getMetricHistory) only while it is visible, builds large series on a
// worker, and applies the display settings (smoothing, x axis, log-y) to every chart. While a LiveRunFeed
// follows the run, the histories come from the feed's monitor instead and its new points are merged as they
// arrive, keeping each chart's zoom. (The "Live" badge is the tab's, in ChartControls, rather than one on
// every chart.)
class ChartGrid : public QScrollArea
{
    Q_OBJECT
public:
    struct ChartSpec
    {
        QString key;
        QString title;            // empty: the key
        QString valueTitle;       // y-axis title with unit, may be empty
        bool includeZero = false; // the y range reaches 0 (usage quantities)
    };
    struct Section
    {
        QString title; // empty: no header
        QList<ChartSpec> charts;
    };

    explicit ChartGrid(QWidget *parent = nullptr);
    ~ChartGrid() override;

    // The run whose metrics are drawn. Another run drops every chart's data; the same run again (a refresh)
    // fetches the histories again and merges them, keeping each chart's zoom.
    void setSource(std::shared_ptr<tracking::Store> store, const tracking::Run &run);
    // Where the data of a RUNNING run comes from (shared by the tabs of a run page; may be null).
    void setLiveFeed(LiveRunFeed *feed);
    // The charts to show. Charts of keys that stay keep their data and zoom.
    void setSections(const QList<Section> &sections);
    const QList<Section> &sections() const { return m_sections; }
    // Removes every chart and forgets the run.
    void clear();
    // Shown instead of the grid when there is no chart.
    void setEmptyText(const QString &text);
    // Chart size: height, and the narrowest width before the grid drops a column.
    void setChartSize(int minimumWidth, int height);

    void setSmoothingWeight(double weight);
    void setXAxis(series::XAxis axis);
    void setLogY(bool logY);

    MetricChartView *chart(const QString &key) const;
    QList<MetricChartView *> charts() const;
    // Histories requested and not arrived yet.
    int pendingLoads() const;

public slots:
    // New points of one metric (from live polling): merged into its chart, keeping the zoom.
    void appendPoints(const QString &key, const QList<tracking::MetricPoint> &points);
    void resetZoom();

signals:
    // Every chart's history has arrived (or failed).
    void loadsFinished();

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct ChartState
    {
        MetricChartView *view = nullptr;
        bool loaded = false;                     // its history arrived at least once for this run
        bool stale = false;                      // loaded, but the run was refreshed since
        quint64 request = 0;                     // generation of the request in flight, 0: none
        std::vector<series::SeriesPoint> queued; // live points that came while the series was being built
    };

    void loadMissing();
    void load(const QString &key, ChartState &state);
    void finishLoad(const QString &key, quint64 request, const Result<tracking::MetricHistory> &result);
    // Gives the chart of `key` the series `make` builds (on a worker when it has `points` or more points).
    void build(const QString &key, quint64 request, qsizetype points,
               std::function<series::ChartSeries()> make);
    void finishBuild(const QString &key, quint64 request, std::optional<series::ChartSeries> data);
    bool followsLive() const;
    void adoptLive(const QString &key, ChartState &state);
    void onLiveSeriesLoaded(const QString &runId, const QString &key);
    void onLivePoints(const QString &runId, const QString &key,
                      const std::vector<series::SeriesPoint> &points);
    MetricChartView *createChart(const ChartSpec &spec, const QColor &color);
    void relayout();
    int columnCount() const;

    std::shared_ptr<tracking::Store> m_store;
    LiveRunFeed *m_feed = nullptr;
    QString m_runId;
    std::optional<qint64> m_timeOrigin;
    quint64 m_generation = 0;
    QList<Section> m_sections;
    QHash<QString, ChartState> m_charts;
    QList<QLabel *> m_headers;
    int m_columns = 0;
    int m_minChartWidth;
    int m_chartHeight;

    double m_smoothing = 0;
    series::XAxis m_xAxis = series::XAxis::Step;
    bool m_logY = false;

    QWidget *m_content;
    QLabel *m_empty;
};

} // namespace mltf::ui
