#include "runs/RunsPanel.h"

#include "compare/CompareView.h"
#include "runs/ColumnChooser.h"
#include "runs/RunsTreeModel.h"
#include "runs/StatePlaceholder.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace mltf::ui {

namespace {
int defaultWidth(const RunColumn &column)
{
    switch (column.kind) {
    case RunColumn::Kind::Status:
        return 100;
    case RunColumn::Kind::Name:
        return 200;
    case RunColumn::Kind::Start:
        return 150;
    case RunColumn::Kind::Duration:
        return 90;
    case RunColumn::Kind::User:
        return 100;
    case RunColumn::Kind::Source:
        return 150;
    case RunColumn::Kind::Param:
    case RunColumn::Kind::Metric:
        return 110;
    }
    return 100;
}

QString widthKey(const RunColumn &column)
{
    return QString::number(int(column.kind)) + QLatin1Char(':') + column.key;
}
} // namespace

RunsPanel::RunsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunsModel(this))
    , m_tree(new RunsTreeModel(this))
    , m_filter(new QLineEdit(this))
    , m_filterError(new QLabel(this))
    , m_columns(new ColumnChooser(m_model, this))
    , m_compare(new QAction(tr("Compare"), this))
    , m_compareButton(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTreeView(this))
    , m_state(new StatePlaceholder(this))
{
    m_tree->setSourceModel(m_model);

    m_filter->setObjectName(QStringLiteral("runFilter"));
    m_filter->setPlaceholderText(tr("Filter runs: params.lr = '0.001' and metrics.val_loss < 1.5"));
    m_filter->setToolTip(
        tr("MLflow's search syntax, applied when you press Enter. Examples:\n"
           "  attributes.status = 'FINISHED'\n"
           "  params.optimizer = 'adam' and metrics.val_loss < 1.5\n"
           "  metrics.`system/gpu_0_utilization_percentage` > 50   (keys with '/' in backticks)\n"
           "  tags.`mlflow.runName` LIKE 'charlm-%'"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::returnPressed, this, &RunsPanel::applyFilterBox);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_model->filter().isEmpty())
            applyFilterBox(); // the clear button
    });

    m_filterError->setObjectName(QStringLiteral("filterError"));
    m_filterError->setWordWrap(true);
    m_filterError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filterError->setStyleSheet(QStringLiteral("QLabel { color: #b01e1e; }"));
    m_filterError->hide();

    m_status->setObjectName(QStringLiteral("runsStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    connect(m_status, &QLabel::linkActivated, this, [this] { m_model->retry(); });

    m_view->setObjectName(QStringLiteral("runsView"));
    m_view->setModel(m_tree);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several runs (Ctrl/Shift+click) for Compare; the current one is shown on the run page.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setIndentation(14);
    m_view->setTreePosition(1); // the expanders of nested runs next to the run name
    m_view->setAllColumnsShowFocus(true);
    QHeaderView *header = m_view->header();
    header->setSectionsMovable(true);
    header->setStretchLastSection(false);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_view->setSortingEnabled(true);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &RunsPanel::onSortIndicatorChanged);
    auto applyWidths = [this] {
        // A reset gives the header default sizes: put back what the user chose (or our defaults).
        for (int i = 0; i < m_model->columnCount(); ++i) {
            const RunColumn column = m_model->column(i);
            m_view->header()->resizeSection(i, m_widths.value(widthKey(column), defaultWidth(column)));
        }
        m_view->header()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    };
    connect(header, &QHeaderView::sectionResized, this, [this](int section, int, int size) {
        m_widths.insert(widthKey(m_model->column(section)), size);
    });
    connect(m_tree, &QAbstractItemModel::columnsInserted, this, applyWidths);
    connect(m_tree, &QAbstractItemModel::columnsRemoved, this, applyWidths);
    connect(m_tree, &QAbstractItemModel::modelReset, this, applyWidths);
    applyWidths();

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });

    m_compare->setObjectName(QStringLiteral("compareRuns"));
    m_compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compare->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_compare->setToolTip(
        tr("Compare the selected runs side by side (Ctrl+D). Select %1 to %2 runs with Ctrl+click "
           "or Shift+click.")
            .arg(CompareView::kMinRuns)
            .arg(CompareView::kMaxRuns));
    addAction(m_compare);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setDefaultAction(m_compare);
    m_compareButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_compare, &QAction::triggered, this, [this] {
        if (m_compare->isEnabled())
            emit compareRequested(selectedRuns());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPanel::updateCompareAction);
    connect(m_tree, &QAbstractItemModel::modelReset, this, &RunsPanel::updateCompareAction);
    updateCompareAction();

    m_state->setObjectName(QStringLiteral("runsState"));
    connect(m_state, &StatePlaceholder::retryRequested, m_model, &RunsModel::retry);

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_state);
    // The next page when the user has scrolled to the end of the rows, not whenever the tree lays out its
    // items (Qt 6.8's QTreeView asks for more on every layout, which would load every run).
    m_tree->setFetchGate([this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        return m_view->isVisible() && bar->value() >= bar->maximum() - bar->pageStep();
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_columns);
    top->addWidget(m_compareButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_filterError);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    connect(m_model, &RunsModel::stateChanged, this, &RunsPanel::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        trySelectPending();
        updateState();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsPanel::updateState);
    updateState();
}

void RunsPanel::setStore(std::shared_ptr<tracking::Store> store)
{
    m_pendingRunId.clear();
    m_shownRunId.clear();
    m_model->setStore(std::move(store));
    m_model->setExperimentIds({});
}

