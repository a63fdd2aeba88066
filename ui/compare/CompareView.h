#pragma once

#include "tracking/RunComparison.h"
#include "util/Error.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolButton;

namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

class ChartControls;
class CompareHistories;
class CompareTableModel;
class OverlayChartView;
class ParallelCoordinatesView;
class ParamScatterView;

// Several runs side by side: what differs between them (params, tags) and what it did (metrics, charts).
// Above, the tables with the runs as columns (params and tags with "only differences" on); below, the charts:
// a metric of every run overlaid, a param against a metric, and parallel coordinates over chosen params and
// a metric. The metrics' min and max need the whole histories: they are fetched per key in the background
// (CompareHistories), the overlay's key first.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMinRuns = 2;
    static constexpr int kMaxRuns = 100;
    enum class Statistic { Last, Min, Max };

    explicit CompareView(QWidget *parent = nullptr);
    ~CompareView() override;

    void setStore(std::shared_ptr<tracking::Store> store);
    // Shows these runs (at most kMaxRuns are taken).
    void compare(const tracking::Runs &runs);
    const tracking::RunComparison &comparison() const { return m_comparison; }

    // The values of a metric statistic per run (nullopt: not logged, or its history is not loaded yet).
    QList<std::optional<double>> metricValues(const QString &key, Statistic statistic) const;

    CompareTableModel *paramsModel() const { return m_params; }
    CompareTableModel *metricsModel() const { return m_metrics; }
    CompareTableModel *tagsModel() const { return m_tags; }
    QCheckBox *onlyDifferencesBox() const { return m_onlyDifferences; }
    QTabWidget *tableTabs() const { return m_tableTabs; }
    QTabWidget *chartTabs() const { return m_chartTabs; }
    QSplitter *splitter() const { return m_splitter; }
    OverlayChartView *overlay() const { return m_overlay; }
    ChartControls *chartControls() const { return m_controls; }
    QComboBox *overlayMetricCombo() const { return m_overlayMetric; }
    ParamScatterView *scatter() const { return m_scatter; }
    QComboBox *scatterParamCombo() const { return m_scatterParam; }
    QComboBox *scatterMetricCombo() const { return m_scatterMetric; }
    ParallelCoordinatesView *parallel() const { return m_parallel; }
    CompareHistories *histories() const { return m_histories; }
    // The params on the parallel-coordinates axes.
    QStringList parallelParams() const { return m_parallelParams; }
    void setParallelParams(const QStringList &keys);

    // The table of the current tab as CSV (the rows shown), the chart of the current tab as PNG or SVG.
    Status exportTableCsv(CompareTableModel *model, const QString &path) const;
    Status exportChart(QWidget *chart, const QString &path);

signals:
    void closeRequested();

private:
    QWidget *buildTables();
    QWidget *buildCharts();
    QTableView *addTable(CompareTableModel *model, const QString &title);
    void fillTables();
    void fillMetricsTable();
    void fillMetricCombos();
    void showOverlay();
    void fillOverlay();
    void showScatter();
    void showParallel();
    void onKeyLoaded(const QString &key);
    void requestHistories();
    void exportCurrentTable();
    void exportCurrentChart(const QString &format);
    QStringList runIdsWith(const QString &key) const;
    QWidget *currentChart() const;
    QString preferredMetric(bool validation) const;

    std::shared_ptr<tracking::Store> m_store;
    tracking::RunComparison m_comparison;
    QStringList m_names;
    QList<QColor> m_colors;
    CompareHistories *m_histories;

    QLabel *m_title;
    QToolButton *m_close;
    QSplitter *m_splitter;
    QTabWidget *m_tableTabs = nullptr;
    QTabWidget *m_chartTabs = nullptr;
    CompareTableModel *m_params;
    CompareTableModel *m_metrics;
    CompareTableModel *m_tags;
    QList<QTableView *> m_tableViews;
    QCheckBox *m_onlyDifferences = nullptr;

    OverlayChartView *m_overlay = nullptr;
    ChartControls *m_controls = nullptr;
    QComboBox *m_overlayMetric = nullptr;
    ParamScatterView *m_scatter = nullptr;
    QComboBox *m_scatterParam = nullptr;
    QComboBox *m_scatterMetric = nullptr;
    QComboBox *m_scatterStatistic = nullptr;
    ParallelCoordinatesView *m_parallel = nullptr;
    QToolButton *m_parallelAxes = nullptr;
    QComboBox *m_parallelMetric = nullptr;
    QComboBox *m_parallelStatistic = nullptr;
    QStringList m_parallelParams;
};

} // namespace mltf::ui
