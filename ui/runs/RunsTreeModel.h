#pragma once

#include <QAbstractProxyModel>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <vector>

namespace mltf::ui {

// Shows the runs of a RunsModel (or any flat model with RunsModel's RunIdRole/ParentRunIdRole) as a tree:
// a run whose mlflow.parentRunId names a loaded run appears under it; the others are top-level rows, in
// the source order. Works with incremental loading: a child that arrives before its parent is a top-level
// row until the parent arrives, then it moves under it (beginMoveRows). Parent cycles are broken (a run
// never moves under its own descendant). Sorting and fetching more are forwarded to the source.
class RunsTreeModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit RunsTreeModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Views ask canFetchMore() before fetching by themselves; while `gate` says no they do not (RunsPanel:
    // only at the end of the rows). An explicit fetchMore() is not gated.
    void setFetchGate(std::function<bool()> gate) { m_fetchGate = std::move(gate); }

private:
    // Node ids: 0 is the root, source row r is r + 1. An index's internalId is the node id of its parent.
    QModelIndex indexOfSourceRow(int sourceRow, int column = 0) const;
    int sourceRowOf(const QModelIndex &index) const;
    bool isAncestor(int ancestor, int sourceRow) const;

    void rebuild();
    void resetFromSource();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void insertRows(int first, int last);
    void flushTopLevel(QList<int> &batch);
    void insertChild(int sourceRow, int parentRow);
    void adoptWaitingChildren(int sourceRow);

    std::function<bool()> m_fetchGate;
    std::vector<QList<int>> m_children;   // per node id: the source rows of its children, in order
    QList<int> m_parentOf;                // per source row: the parent's source row, -1 for top-level
    QList<int> m_position;                // per source row: its row under its parent
    QHash<QString, int> m_rowOfRun;       // run id -> source row
    QHash<QString, QList<int>> m_waiting; // parent run id not loaded (yet) -> top-level rows naming it
    bool m_resetting = false;
};

} // namespace mltf::ui
