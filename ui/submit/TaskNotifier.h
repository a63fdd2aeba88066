#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class QSystemTrayIcon;

namespace mltf::submit {
class TaskStore;
struct Task;
} // namespace mltf::submit

namespace mltf::ui {

// Tells the user when a task ends (finished, failed, killed, lost) while the app runs: a desktop notification
// through the system tray when there is one; otherwise only taskEnded, which the window shows in its status
// bar. Tasks already ended when the store was loaded stay quiet.
class TaskNotifier : public QObject
{
    Q_OBJECT
public:
    explicit TaskNotifier(submit::TaskStore *store, QObject *parent = nullptr);
    ~TaskNotifier() override;

    // Whether notifications go to the system tray (else the window shows taskEnded itself).
    bool usesTray() const { return m_trayAvailable; }

    // "Task finished" / "Task failed" …, and one line naming the task.
    static QString titleFor(const submit::Task &task);
    static QString messageFor(const submit::Task &task);

signals:
    void taskEnded(const QString &localId, const QString &title, const QString &message);

private:
    void rememberEnded();
    void onTaskChanged(const QString &localId);
    void showInTray(const submit::Task &task, const QString &title, const QString &message);

    QPointer<submit::TaskStore> m_store;
    QSet<QString> m_ended; // local ids of tasks already ended (notified or ended before)
    bool m_trayAvailable;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace mltf::ui
