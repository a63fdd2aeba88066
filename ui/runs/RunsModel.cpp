#include "runs/RunsModel.h"

#include "runs/AsyncResult.h"
#include "runs/RunFormat.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace mltf::ui {

using tracking::Run;
using tracking::RunStatus;

namespace {
QStringList sorted(const QSet<QString> &keys)
{
    QStringList list(keys.cbegin(), keys.cend());
    std::sort(list.begin(), list.end(), [](const QString &a, const QString &b) {
        const int c = a.compare(b, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a < b;
    });
    return list;
}

int indexOfKind(const QList<RunColumn> &columns, RunColumn::Kind kind)
{
    for (int i = 0; i < columns.size(); ++i)
        if (columns.at(i).kind == kind)
            return i;
    return 0;
}
} // namespace

RunsModel::RunsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(RunColumn::fixedColumns())
{
    m_sortColumn = indexOfKind(m_columns, RunColumn::Kind::Start);
}

RunsModel::~RunsModel()
{
    cancelPending();
}

void RunsModel::setStore(std::shared_ptr<tracking::Store> store)
{
    cancelPending();
    beginResetModel();
    m_store = std::move(store);
    m_runs.clear();
    m_rowOfRun.clear();
    m_nextPageToken.clear();
    endResetModel();
    setState(State::Idle);
}

void RunsModel::setExperimentIds(const QStringList &ids)
{
    if (ids == m_experimentIds && m_state != State::Idle)
        return;
    m_experimentIds = ids;
    reload();
}

void RunsModel::setFilter(const QString &filter)
{
    const QString trimmed = filter.trimmed();
    if (trimmed == m_filter)
        return;
    m_filter = trimmed;
    reload();
}

void RunsModel::reload()
{
    cancelPending();
    beginResetModel();
    m_runs.clear();
    m_rowOfRun.clear();
    m_nextPageToken.clear();
    endResetModel();
    if (!m_store || m_experimentIds.isEmpty()) {
        setState(State::Idle);
        return;
    }
    requestPage(QString());
}

void RunsModel::retry()
{
    if (m_state != State::Failed)
        return;
    if (m_runs.isEmpty())
        reload();
    else
        requestPage(m_requestedToken);
}

void RunsModel::cancelPending()
{
    ++m_generation;
    if (m_pending.isRunning())
        m_pending.cancel();
    m_pending = {};
}

void RunsModel::requestPage(const QString &pageToken)
{
    tracking::RunSearch search;
    search.experimentIds = m_experimentIds;
    search.filter = m_filter;
    search.orderBy = orderBy();
    search.maxResults = m_pageSize;
    search.pageToken = pageToken;

    cancelPending();
    m_requestedToken = pageToken;
    m_pending = m_store->searchRuns(search);
    const quint64 generation = m_generation;
    AsyncResult::watch(m_pending, this, [this, generation](const Result<tracking::RunsPage> &result) {
        if (generation == m_generation)
            onPage(result);
    });
    setState(State::Loading);
}

void RunsModel::onPage(const Result<tracking::RunsPage> &result)
{
    m_pending = {};
    if (!result) {
        m_error = result.error();
        setState(State::Failed);
        return;
    }
    const tracking::RunsPage &page = result.value();
    // Stop on an empty token OR an empty page (the SQL store gives a token whenever a page is full).
    m_nextPageToken = page.items.isEmpty() ? QString() : page.nextPageToken;

    tracking::Runs fresh;
    fresh.reserve(page.items.size());
    for (const Run &run : page.items)
        if (!m_rowOfRun.contains(run.info.runId)) // pages can shift when runs are created meanwhile
            fresh.append(run);

    bool newKeys = false;
    for (const Run &run : fresh) {
        for (const auto &p : run.params)
            if (!m_paramKeys.contains(p.key)) {
                m_paramKeys.insert(p.key);
                newKeys = true;
            }
        for (const auto &m : run.metrics)
            if (!m_metricKeys.contains(m.key)) {
                m_metricKeys.insert(m.key);
                newKeys = true;
            }
    }

    if (!fresh.isEmpty()) {
        const int first = m_runs.size();
        beginInsertRows(QModelIndex(), first, first + fresh.size() - 1);
        for (const Run &run : fresh) {
            m_rowOfRun.insert(run.info.runId, m_runs.size());
            m_runs.append(run);
        }
        endInsertRows();
    }
    setState(State::Ready);
    if (newKeys)
        emit keysChanged();
}

void RunsModel::setState(State state)
{
    if (state == m_state && state != State::Failed)
        return;
    m_state = state;
    emit stateChanged(state);
}

void RunsModel::setExtraColumns(const QList<RunColumn> &columns)
{
    const int fixed = RunColumn::fixedColumns().size();
    QList<RunColumn> wanted;
    for (const RunColumn &c : columns)
        if (c.isKeyed() && !wanted.contains(c))
            wanted.append(c);
    if (wanted == extraColumns())
        return;

    const RunColumn sorted = column(m_sortColumn);
    if (m_columns.size() > fixed) {
        beginRemoveColumns(QModelIndex(), fixed, m_columns.size() - 1);
        m_columns = m_columns.mid(0, fixed);
        endRemoveColumns();
    }
    if (!wanted.isEmpty()) {
        beginInsertColumns(QModelIndex(), fixed, fixed + wanted.size() - 1);
        m_columns += wanted;
        endInsertColumns();
    }
    // Keep the sort on its column; a removed sort column falls back to Start (the server's order).
    const int newSort = m_columns.indexOf(sorted);
    if (newSort >= 0) {
        m_sortColumn = newSort;
    } else {
        m_sortColumn = indexOfKind(m_columns, RunColumn::Kind::Start);
        m_sortOrder = Qt::DescendingOrder;
        reload();
    }
}

QList<RunColumn> RunsModel::extraColumns() const
{
    return m_columns.mid(RunColumn::fixedColumns().size());
}

QStringList RunsModel::paramKeys() const
{
    return sorted(m_paramKeys);
}

QStringList RunsModel::metricKeys() const
{
    return sorted(m_metricKeys);
}

bool RunsModel::isSortable(int column) const
{
    return column >= 0 && column < m_columns.size() && !m_columns.at(column).orderByIdentifier().isEmpty();
}

void RunsModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload();
}

