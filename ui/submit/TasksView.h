#pragma once

#include "submit/Task.h"

#include <QPointer>
#include <QSet>
#include <QVector>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace mltf::submit {
class Submitter;
class TaskStore;
} // namespace mltf::submit

namespace mltf::ui {

class Prompter;
class StatePlaceholder;
class TaskLogPane;
class TasksModel;

// The Tasks page: every submitted task with its SLURM details, refreshed while tasks are active; cancel a
// task, follow its output, open its MLflow run.
class TasksView : public QWidget
{
    Q_OBJECT
public:
    TasksView(submit::TaskStore *store, submit::Submitter *submitter, QWidget *parent = nullptr);
    ~TasksView() override;

    // Adds the submitter for its backend (its tasks are refreshed, cancelled and read through it), replacing
    // an earlier one for the same backend.
    void setSubmitter(submit::Submitter *submitter);

    // Tests answer the confirmation themselves; the view takes ownership.
    void setPrompter(std::unique_ptr<Prompter> prompter);

    TasksModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    TaskLogPane *logPane() const { return m_log; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *openRunAction() const { return m_openRun; }
    QAction *resubmitAction() const { return m_resubmit; }
    bool isPolling() const;

    std::optional<submit::Task> selectedTask() const;
    void selectTask(const QString &localId);

public slots:
    // Asks the submitter for the state of every active task (and the selected task's new output).
    void refreshActive();
    // Cancels the selected task after asking.
    void cancelSelected();

signals:
    void openRunRequested(const QString &runId);
    // Submit the selected task's project again, starting from its values.
    void resubmitRequested(const mltf::submit::Task &task);

private:
    void onTaskUpdated(const submit::Task &task);
    void onTaskError(const QString &localId, const Error &error);
    void onSelectionChanged();
    void updateState();
    submit::Submitter *submitterFor(const submit::Task &task) const;

    QPointer<submit::TaskStore> m_store;
    QVector<QPointer<submit::Submitter>> m_submitters; // one per backend
    std::unique_ptr<Prompter> m_prompter;
    TasksModel *m_model;
    QStackedWidget *m_stack;
    StatePlaceholder *m_empty;
    QTableView *m_table;
    TaskLogPane *m_log;
    QLabel *m_message;
    QTimer *m_poll;
    QAction *m_refresh;
    QAction *m_cancel;
    QAction *m_openRun;
    QAction *m_resubmit;
    QSet<QString> m_refreshing; // tasks with a refresh on its way (one at a time per task)
};

} // namespace mltf::ui
