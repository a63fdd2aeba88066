#pragma once

#include <QSet>
#include <QStringList>
#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace mltf::ui {

// Chooses which metrics to chart: a search field over a checkable list in two groups, the run's own metrics
// and its `system/` metrics (listed apart). Checking a group checks all its metrics.
class MetricPicker : public QWidget
{
    Q_OBJECT
public:
    explicit MetricPicker(QWidget *parent = nullptr);

    // The keys to offer and which of them are checked.
    void setKeys(const QStringList &keys, const QSet<QString> &checked);
    QStringList keys() const;
    // In the order of the list (run metrics first, then system metrics).
    QStringList checkedKeys() const;
    void setChecked(const QString &key, bool checked);

    QLineEdit *searchField() const { return m_search; }
    QTreeView *view() const { return m_view; }

signals:
    // Emitted once per user action (not once per item when a group is toggled).
    void checkedKeysChanged(const QStringList &keys);

private:
    QStandardItem *findItem(const QString &key) const;
    void updateGroupState(QStandardItem *group);
    void scheduleChanged();

    QLineEdit *m_search;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_filter;
    QStandardItem *m_metrics = nullptr;
    QStandardItem *m_system = nullptr;
    bool m_changeQueued = false;
    bool m_updating = false;
};

} // namespace mltf::ui
