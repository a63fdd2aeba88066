#pragma once

#include "runs/RunsModel.h"

#include <QHash>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QToolButton;
class QStackedWidget;
class QTreeView;

namespace mltf::ui {

class ColumnChooser;
class RunsTreeModel;
class StatePlaceholder;

// The runs of the selected experiments: a filter box (MLflow filter syntax, applied on Enter), the column
// chooser, the runs tree (nested runs under their parent, more pages as the user scrolls) and its
// loading/empty/error states.
class RunsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunsPanel(QWidget *parent = nullptr);

    RunsModel *model() const { return m_model; }
    RunsTreeModel *treeModel() const { return m_tree; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterBox() const { return m_filter; }
    StatePlaceholder *placeholder() const { return m_state; }

    void setStore(std::shared_ptr<tracking::Store> store);
    void setExperimentIds(const QStringList &ids);
    // Applies `filter` (also puts it in the filter box).
    void setFilter(const QString &filter);
    // Loads the runs again and keeps the selected run selected when it is still there.
    void reload();

    // The selected run's id (empty when none).
    QString currentRunId() const;
    // Selects the run now, or as soon as it is loaded.
    void selectRun(const QString &runId);

    // The selected runs (several with Ctrl/Shift+click), in the table's order.
    tracking::Runs selectedRuns() const;
    // "Compare" (Ctrl+D): enabled for 2 to 100 selected runs.
    QAction *compareAction() const { return m_compare; }

    // The text under the filter box ("4 runs", "250 runs loaded, more when you scroll", an error).
    QString statusText() const;
    // The filter error shown under the filter box (empty when none).
    QString filterError() const;

signals:
    void runSelected(const mltf::tracking::Run &run);
    void selectionCleared();
    void compareRequested(const mltf::tracking::Runs &runs);

private:
    void updateState();
    void applyFilterBox();
    void onCurrentChanged(const QModelIndex &current);
    void trySelectPending();
    void onSortIndicatorChanged(int section, Qt::SortOrder order);
    void updateCompareAction();

    RunsModel *m_model;
    RunsTreeModel *m_tree;
    QLineEdit *m_filter;
    QLabel *m_filterError;
    ColumnChooser *m_columns;
    QAction *m_compare;
    QToolButton *m_compareButton;
    QLabel *m_status;
    QStackedWidget *m_stack;
    QTreeView *m_view;
    StatePlaceholder *m_state;
    QString m_pendingRunId; // to select when it arrives
    QString m_shownRunId;
    QHash<QString, int> m_widths; // column widths the user chose, by column
};

} // namespace mltf::ui
