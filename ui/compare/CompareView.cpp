#include "compare/CompareView.h"

#include "charts/ChartControls.h"
#include "compare/CompareHistories.h"
#include "compare/CompareTableModel.h"
#include "compare/OverlayChartView.h"
#include "compare/ParallelCoordinatesView.h"
#include "compare/ParamScatterView.h"
#include "compare/RunColors.h"
#include "compare/ValueScale.h"
#include "runs/RunFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace mltf::ui {

using tracking::ComparisonRow;
using tracking::MetricSummary;

namespace {

constexpr int kDefaultParallelParams = 6;
constexpr int kMaxColumnWidth = 260;

bool isSystemMetric(const QString &key)
{
    return key.startsWith(QLatin1String("system/"));
}

QString exactNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Inf") : QStringLiteral("-Inf");
    return QString::number(value, 'g', 17);
}

QString statisticName(CompareView::Statistic statistic)
{
    switch (statistic) {
    case CompareView::Statistic::Last:
        return CompareView::tr("last");
    case CompareView::Statistic::Min:
        return CompareView::tr("min");
    case CompareView::Statistic::Max:
        return CompareView::tr("max");
    }
    return {};
}

QComboBox *statisticCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    for (auto s : {CompareView::Statistic::Last, CompareView::Statistic::Min, CompareView::Statistic::Max})
        combo->addItem(statisticName(s), int(s));
    return combo;
}

