#pragma once

#include "submit/Task.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QVector>

namespace mltf::submit {
class TaskStore;
}

namespace mltf::ui {

// The submitted tasks of a TaskStore as table rows (newest first), following the store's changes.
class TasksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Target, JobId, State, Partition, Nodes, Reason, Elapsed, TimeLimit, ColumnCount };

    explicit TasksModel(submit::TaskStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const submit::Task &taskAt(int row) const { return m_tasks.at(row); }
    int rowOf(const QString &localId) const;
    // Tasks whose state can still change (polled by the view).
    QVector<submit::Task> activeTasks() const;

    // How a task is named in the table and in questions: "<project folder> · <entry point>".
    static QString taskName(const submit::Task &task);

private:
    void onTaskChanged(const QString &localId);
    void onTaskRemoved(const QString &localId);
    void reload();
    QVariant display(const submit::Task &task, int column) const;

    QPointer<submit::TaskStore> m_store;
    QVector<submit::Task> m_tasks;
};

} // namespace mltf::ui
