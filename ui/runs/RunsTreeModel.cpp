#include "runs/RunsTreeModel.h"

#include "runs/RunsModel.h"

namespace mltf::ui {

RunsTreeModel::RunsTreeModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
    m_children.resize(1);
}

void RunsTreeModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    if (QAbstractItemModel *old = sourceModel())
        disconnect(old, nullptr, this, nullptr);
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
            beginResetModel();
            m_resetting = true;
        });
        connect(source, &QAbstractItemModel::modelReset, this, [this] {
            rebuild();
            m_resetting = false;
            endResetModel();
        });
        connect(source, &QAbstractItemModel::rowsInserted, this, &RunsTreeModel::onRowsInserted);
        // The runs model never removes or moves single rows; be correct anyway with a reset.
        connect(source, &QAbstractItemModel::rowsRemoved, this, &RunsTreeModel::resetFromSource);
        connect(source, &QAbstractItemModel::rowsMoved, this, &RunsTreeModel::resetFromSource);
        connect(source, &QAbstractItemModel::layoutChanged, this, &RunsTreeModel::resetFromSource);
        connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this,
                [this](const QModelIndex &, int first, int last) { beginInsertColumns({}, first, last); });
        connect(source, &QAbstractItemModel::columnsInserted, this, [this] { endInsertColumns(); });
        connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) { beginRemoveColumns({}, first, last); });
        connect(source, &QAbstractItemModel::columnsRemoved, this, [this] { endRemoveColumns(); });
        connect(source, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged);
        connect(source, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                        emit dataChanged(indexOfSourceRow(row, topLeft.column()),
                                         indexOfSourceRow(row, bottomRight.column()), roles);
                });
    }
    rebuild();
    endResetModel();
}

void RunsTreeModel::resetFromSource()
{
    beginResetModel();
    rebuild();
    endResetModel();
}

// Inside a reset: no row signals.
void RunsTreeModel::rebuild()
{
    const bool wasResetting = m_resetting;
    m_resetting = true;
    m_children.assign(1, {});
    m_parentOf.clear();
    m_position.clear();
    m_rowOfRun.clear();
    m_waiting.clear();
    const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
    if (rows > 0)
        insertRows(0, rows - 1);
    m_resetting = wasResetting;
}

void RunsTreeModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_resetting)
        return;
    if (first != m_parentOf.size()) { // only appends are expected
        resetFromSource();
        return;
    }
    insertRows(first, last);
}

// Appends source rows first..last. Runs whose parent is known go under it; the other ones are collected
// into one top-level insertion (one signal per page instead of one per run).
void RunsTreeModel::insertRows(int first, int last)
{
    m_children.resize(size_t(last) + 2);
    QList<int> topLevel;
    for (int row = first; row <= last; ++row) {
        const QModelIndex source = sourceModel()->index(row, 0);
        const QString runId = source.data(RunsModel::RunIdRole).toString();
        const QString parentId = source.data(RunsModel::ParentRunIdRole).toString();
        m_parentOf.append(-1);
        m_position.append(-1);
        if (!runId.isEmpty())
            m_rowOfRun.insert(runId, row);

        const int parentRow = parentId.isEmpty() || parentId == runId ? -1 : m_rowOfRun.value(parentId, -1);
        if (parentRow >= 0) {
            flushTopLevel(topLevel);
            insertChild(row, parentRow);
        } else {
            if (!parentId.isEmpty() && parentId != runId)
                m_waiting[parentId].append(row);
            topLevel.append(row);
        }
        if (m_waiting.contains(runId)) {
            flushTopLevel(topLevel);
            adoptWaitingChildren(row);
        }
    }
    flushTopLevel(topLevel);
}

void RunsTreeModel::flushTopLevel(QList<int> &batch)
{
    if (batch.isEmpty())
        return;
    QList<int> &roots = m_children[0];
    const int first = roots.size();
    if (!m_resetting)
        beginInsertRows(QModelIndex(), first, first + batch.size() - 1);
    for (const int row : std::as_const(batch)) {
        m_parentOf[row] = -1;
        m_position[row] = roots.size();
        roots.append(row);
    }
    if (!m_resetting)
        endInsertRows();
    batch.clear();
}