QList<CompareTableRow> keyRows(const QList<ComparisonRow> &rows)
{
    QList<CompareTableRow> out;
    for (const ComparisonRow &row : rows) {
        CompareTableRow r;
        r.labels = {row.key};
        for (const std::optional<QString> &v : row.values) {
            r.shown.append(v ? *v : QStringLiteral("—"));
            r.exact.append(v ? *v : QString());
        }
        r.standsOut = row.standsOut;
        r.differs = row.differs;
        out.append(r);
    }
    return out;
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
    , m_histories(new CompareHistories(this))
    , m_title(new QLabel(this))
    , m_close(new QToolButton(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_params(new CompareTableModel(this))
    , m_metrics(new CompareTableModel(this))
    , m_tags(new CompareTableModel(this))
{
    setObjectName(QStringLiteral("compareView"));
    m_title->setObjectName(QStringLiteral("compareTitle"));
    m_title->setTextFormat(Qt::PlainText);
    // A hundred run names must not widen the window: the label takes what it gets (tooltip has them all).
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_close->setText(tr("Close comparison"));
    m_close->setToolTip(tr("Back to the selected run (Esc)"));
    m_close->setShortcut(QKeySequence(Qt::Key_Escape));
    m_close->setAutoRaise(true);
    connect(m_close, &QToolButton::clicked, this, &CompareView::closeRequested);

    m_splitter->addWidget(buildTables());
    m_splitter->addWidget(buildCharts());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_histories, &CompareHistories::keyLoaded, this, &CompareView::onKeyLoaded);
}

CompareView::~CompareView() = default;

QWidget *CompareView::buildTables()
{
    m_tableTabs = new QTabWidget(this);
    m_tableTabs->setObjectName(QStringLiteral("compareTables"));
    m_tableTabs->setDocumentMode(true);
    addTable(m_params, tr("Parameters"));
    addTable(m_metrics, tr("Metrics"));
    addTable(m_tags, tr("Tags"));

    auto *corner = new QWidget(m_tableTabs);
    auto *cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 4, 0);
    m_onlyDifferences = new QCheckBox(tr("Only differences"), corner);
    m_onlyDifferences->setObjectName(QStringLiteral("onlyDifferences"));
    m_onlyDifferences->setToolTip(tr("Hide the parameters and tags that are the same in every run"));
    m_onlyDifferences->setChecked(true);
    m_params->setOnlyDifferences(true);
    m_tags->setOnlyDifferences(true);
    connect(m_onlyDifferences, &QCheckBox::toggled, this, [this](bool only) {
        m_params->setOnlyDifferences(only);
        m_tags->setOnlyDifferences(only);
    });
    auto *exportCsv = new QToolButton(corner);
    exportCsv->setText(tr("Export CSV…"));
    exportCsv->setToolTip(tr("Save the table shown as a CSV file"));
    exportCsv->setAutoRaise(true);
    connect(exportCsv, &QToolButton::clicked, this, &CompareView::exportCurrentTable);
    cornerLayout->addWidget(m_onlyDifferences);
    cornerLayout->addWidget(exportCsv);
    m_tableTabs->setCornerWidget(corner, Qt::TopRightCorner);
    // Metrics are not filtered (their rows are statistics, not settings).
    connect(m_tableTabs, &QTabWidget::currentChanged, this, [this](int index) {
        m_onlyDifferences->setEnabled(m_tableTabs->widget(index) != m_tableViews.value(1));
    });
    return m_tableTabs;
}

QTableView *CompareView::addTable(CompareTableModel *model, const QString &title)
{
    auto *view = new QTableView(m_tableTabs);
    view->setModel(model);
    view->setObjectName(title.toLower() + QStringLiteral("Table"));
    view->setSelectionBehavior(QAbstractItemView::SelectItems);
    view->setAlternatingRowColors(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setStretchLastSection(false);
    auto fitColumns = [view] {
        view->resizeColumnsToContents();
        for (int c = 0; c < view->model()->columnCount(); ++c)
            view->setColumnWidth(c, qMin(view->columnWidth(c) + 12, kMaxColumnWidth));
    };
    connect(model, &QAbstractItemModel::modelReset, view, fitColumns);
    connect(model, &QAbstractItemModel::dataChanged, view, fitColumns); // metrics arriving
    m_tableViews.append(view);
    m_tableTabs->addTab(view, title);
    return view;
}

QWidget *CompareView::buildCharts()
{
    m_chartTabs = new QTabWidget(this);
    m_chartTabs->setObjectName(QStringLiteral("compareCharts"));
    m_chartTabs->setDocumentMode(true);

    // Overlay: the metric, the run charts' controls, the chart.
    auto *overlayPage = new QWidget(m_chartTabs);
    m_overlayMetric = new QComboBox(overlayPage);
    m_overlayMetric->setObjectName(QStringLiteral("overlayMetric"));
    m_overlayMetric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_controls = new ChartControls(overlayPage);
    m_overlay = new OverlayChartView(overlayPage);
    auto *overlayTop = new QHBoxLayout;
    overlayTop->addWidget(caption(tr("Metric"), overlayPage));
    overlayTop->addWidget(m_overlayMetric);
    overlayTop->addWidget(m_controls, 1);
    auto *overlayLayout = new QVBoxLayout(overlayPage);
    overlayLayout->setContentsMargins(0, 4, 0, 0);
    overlayLayout->addLayout(overlayTop);
    overlayLayout->addWidget(m_overlay, 1);
    connect(m_overlayMetric, &QComboBox::currentTextChanged, this, &CompareView::showOverlay);
    connect(m_controls, &ChartControls::smoothingChanged, m_overlay, &OverlayChartView::setSmoothingWeight);
    connect(m_controls, &ChartControls::xAxisChanged, m_overlay, &OverlayChartView::setXAxisMode);
    connect(m_controls, &ChartControls::logYChanged, m_overlay, &OverlayChartView::setLogY);
    connect(m_controls, &ChartControls::resetZoomRequested, m_overlay, &OverlayChartView::resetZoom);
    m_overlay->setSmoothingWeight(m_controls->smoothingWeight());
    m_overlay->setXAxisMode(m_controls->xAxis());
    m_overlay->setLogY(m_controls->logY());
    m_chartTabs->addTab(overlayPage, tr("Overlay"));

    // Scatter: a param against a metric statistic.
    auto *scatterPage = new QWidget(m_chartTabs);
    m_scatterParam = new QComboBox(scatterPage);
    m_scatterParam->setObjectName(QStringLiteral("scatterParam"));
    m_scatterParam->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scatterMetric = new QComboBox(scatterPage);
    m_scatterMetric->setObjectName(QStringLiteral("scatterMetric"));
    m_scatterMetric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scatterStatistic = statisticCombo(scatterPage);
    m_scatter = new ParamScatterView(scatterPage);
    auto *scatterTop = new QHBoxLayout;
    scatterTop->addWidget(caption(tr("Parameter"), scatterPage));
    scatterTop->addWidget(m_scatterParam);
    scatterTop->addSpacing(12);
    scatterTop->addWidget(caption(tr("Metric"), scatterPage));
    scatterTop->addWidget(m_scatterMetric);
    scatterTop->addWidget(m_scatterStatistic);
    scatterTop->addStretch(1);
    auto *scatterLayout = new QVBoxLayout(scatterPage);
    scatterLayout->setContentsMargins(0, 4, 0, 0);
    scatterLayout->addLayout(scatterTop);
    scatterLayout->addWidget(m_scatter, 1);
    for (QComboBox *combo : {m_scatterParam, m_scatterMetric, m_scatterStatistic})
        connect(combo, &QComboBox::currentIndexChanged, this, &CompareView::showScatter);
    m_chartTabs->addTab(scatterPage, tr("Scatter"));

    // Parallel coordinates: chosen params and a metric statistic.
    auto *parallelPage = new QWidget(m_chartTabs);
    m_parallelAxes = new QToolButton(parallelPage);
    m_parallelAxes->setText(tr("Parameters"));
    m_parallelAxes->setToolTip(tr("The parameters drawn as axes"));
    m_parallelAxes->setPopupMode(QToolButton::InstantPopup);
    m_parallelAxes->setMenu(new QMenu(m_parallelAxes));
    m_parallelMetric = new QComboBox(parallelPage);
    m_parallelMetric->setObjectName(QStringLiteral("parallelMetric"));
    m_parallelMetric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_parallelStatistic = statisticCombo(parallelPage);
    m_parallel = new ParallelCoordinatesView(parallelPage);
    auto *parallelTop = new QHBoxLayout;
    parallelTop->addWidget(caption(tr("Axes"), parallelPage));
    parallelTop->addWidget(m_parallelAxes);
    parallelTop->addSpacing(12);
    parallelTop->addWidget(caption(tr("Metric"), parallelPage));
    parallelTop->addWidget(m_parallelMetric);
    parallelTop->addWidget(m_parallelStatistic);
    parallelTop->addStretch(1);
    auto *parallelLayout = new QVBoxLayout(parallelPage);
    parallelLayout->setContentsMargins(0, 4, 0, 0);
    parallelLayout->addLayout(parallelTop);
    parallelLayout->addWidget(m_parallel, 1);
    for (QComboBox *combo : {m_parallelMetric, m_parallelStatistic})
        connect(combo, &QComboBox::currentIndexChanged, this, &CompareView::showParallel);
    m_chartTabs->addTab(parallelPage, tr("Parallel coordinates"));

    auto *exportButton = new QToolButton(m_chartTabs);
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save the chart shown as a picture"));
    exportButton->setAutoRaise(true);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    menu->addAction(tr("PNG image…"), this, [this] { exportCurrentChart(QStringLiteral("png")); });
    menu->addAction(tr("SVG drawing…"), this, [this] { exportCurrentChart(QStringLiteral("svg")); });
    exportButton->setMenu(menu);
    m_chartTabs->setCornerWidget(exportButton, Qt::TopRightCorner);
    return m_chartTabs;
}

void CompareView::setStore(std::shared_ptr<tracking::Store> store)
{
    m_store = std::move(store);
    m_histories->reset(m_store);
}

void CompareView::compare(const tracking::Runs &runs)
{
    m_comparison = tracking::RunComparison(runs.mid(0, kMaxRuns));
    m_names = m_comparison.runNames();
    m_colors = RunColors::forRuns(int(m_names.size()));
    m_histories->reset(m_store);
    m_title->setText(
        tr("Comparing %n runs: %1", "", int(m_names.size())).arg(m_names.join(QStringLiteral(", "))));
    m_title->setToolTip(m_names.join(QLatin1Char('\n')));
    fillTables();
    fillMetricCombos();
    requestHistories();
    showOverlay();
    showScatter();
    showParallel();
}

void CompareView::fillTables()
{
    m_params->setTable({tr("Parameter")}, m_names, m_colors, keyRows(m_comparison.params()));
    m_tags->setTable({tr("Tag")}, m_names, m_colors, keyRows(m_comparison.tags()));
    m_metrics->setTable({tr("Metric"), tr("Value")}, m_names, m_colors, {});
    fillMetricsTable();
}

// Training metrics first, then the system ones; last, min and max of each.
void CompareView::fillMetricsTable()
{
    QStringList keys;
    for (const QString &key : m_comparison.metricKeys())
        if (!isSystemMetric(key))
            keys.append(key);
    for (const QString &key : m_comparison.metricKeys())
        if (isSystemMetric(key))
            keys.append(key);
    QList<CompareTableRow> rows;
    for (const QString &key : keys) {
        const bool loaded = m_histories->isLoaded(key);
        for (Statistic statistic : {Statistic::Last, Statistic::Min, Statistic::Max}) {
            CompareTableRow row;
            row.labels = {key, statisticName(statistic)};
            const QList<std::optional<double>> values = metricValues(key, statistic);
            for (int run = 0; run < values.size(); ++run) {
                const bool logged = m_comparison.latestMetric(run, key).has_value();
                if (values[run]) {
                    row.shown.append(RunFormat::metricValue(*values[run]));
                    row.exact.append(exactNumber(*values[run]));
                } else {
                    row.shown.append(logged && !loaded ? QStringLiteral("…") : QStringLiteral("—"));
                    row.exact.append(QString());
                }
                row.differs = row.differs || row.exact[run] != row.exact.first();
            }
            row.standsOut = QList<bool>(values.size(), false);
            rows.append(row);
        }
    }
    m_metrics->setRows(rows);
}

QList<std::optional<double>> CompareView::metricValues(const QString &key, Statistic statistic) const
{
    QList<std::optional<double>> values;
    const tracking::Runs &runs = m_comparison.runs();
    for (int run = 0; run < runs.size(); ++run) {
        const std::optional<double> latest = m_comparison.latestMetric(run, key);
        if (!latest) {
            values.append(std::nullopt);
            continue;
        }
        if (statistic == Statistic::Last) {
            values.append(latest);
            continue;
        }
        if (!m_histories->isLoaded(key)) {
            values.append(std::nullopt);
            continue;
        }
        const MetricSummary summary = MetricSummary::of(m_histories->history(runs[run].info.runId, key));
        const double v = statistic == Statistic::Min ? summary.min : summary.max;
        values.append(summary.count > 0 ? std::optional<double>(v) : std::nullopt);
    }
    return values;
}

QStringList CompareView::runIdsWith(const QString &key) const
{
    QStringList ids;
    for (int run = 0; run < m_comparison.runCount(); ++run)
        if (m_comparison.latestMetric(run, key))
            ids.append(m_comparison.runs()[run].info.runId);
    return ids;
}

void CompareView::requestHistories()
{
    // Training metrics before system ones; the overlay's key jumps the queue when chosen.
    for (bool system : {false, true})
        for (const QString &key : m_comparison.metricKeys())
            if (isSystemMetric(key) == system)
                m_histories->request(key, runIdsWith(key));
}

QString CompareView::preferredMetric(bool validation) const
{
    const QStringList keys = m_comparison.metricKeys();
    if (validation)
        for (const QString &key : keys)
            if (key.startsWith(QLatin1String("val")) && key.contains(QLatin1String("loss")))
                return key;
    for (const QString &key : keys)
        if (!isSystemMetric(key) && key.contains(QLatin1String("loss")))
            return key;
    for (const QString &key : keys)
        if (!isSystemMetric(key))
            return key;
    return keys.value(0);
}

void CompareView::fillMetricCombos()
{
    const QStringList keys = m_comparison.metricKeys();
    const QString overlayKey = preferredMetric(false);
    const QString summaryKey = preferredMetric(true);
    QStringList paramKeys;
    for (const ComparisonRow &row : m_comparison.params())
        paramKeys.append(row.key);
    const QStringList differing = m_comparison.differingParamKeys();

    for (QComboBox *combo : {m_overlayMetric, m_scatterMetric, m_parallelMetric, m_scatterParam}) {
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItems(combo == m_scatterParam ? paramKeys : keys);
    }
    {
        const QSignalBlocker a(m_overlayMetric), b(m_scatterMetric), c(m_parallelMetric), d(m_scatterParam);
        m_overlayMetric->setCurrentText(overlayKey);
        m_scatterMetric->setCurrentText(summaryKey);
        m_parallelMetric->setCurrentText(summaryKey);
        m_scatterParam->setCurrentText(differing.value(0, paramKeys.value(0)));
    }
    setParallelParams(differing.isEmpty() ? paramKeys.mid(0, 3) : differing.mid(0, kDefaultParallelParams));

    QMenu *menu = m_parallelAxes->menu();
    menu->clear();
    for (const QString &key : paramKeys) {
        QAction *action = menu->addAction(key);
        action->setCheckable(true);
        action->setChecked(m_parallelParams.contains(key));
        if (differing.contains(key)) {
            QFont f = action->font();
            f.setBold(true);
            action->setFont(f);
        }
        connect(action, &QAction::toggled, this, [this, key](bool on) {
            QStringList keys = m_parallelParams;
            if (on && !keys.contains(key))
                keys.append(key);
            else if (!on)
                keys.removeAll(key);
            setParallelParams(keys);
        });
    }
}

void CompareView::setParallelParams(const QStringList &keys)
{
    // In the params' order, whatever the order of the clicks.
    QStringList ordered;
    for (const ComparisonRow &row : m_comparison.params())
        if (keys.contains(row.key))
            ordered.append(row.key);
    m_parallelParams = ordered;
    m_parallelAxes->setText(ordered.isEmpty()     ? tr("None")
                            : ordered.size() == 1 ? tr("1 parameter")
                                                  : tr("%1 parameters").arg(ordered.size()));
    for (QAction *action : m_parallelAxes->menu()->actions()) {
        const QSignalBlocker blocker(action);
        action->setChecked(ordered.contains(action->text()));
    }
    showParallel();
}

void CompareView::showOverlay()
{
    const QString key = m_overlayMetric->currentText();
    QList<qint64> starts;
    for (const tracking::Run &run : m_comparison.runs())
        starts.append(run.info.startTime);
    m_overlay->setRuns(m_names, m_colors, starts);
    m_overlay->setMetricKey(key);
    if (key.isEmpty()) {
        m_overlay->setStatusText(m_comparison.runCount() > 0 ? tr("These runs logged no metrics.")
                                                             : QString());
        return;
    }
    if (m_histories->isLoaded(key)) {
        fillOverlay();
        return;
    }
    m_overlay->setStatusText(tr("Loading %1…").arg(key));
    m_histories->request(key, runIdsWith(key), true);
}

void CompareView::fillOverlay()
{
    const QString key = m_overlay->metricKey();
    const tracking::Runs &runs = m_comparison.runs();
    for (int run = 0; run < runs.size(); ++run)
        m_overlay->setHistory(run, m_histories->history(runs[run].info.runId, key));
    const Error error = m_histories->error(key);
    m_overlay->setStatusText(error.message.isEmpty() ? QString()
                                                     : tr("Could not load %1: %2").arg(key, error.message));
}

void CompareView::showScatter()
{
    const QString param = m_scatterParam->currentText();
    const QString metric = m_scatterMetric->currentText();
    const auto statistic = Statistic(m_scatterStatistic->currentData().toInt());
    QList<std::optional<QString>> params;
    for (const tracking::Run &run : m_comparison.runs())
        params.append(run.param(param));
    const QString title =
        metric.isEmpty() ? QString() : QStringLiteral("%1 (%2)").arg(metric, statisticName(statistic));
    m_scatter->setData(param, params, title, metricValues(metric, statistic), m_names, m_colors);
}

void CompareView::showParallel()
{
    QList<ParallelCoordinatesView::Axis> axes;
    for (const QString &key : std::as_const(m_parallelParams)) {
        ParallelCoordinatesView::Axis axis;
        axis.title = key;
        QList<std::optional<QString>> values;
        for (const tracking::Run &run : m_comparison.runs())
            values.append(run.param(key));
        axis.scale = ValueScale::fit(values);
        for (const std::optional<QString> &v : values)
            axis.positions.append(v ? axis.scale.position(*v) : std::nullopt);
        axes.append(axis);
    }
    const QString metric = m_parallelMetric->currentText();
    if (!metric.isEmpty() && !axes.isEmpty()) {
        const auto statistic = Statistic(m_parallelStatistic->currentData().toInt());
        const QList<std::optional<double>> values = metricValues(metric, statistic);
        ParallelCoordinatesView::Axis axis;
        axis.title = QStringLiteral("%1 (%2)").arg(metric, statisticName(statistic));
        axis.scale = ValueScale::fitNumbers(values);
        for (const std::optional<double> &v : values)
            axis.positions.append(v ? axis.scale.position(*v) : std::nullopt);
        axes.append(axis);
    }
    m_parallel->setData(axes, m_names, m_colors);
}

void CompareView::onKeyLoaded(const QString &key)
{
    fillMetricsTable();
    if (key == m_overlay->metricKey())
        fillOverlay();
    const auto needsHistory = [](QComboBox *statistic) {
        return Statistic(statistic->currentData().toInt()) != Statistic::Last;
    };
    if (key == m_scatterMetric->currentText() && needsHistory(m_scatterStatistic))
        showScatter();
    if (key == m_parallelMetric->currentText() && needsHistory(m_parallelStatistic))
        showParallel();
}

Status CompareView::exportTableCsv(CompareTableModel *model, const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(model->toCsv()) < 0 || !file.commit())
        return Error::make(Error::Kind::Io, tr("Could not write %1.").arg(path), file.errorString());
    return Done{};
}

Status CompareView::exportChart(QWidget *chart, const QString &path)
{
    const bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
    if (chart == m_overlay)
        return svg ? m_overlay->exportSvg(path) : m_overlay->exportPng(path);
    if (chart == m_scatter)
        return svg ? m_scatter->exportSvg(path) : m_scatter->exportPng(path);
    return svg ? m_parallel->exportSvg(path) : m_parallel->exportPng(path);
}

QWidget *CompareView::currentChart() const
{
    switch (m_chartTabs->currentIndex()) {
    case 0:
        return m_overlay;
    case 1:
        return m_scatter;
    default:
        return m_parallel;
    }
}

void CompareView::exportCurrentTable()
{
    auto *model = qobject_cast<CompareTableModel *>(m_tableViews.value(m_tableTabs->currentIndex())->model());
    const QString name = m_tableTabs->tabText(m_tableTabs->currentIndex()).toLower();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export table"), QStringLiteral("compare-%1.csv").arg(name), tr("CSV files (*.csv)"));
    if (path.isEmpty() || !model)
        return;
    if (const Status s = exportTableCsv(model, path); !s)
        QMessageBox::warning(this, tr("Export table"),
                             s.error().message + QLatin1Char('\n') + s.error().detail);
}

void CompareView::exportCurrentChart(const QString &format)
{
    const QString name = m_chartTabs->tabText(m_chartTabs->currentIndex())
                             .toLower()
                             .replace(QLatin1Char(' '), QLatin1Char('-'));
    const QString filter =
        format == QLatin1String("svg") ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export chart"),
                                                QStringLiteral("compare-%1.%2").arg(name, format), filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive))
        path += QLatin1Char('.') + format;
    if (const Status s = exportChart(currentChart(), path); !s)
        QMessageBox::warning(this, tr("Export chart"),
                             s.error().message + QLatin1Char('\n') + s.error().detail);
}

} // namespace mltf::ui
