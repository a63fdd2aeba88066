#pragma once

#include "project/Project.h"
#include "submit/Task.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace mltf::auth {
class TokenProvider;
}
namespace mltf::submit {
class SlurmSubmitter;
class TaskStore;
}
namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

class CurrentStoreRunRecorder;
class SubmitDialog;

// Everything submitting needs, in one place for the window: the task list on disk, the SLURM submitter with
// the hosts from the settings, and the run recorder following the Runs page's tracking store. Opens the
// submit and SLURM hosts dialogs.
class SubmitCenter : public QObject
{
    Q_OBJECT
public:
    explicit SubmitCenter(auth::TokenProvider *tokens, QObject *parent = nullptr);
    // Tests keep their tasks elsewhere.
    SubmitCenter(auth::TokenProvider *tokens, const QString &taskFile, QObject *parent = nullptr);
    ~SubmitCenter() override;

    submit::TaskStore *taskStore() const { return m_tasks; }
    submit::SlurmSubmitter *submitter() const { return m_submitter; }
    // What went wrong reading the task list at start (for the status bar), or empty.
    QString loadProblem() const { return m_loadProblem; }

    // The tracking store new runs are created in (the Runs page's).
    void setTrackingStore(std::shared_ptr<tracking::Store> store, const QString &trackingUri);

    // Opens the submit dialog for `project` (window-modal, deleted when closed). With `like`, the dialog starts
    // from that task's entry point, parameters, experiment and host (Resubmit).
    SubmitDialog *showSubmitDialog(const project::Project &project, QWidget *parent, const submit::Task *like = nullptr);
    // Settings › SLURM Hosts…; the submitter uses the saved hosts at once.
    void showHostsDialog(QWidget *parent);

signals:
    void taskSubmitted(const mltf::submit::Task &task);

private:
    submit::TaskStore *m_tasks;
    std::unique_ptr<CurrentStoreRunRecorder> m_recorder;
    submit::SlurmSubmitter *m_submitter;
    std::shared_ptr<tracking::Store> m_store;
    QPointer<SubmitDialog> m_dialog; // one submission at a time
    QString m_loadProblem;
};

} // namespace mltf::ui