QStringList RunsModel::orderBy() const
{
    const QString identifier = column(m_sortColumn).orderByIdentifier();
    if (identifier.isEmpty())
        return {};
    const QString direction = m_sortOrder == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QStringList clauses{identifier + direction};
    // A stable order between pages for equal values: newest first, as the server does by default.
    if (m_columns.at(m_sortColumn).kind != RunColumn::Kind::Start)
        clauses.append(RunColumn{RunColumn::Kind::Start, {}}.orderByIdentifier() + QStringLiteral(" DESC"));
    return clauses;
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_runs.size();
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns.size();
}

QVariant RunsModel::displayValue(const Run &run, const RunColumn &column) const
{
    switch (column.kind) {
    case RunColumn::Kind::Status: return tracking::runStatusLabel(run.info.status);
    case RunColumn::Kind::Name: {
        const QString name = run.displayName();
        return name.isEmpty() ? run.info.runId : name;
    }
    case RunColumn::Kind::Start: return RunFormat::dateTime(run.info.startTime);
    case RunColumn::Kind::Duration:
        return RunFormat::duration(run.info.durationMs(QDateTime::currentMSecsSinceEpoch()));
    case RunColumn::Kind::User: {
        const QString user = run.info.userId;
        return user.isEmpty() ? run.tag(QStringLiteral("mlflow.user")) : user;
    }
    case RunColumn::Kind::Source: return RunFormat::shortSource(run.tag(QStringLiteral("mlflow.source.name")));
    case RunColumn::Kind::Param: return run.param(column.key).value_or(QString());
    case RunColumn::Kind::Metric: {
        const auto metric = run.metric(column.key);
        return metric ? RunFormat::metricValue(metric->value) : QString();
    }
    }
    return {};
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Run &run = m_runs.at(index.row());
    const RunColumn &column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole: return displayValue(run, column);
    case Qt::DecorationRole:
        if (column.kind == RunColumn::Kind::Status)
            return RunFormat::statusIcon(run.info.status);
        return {};
    case Qt::ToolTipRole:
        switch (column.kind) {
        case RunColumn::Kind::Name: return tr("Run ID: %1").arg(run.info.runId);
        case RunColumn::Kind::Source: return run.tag(QStringLiteral("mlflow.source.name"));
        case RunColumn::Kind::Metric:
            if (const auto metric = run.metric(column.key))
                return tr("%1 = %2 at step %3")
                    .arg(column.key, QString::number(metric->value, 'g', 17))
                    .arg(metric->step);
            return {};
        default: return displayValue(run, column);
        }
    case Qt::TextAlignmentRole:
        if (column.kind == RunColumn::Kind::Metric || column.kind == RunColumn::Kind::Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RunIdRole: return run.info.runId;
    case ParentRunIdRole: return run.parentRunId();
    case StatusRole: return static_cast<int>(run.info.status);
    default: return {};
    }
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const RunColumn &column = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole: return column.title();
    case Qt::ToolTipRole:
        if (column.kind == RunColumn::Kind::Param)
            return tr("Parameter %1").arg(column.key);
        if (column.kind == RunColumn::Kind::Metric)
            return tr("Latest value of metric %1").arg(column.key);
        if (!isSortable(section))
            return tr("The tracking server cannot sort by this column.");
        return {};
    default: return {};
    }
}

bool RunsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_store && m_state == State::Ready && !m_nextPageToken.isEmpty();
}

void RunsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(m_nextPageToken);
}

} // namespace mltf::ui