void RunsTreeModel::insertChild(int sourceRow, int parentRow)
{
    QList<int> &siblings = m_children[size_t(parentRow) + 1];
    if (!m_resetting)
        beginInsertRows(indexOfSourceRow(parentRow), siblings.size(), siblings.size());
    m_parentOf[sourceRow] = parentRow;
    m_position[sourceRow] = siblings.size();
    siblings.append(sourceRow);
    if (!m_resetting)
        endInsertRows();
}

bool RunsTreeModel::isAncestor(int ancestor, int sourceRow) const
{
    for (int p = m_parentOf.value(sourceRow, -1); p >= 0; p = m_parentOf.value(p, -1))
        if (p == ancestor)
            return true;
    return false;
}

// `sourceRow` just arrived: the top-level rows that named it as their parent move under it.
void RunsTreeModel::adoptWaitingChildren(int sourceRow)
{
    const QList<int> orphans =
        m_waiting.take(sourceModel()->index(sourceRow, 0).data(RunsModel::RunIdRole).toString());
    for (const int orphan : orphans) {
        if (orphan == sourceRow || isAncestor(orphan, sourceRow) || m_parentOf.at(orphan) != -1)
            continue; // a parent cycle: it stays where it is
        QList<int> &roots = m_children[0];
        QList<int> &siblings = m_children[size_t(sourceRow) + 1];
        const int from = m_position.at(orphan);
        if (!m_resetting)
            beginMoveRows(QModelIndex(), from, from, indexOfSourceRow(sourceRow), siblings.size());
        roots.removeAt(from);
        for (int i = from; i < roots.size(); ++i)
            m_position[roots.at(i)] = i;
        m_parentOf[orphan] = sourceRow;
        m_position[orphan] = siblings.size();
        siblings.append(orphan);
        if (!m_resetting)
            endMoveRows();
    }
}

QModelIndex RunsTreeModel::indexOfSourceRow(int sourceRow, int column) const
{
    if (sourceRow < 0 || sourceRow >= m_parentOf.size() || m_position.at(sourceRow) < 0)
        return {};
    return createIndex(m_position.at(sourceRow), column, quintptr(m_parentOf.at(sourceRow) + 1));
}

int RunsTreeModel::sourceRowOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    const size_t node = index.internalId();
    if (node >= m_children.size())
        return -1;
    return m_children[node].value(index.row(), -1);
}

QModelIndex RunsTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount(parent) || row >= rowCount(parent))
        return {};
    const int parentRow = parent.isValid() ? sourceRowOf(parent) : -1;
    return createIndex(row, column, quintptr(parentRow + 1));
}

QModelIndex RunsTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return indexOfSourceRow(int(child.internalId()) - 1);
}

int RunsTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (!parent.isValid())
        return m_children[0].size();
    const int row = sourceRowOf(parent);
    return row < 0 ? 0 : m_children[size_t(row) + 1].size();
}

int RunsTreeModel::columnCount(const QModelIndex &) const
{
    return sourceModel() ? sourceModel()->columnCount() : 0;
}

bool RunsTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant RunsTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!sourceModel())
        return {};
    if (orientation == Qt::Vertical)
        return QAbstractItemModel::headerData(section, orientation, role);
    return sourceModel()->headerData(section, orientation, role);
}

QModelIndex RunsTreeModel::mapToSource(const QModelIndex &proxyIndex) const
{
    const int row = sourceRowOf(proxyIndex);
    if (row < 0 || !sourceModel())
        return {};
    return sourceModel()->index(row, proxyIndex.column());
}

QModelIndex RunsTreeModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel())
        return {};
    return indexOfSourceRow(sourceIndex.row(), sourceIndex.column());
}

bool RunsTreeModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && sourceModel() && (!m_fetchGate || m_fetchGate()) &&
           sourceModel()->canFetchMore(QModelIndex());
}

void RunsTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid() && sourceModel())
        sourceModel()->fetchMore(QModelIndex());
}

} // namespace mltf::ui
