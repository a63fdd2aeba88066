#include "submit/TasksModel.h"

#include "runs/RunFormat.h"
#include "submit/TaskStore.h"

#include <QFileInfo>

#include <algorithm>

namespace mltf::ui {

using submit::SlurmJobInfo;
using submit::Task;

TasksModel::TasksModel(submit::TaskStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(store, &submit::TaskStore::taskChanged, this, &TasksModel::onTaskChanged);
    connect(store, &submit::TaskStore::taskRemoved, this, &TasksModel::onTaskRemoved);
    connect(store, &submit::TaskStore::reloaded, this, &TasksModel::reload);
    m_tasks = store->tasks();
}

int TasksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int TasksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int TasksModel::rowOf(const QString &localId) const
{
    for (int row = 0; row < m_tasks.size(); ++row) {
        if (m_tasks.at(row).localId == localId)
            return row;
    }
    return -1;
}

QVector<Task> TasksModel::activeTasks() const
{
    QVector<Task> active;
    for (const Task &task : m_tasks) {
        if (!task.isFinished())
            active.append(task);
    }
    return active;
}

QString TasksModel::taskName(const Task &task)
{
    const QString project = QFileInfo(task.projectPath).fileName();
    if (project.isEmpty())
        return task.entryPoint;
    return tr("%1 · %2").arg(project, task.entryPoint);
}

void TasksModel::onTaskChanged(const QString &localId)
{
    const std::optional<Task> task = m_store ? m_store->task(localId) : std::nullopt;
    if (!task)
        return;
    const int row = rowOf(localId);
    if (row >= 0) {
        m_tasks[row] = *task;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // A new task: at its place in the store's order (newest first).
    const QVector<Task> ordered = m_store->tasks();
    int at = 0;
    while (at < ordered.size() && ordered.at(at).localId != localId)
        ++at;
    at = qMin(at, int(m_tasks.size()));
    beginInsertRows({}, at, at);
    m_tasks.insert(at, *task);
    endInsertRows();
}

void TasksModel::onTaskRemoved(const QString &localId)
{
    const int row = rowOf(localId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_tasks.removeAt(row);
    endRemoveRows();
}

void TasksModel::reload()
{
    beginResetModel();
    m_tasks = m_store ? m_store->tasks() : QVector<Task>();
    endResetModel();
}

QVariant TasksModel::display(const Task &task, int column) const
{
    const SlurmJobInfo &job = task.slurmJob;
    switch (column) {
    case Name:
        return taskName(task);
    case Target:
        return task.backend == Task::Backend::Slurm ? task.slurmHost : tr("MLTF gateway");
    case JobId:
        return task.backend == Task::Backend::Slurm ? job.jobId : task.gatewayId;
    case State:
        return job.state.isEmpty() ? task.state() : job.state;
    case Partition:
        return job.partition;
    case Nodes:
        return job.nodeList;
    case Reason:
        // SLURM keeps a reason after the job started (e.g. "None"); it only helps while the job waits.
        return task.runStatus() == submit::RunStatus::Scheduled && job.reason != QLatin1String("None")
                   ? job.reason
                   : QString();
    case Elapsed:
        if (task.backend == Task::Backend::Gateway) {
            // The gateway tells no times: from the submission to the end the app saw (or now).
            const QDateTime end = task.isFinished() && !task.history.isEmpty()
                                      ? task.history.constLast().time
                                      : QDateTime::currentDateTimeUtc();
            return task.submitTime.isValid()
                       ? SlurmJobInfo::formatDuration(std::max<qint64>(0, task.submitTime.secsTo(end)))
                       : QString();
        }
        return job.elapsedSeconds >= 0 ? SlurmJobInfo::formatDuration(job.elapsedSeconds) : QString();
    case TimeLimit:
        return job.timeLimitSeconds >= 0 ? SlurmJobInfo::formatDuration(job.timeLimitSeconds) : QString();
    }
    return {};
}

QVariant TasksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Task &task = m_tasks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // An elapsed time of 0 is a real value ("00:00"), not SLURM's "unlimited".
        if (index.column() == Elapsed && task.slurmJob.elapsedSeconds == 0)
            return QStringLiteral("00:00:00");
        return display(task, index.column());
    case Qt::DecorationRole:
        if (index.column() == State)
            return RunFormat::statusIcon(task.runStatus());
        break;
    case Qt::ForegroundRole:
        if (index.column() == State)
            return RunFormat::statusColor(task.runStatus());
        break;
    case Qt::ToolTipRole:
        if (index.column() == State || index.column() == Reason)
            return task.lastMessage.isEmpty() ? task.slurmJob.describe() : task.lastMessage;
        if (index.column() == Name)
            return task.projectPath;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Elapsed || index.column() == TimeLimit || index.column() == JobId)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant TasksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Task");
    case Target:
        return tr("Target");
    case JobId:
        return tr("Job ID");
    case State:
        return tr("State");
    case Partition:
        return tr("Partition");
    case Nodes:
        return tr("Nodes");
    case Reason:
        return tr("Reason");
    case Elapsed:
        return tr("Elapsed");
    case TimeLimit:
        return tr("Time limit");
    }
    return {};
}

} // namespace mltf::ui
