#include "submit/TaskNotifier.h"

#include "submit/TaskStore.h"

#include <QApplication>
#include <QDir>
#include <QStyle>
#include <QSystemTrayIcon>

namespace mltf::ui {

using submit::RunStatus;
using submit::Task;

namespace {

// A gateway task the gateway lost is over for the user too, although its run status is unknown.
bool hasEnded(const Task &task)
{
    return task.isFinished() || task.state() == QLatin1String("LOST");
}

} // namespace

TaskNotifier::TaskNotifier(submit::TaskStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_trayAvailable(QSystemTrayIcon::isSystemTrayAvailable())
{
    rememberEnded();
    connect(store, &submit::TaskStore::taskChanged, this, &TaskNotifier::onTaskChanged);
    connect(store, &submit::TaskStore::reloaded, this, &TaskNotifier::rememberEnded);
}

TaskNotifier::~TaskNotifier() = default;

void TaskNotifier::rememberEnded()
{
    m_ended.clear();
    for (const Task &task : m_store->tasks()) {
        if (hasEnded(task))
            m_ended.insert(task.localId);
    }
}

QString TaskNotifier::titleFor(const Task &task)
{
    if (task.state() == QLatin1String("LOST"))
        return tr("Task lost");
    switch (task.runStatus()) {
    case RunStatus::Finished:
        return tr("Task finished");
    case RunStatus::Failed:
        return tr("Task failed");
    case RunStatus::Killed:
        return tr("Task cancelled");
    default:
        return tr("Task ended");
    }
}

QString TaskNotifier::messageFor(const Task &task)
{
    const QString project = QDir(task.projectPath).dirName();
    const QString target = task.backend == Task::Backend::Slurm ? task.slurmHost : tr("the MLTF gateway");
    QString text = tr("%1 (%2) on %3").arg(project, task.entryPoint, target);
    if (!task.lastMessage.isEmpty() && task.runStatus() != RunStatus::Finished)
        text += QStringLiteral(": ") + task.lastMessage;
    return text;
}

void TaskNotifier::onTaskChanged(const QString &localId)
{
    if (!m_store || m_ended.contains(localId))
        return;
    const std::optional<Task> task = m_store->task(localId);
    if (!task || !hasEnded(*task))
        return;
    m_ended.insert(localId);
    const QString title = titleFor(*task);
    const QString message = messageFor(*task);
    if (m_trayAvailable)
        showInTray(*task, title, message);
    emit taskEnded(localId, title, message);
}

void TaskNotifier::showInTray(const Task &task, const QString &title, const QString &message)
{
    if (!m_tray) { // shown only once there is something to say: no permanent tray icon otherwise
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull())
            icon = QApplication::style()->standardIcon(QStyle::SP_ComputerIcon);
        m_tray = new QSystemTrayIcon(icon, this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        m_tray->show();
    }
    m_tray->showMessage(title, message,
                        task.runStatus() == RunStatus::Finished ? QSystemTrayIcon::Information
                                                                : QSystemTrayIcon::Warning);
}

} // namespace mltf::ui
