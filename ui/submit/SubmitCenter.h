#pragma once

#include "project/Project.h"
#include "submit/Submitter.h"
#include "submit/Task.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace mltf::auth {
class AuthSession;
class TokenProvider;
} // namespace mltf::auth
namespace mltf::submit {
class GatewaySubmitter;
class SlurmSubmitter;
class TaskStore;
} // namespace mltf::submit
namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

class CurrentStoreRunRecorder;
class SubmitDialog;

// Everything submitting needs, in one place for the window: the task list on disk, the SLURM submitter with
// the hosts from the settings, the gateway submitter for the gateway address in the settings (with the
// sign-in session and the tracking store), and the run recorder following the Runs page's tracking store.
// Opens the submit, SLURM hosts and gateway dialogs.
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
    // The gateway submitter, or nullptr while no gateway address or tracking store is set. Replaced when
    // either changes (after the submit dialog has closed); gatewaySubmitterChanged then.
    submit::GatewaySubmitter *gatewaySubmitter() const { return m_gateway; }
    // The signed-in session the gateway submitter submits with.
    void setAuthSession(auth::AuthSession *session);
    // What went wrong reading the task list at start (for the status bar), or empty.
    QString loadProblem() const { return m_loadProblem; }

    // The tracking store new runs are created in (the Runs page's).
    void setTrackingStore(std::shared_ptr<tracking::Store> store, const QString &trackingUri);

    // Opens the submit dialog for `project` (window-modal, deleted when closed). With `like`, the dialog
    // starts from that task's entry point, parameters, experiment and host (Resubmit).
    SubmitDialog *showSubmitDialog(const project::Project &project, QWidget *parent,
                                   const submit::Task *like = nullptr);
    // Settings › SLURM Hosts…; the submitter uses the saved hosts at once.
    void showHostsDialog(QWidget *parent);
    // Settings › MLTF Gateway…: the gateway's address; gatewayUrlChanged when it was saved.
    void showGatewayDialog(QWidget *parent);

signals:
    void taskSubmitted(const mltf::submit::Task &task);
    void gatewayUrlChanged(const QUrl &url);
    void gatewaySubmitterChanged(mltf::submit::Submitter *submitter);

private:
    void rebuildGateway();

    submit::TaskStore *m_tasks;
    std::unique_ptr<CurrentStoreRunRecorder> m_recorder;
    submit::SlurmSubmitter *m_submitter;
    std::shared_ptr<tracking::Store> m_store;
    QPointer<SubmitDialog> m_dialog; // one submission at a time
    submit::GatewaySubmitter *m_gateway = nullptr;
    QPointer<auth::AuthSession> m_session;
    bool m_gatewayStale = false; // rebuild once the dialog closes
    QString m_loadProblem;
};

} // namespace mltf::ui
