#include "submit/SubmitCenter.h"

#include "submit/CurrentStoreRunRecorder.h"
#include "submit/SlurmHostsDialog.h"
#include "submit/SlurmSubmitter.h"
#include "submit/SubmitDialog.h"
#include "submit/TaskStore.h"

namespace mltf::ui {

SubmitCenter::SubmitCenter(auth::TokenProvider *tokens, QObject *parent)
    : SubmitCenter(tokens, submit::TaskStore::defaultFilePath(), parent)
{
}

SubmitCenter::SubmitCenter(auth::TokenProvider *tokens, const QString &taskFile, QObject *parent)
    : QObject(parent),
      m_tasks(new submit::TaskStore(taskFile, this)),
      m_recorder(std::make_unique<CurrentStoreRunRecorder>())
{
    const Status loaded = m_tasks->load();
    if (!loaded.ok())
        m_loadProblem = loaded.error().message;
    m_submitter = new submit::SlurmSubmitter(submit::SlurmHost::loadAll(), m_recorder.get(), m_tasks, this);
    m_submitter->setTokenProvider(tokens);
    connect(m_submitter, &submit::Submitter::submitted, this, &SubmitCenter::taskSubmitted);
}

SubmitCenter::~SubmitCenter()
{
    m_submitter->closeConnections();
    delete m_submitter; // before the recorder it holds a pointer to
}

void SubmitCenter::setTrackingStore(std::shared_ptr<tracking::Store> store, const QString &trackingUri)
{
    m_store = store;
    m_recorder->setStore(std::move(store), trackingUri);
    if (m_dialog && !m_dialog->isSubmitting())
        m_dialog->setStore(m_store);
}

SubmitDialog *SubmitCenter::showSubmitDialog(const project::Project &project, QWidget *parent, const submit::Task *like)
{
    if (m_dialog) { // already open (a second Ctrl+Return): bring it back rather than start another
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new SubmitDialog(project, m_submitter, m_submitter->hosts(), parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (like)
        m_dialog->startFrom(*like);
    m_dialog->setStore(m_store);
    m_dialog->open();
    return m_dialog;
}

void SubmitCenter::showHostsDialog(QWidget *parent)
{
    auto *dialog = new SlurmHostsDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SlurmHostsDialog::hostsSaved, m_submitter, &submit::SlurmSubmitter::setHosts);
    dialog->open();
}

} // namespace mltf::ui