void RunsPanel::setExperimentIds(const QStringList &ids)
{
    if (ids != m_model->experimentIds())
        m_pendingRunId.clear();
    m_model->setExperimentIds(ids);
}

void RunsPanel::setFilter(const QString &filter)
{
    m_filter->setText(filter);
    applyFilterBox();
}

void RunsPanel::applyFilterBox()
{
    const QString text = m_filter->text().trimmed();
    if (text == m_model->filter()) {
        if (m_model->state() == RunsModel::State::Failed)
            m_model->reload();
        return;
    }
    m_pendingRunId = currentRunId();
    m_model->setFilter(text);
}

void RunsPanel::reload()
{
    if (const QString current = currentRunId(); !current.isEmpty())
        m_pendingRunId = current;
    m_model->reload();
}

QString RunsPanel::currentRunId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(RunsModel::RunIdRole).toString() : QString();
}

void RunsPanel::selectRun(const QString &runId)
{
    m_pendingRunId = runId;
    trySelectPending();
}

void RunsPanel::trySelectPending()
{
    if (m_pendingRunId.isEmpty())
        return;
    const int row = m_model->rowOfRun(m_pendingRunId);
    if (row < 0)
        return;
    m_pendingRunId.clear();
    const QModelIndex index = m_tree->mapFromSource(m_model->index(row, 0));
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void RunsPanel::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex source = m_tree->mapToSource(current);
    if (!source.isValid()) {
        // A reload cleared the rows: the run page keeps the run until something else is chosen.
        return;
    }
    const tracking::Run &run = m_model->run(source.row());
    if (run.info.runId == m_shownRunId)
        return;
    m_shownRunId = run.info.runId;
    emit runSelected(run);
}

tracking::Runs RunsPanel::selectedRuns() const
{
    QList<QModelIndex> rows = m_view->selectionModel()->selectedRows();
    // In the order of the table (top to bottom), not of the clicks.
    std::sort(rows.begin(), rows.end(), [this](const QModelIndex &a, const QModelIndex &b) {
        return m_view->visualRect(a).top() < m_view->visualRect(b).top();
    });
    tracking::Runs runs;
    for (const QModelIndex &index : std::as_const(rows)) {
        const QModelIndex source = m_tree->mapToSource(index);
        if (source.isValid())
            runs.append(m_model->run(source.row()));
    }
    return runs;
}

void RunsPanel::updateCompareAction()
{
    const qsizetype count = m_view->selectionModel()->selectedRows().size();
    m_compare->setEnabled(count >= CompareView::kMinRuns && count <= CompareView::kMaxRuns);
    m_compare->setText(count >= CompareView::kMinRuns ? tr("Compare %1").arg(count) : tr("Compare"));
}

void RunsPanel::onSortIndicatorChanged(int section, Qt::SortOrder)
{
    if (m_model->isSortable(section))
        return;
    // The server cannot sort by this column: put the indicator back where the order really is.
    QHeaderView *header = m_view->header();
    const QSignalBlocker blocker(header);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

QString RunsPanel::statusText() const
{
    return m_status->text();
}

QString RunsPanel::filterError() const
{
    return m_filterError->isHidden() ? QString() : m_filterError->text();
}

void RunsPanel::updateState()
{
    using State = RunsModel::State;
    const int rows = m_model->rowCount();
    const State state = m_model->state();
    const Error &error = m_model->error();
    const bool filtered = !m_model->filter().isEmpty();

    const bool filterRejected = state == State::Failed && filtered && error.kind == Error::Kind::InvalidInput;
    m_filterError->setVisible(filterRejected);
    if (filterRejected)
        m_filterError->setText(tr("The tracking server rejected this filter: %1").arg(error.message));

    if (rows > 0) {
        m_stack->setCurrentWidget(m_view);
    } else {
        m_stack->setCurrentWidget(m_state);
        switch (state) {
        case State::Idle:
            m_state->showMessage(tr("Select an experiment to see its runs."));
            break;
        case State::Loading:
            m_state->showLoading(tr("Loading runs…"));
            break;
        case State::Failed:
            if (filterRejected)
                m_state->showError(tr("The filter could not be applied.\n%1").arg(error.message),
                                   error.detail);
            else
                m_state->showError(tr("Could not load the runs.\n%1").arg(error.message), error.detail);
            break;
        case State::Ready:
            m_state->showMessage(filtered ? tr("No runs match this filter.")
                                          : tr("There are no runs in this experiment yet."));
            break;
        }
    }

    // "1 run" / "N runs" (the plural written out: there is no English translation file to supply it).
    const QString count = rows == 1 ? tr("1 run") : tr("%n runs", "", rows);
    QString status;
    switch (state) {
    case State::Idle:
        break;
    case State::Loading:
        if (rows > 0)
            status = tr("%1 loaded · loading more…").arg(count);
        break;
    case State::Ready:
        status = m_model->hasMorePages() ? tr("%1 loaded · more load as you scroll").arg(count) : count;
        break;
    case State::Failed:
        if (rows > 0)
            status = tr("%1 loaded · could not load more: %2 <a href=\"retry\">Retry</a>")
                         .arg(count, error.message.toHtmlEscaped());
        break;
    }
    m_status->setTextFormat(state == State::Failed ? Qt::RichText : Qt::PlainText);
    m_status->setText(status);
}

} // namespace mltf::ui
