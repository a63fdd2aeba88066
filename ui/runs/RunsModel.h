#pragma once

#include "runs/RunColumn.h"
#include "tracking/Run.h"
#include "tracking/Store.h"
#include "util/Error.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QSet>
#include <QStringList>

#include <memory>

namespace mltf::ui {

// The runs of one or more experiments as a flat table, loaded page by page from a tracking::Store: the first
// page on reload(), the next one whenever a view asks (canFetchMore/fetchMore). Sorting is done by the server
// (order_by), so sort() reloads. Columns: the fixed ones (RunColumn::fixedColumns) then the params and
// metrics the user chose among the keys seen so far (paramKeys/metricKeys).
class RunsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class State {
        Idle,    // nothing asked for yet (no store or no experiment)
        Loading, // a page is on its way
        Ready,   // the pages asked for have arrived (more may follow: hasMorePages)
        Failed,  // the last request failed: error()
    };
    enum Role {
        RunIdRole = Qt::UserRole + 1,
        ParentRunIdRole,
        StatusRole, // tracking::RunStatus as int
    };

    explicit RunsModel(QObject *parent = nullptr);
    ~RunsModel() override;

    // Clears the rows; call reload() (or setExperimentIds) to load.
    void setStore(std::shared_ptr<tracking::Store> store);
    std::shared_ptr<tracking::Store> store() const { return m_store; }

    // Set the query; each reloads when it changes.
    void setExperimentIds(const QStringList &ids);
    QStringList experimentIds() const { return m_experimentIds; }
    // MLflow filter syntax; the server (or FileStore) validates it.
    void setFilter(const QString &filter);
    QString filter() const { return m_filter; }

    // Runs per request (default 250).
    void setPageSize(int size) { m_pageSize = qBound(1, size, 50000); }
    int pageSize() const { return m_pageSize; }

    // Drops the rows and loads the first page again (same query, same sort).
    void reload();
    // After a failed page: asks for the same page again (rows loaded so far stay).
    void retry();

    State state() const { return m_state; }
    // The error of the last failed request (valid in State::Failed).
    const Error &error() const { return m_error; }
    // True while the server has more pages to give.
    bool hasMorePages() const { return !m_nextPageToken.isEmpty(); }

    // --- columns ---------------------------------------------------------------------------------------
    RunColumn column(int section) const { return m_columns.value(section); }
    QList<RunColumn> columns() const { return m_columns; }
    // The user-chosen Param/Metric columns shown after the fixed ones.
    void setExtraColumns(const QList<RunColumn> &columns);
    QList<RunColumn> extraColumns() const;
    // Keys seen in the runs loaded so far, sorted.
    QStringList paramKeys() const;
    QStringList metricKeys() const;

    // --- sorting (server side) -----------------------------------------------------------------------------
    bool isSortable(int column) const;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Reloads ordered by `column`; ignored for columns the server cannot sort by (Duration).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The order_by clauses sent for the current sort.
    QStringList orderBy() const;

    // --- rows --------------------------------------------------------------------------------------------
    const tracking::Run &run(int row) const { return m_runs.at(row); }
    const tracking::Runs &runs() const { return m_runs; }
    int rowOfRun(const QString &runId) const { return m_rowOfRun.value(runId, -1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void stateChanged(mltf::ui::RunsModel::State state);
    // New param or metric keys were seen (for the column chooser).
    void keysChanged();

private:
    void requestPage(const QString &pageToken);
    void onPage(const Result<tracking::RunsPage> &result);
    void setState(State state);
    void cancelPending();
    QVariant displayValue(const tracking::Run &run, const RunColumn &column) const;

    std::shared_ptr<tracking::Store> m_store;
    QStringList m_experimentIds;
    QString m_filter;
    int m_pageSize = 250;

    QList<RunColumn> m_columns;
    int m_sortColumn = 2; // Start
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;

    tracking::Runs m_runs;
    QHash<QString, int> m_rowOfRun;
    QSet<QString> m_paramKeys;
    QSet<QString> m_metricKeys;

    State m_state = State::Idle;
    Error m_error;
    QString m_nextPageToken;   // empty: no more pages
    QString m_requestedToken;  // the token of the page in flight or last failed
    QFuture<Result<tracking::RunsPage>> m_pending;
    quint64 m_generation = 0; // results of older requests are dropped
};

} // namespace mltf::ui
