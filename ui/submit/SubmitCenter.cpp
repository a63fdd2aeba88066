#include "submit/SubmitCenter.h"

#include "auth/AuthSession.h"
#include "net/HttpClient.h"
#include "submit/CurrentStoreRunRecorder.h"
#include "submit/GatewayClient.h"
#include "submit/GatewaySettingsDialog.h"
#include "submit/GatewaySubmitter.h"
#include "submit/SlurmHostsDialog.h"
#include "submit/SlurmSubmitter.h"
#include "submit/SubmitDialog.h"
#include "submit/TaskStore.h"

namespace mltf::ui {

SubmitCenter::SubmitCenter(auth::TokenProvider *tokens, QObject *parent)
    : SubmitCenter(tokens, submit::TaskStore::defaultFilePath(), parent)
{}

SubmitCenter::SubmitCenter(auth::TokenProvider *tokens, const QString &taskFile, QObject *parent)
    : QObject(parent)
    , m_tasks(new submit::TaskStore(taskFile, this))
    , m_recorder(std::make_unique<CurrentStoreRunRecorder>())
{
    const Status loaded = m_tasks->load();
    if (!loaded.ok())
        m_loadProblem = loaded.error().message;
    m_submitter = new submit::SlurmSubmitter(submit::SlurmHost::loadAll(), m_recorder.get(), m_tasks, this);
    m_submitter->setTokenProvider(tokens);
    connect(m_submitter, &submit::Submitter::submitted, this, &SubmitCenter::taskSubmitted);
    connect(this, &SubmitCenter::gatewayUrlChanged, this, &SubmitCenter::rebuildGateway);
}

SubmitCenter::~SubmitCenter()
{
    m_submitter->closeConnections();
    delete m_submitter; // before the recorder it holds a pointer to
    delete m_gateway;   // the same
}

void SubmitCenter::setAuthSession(auth::AuthSession *session)
{
    m_session = session;
    rebuildGateway();
}

// The gateway submitter holds the tracking store and the address it was made with: a new one for new ones.
void SubmitCenter::rebuildGateway()
{
    if (m_dialog) { // it may be submitting through the current one
        m_gatewayStale = true;
        return;
    }
    m_gatewayStale = false;
    delete m_gateway;
    m_gateway = nullptr;
    const QUrl url = GatewaySettingsDialog::savedUrl();
    if (!url.isEmpty() && m_store) {
        auto *http = new net::HttpClient;
        http->setBaseUrl(url);
        http->authenticator().allowOrigin(url);
        http->authenticator().setTokenProvider(m_session.data());
        auto *client = new submit::GatewayClient(http, http);
        m_gateway = new submit::GatewaySubmitter(client, m_store.get(), m_recorder.get(), m_tasks, this);
        http->setParent(m_gateway);
        m_gateway->setAuthSession(m_session.data());
        connect(m_gateway, &submit::Submitter::submitted, this, &SubmitCenter::taskSubmitted);
    }
    emit gatewaySubmitterChanged(m_gateway);
}

void SubmitCenter::setTrackingStore(std::shared_ptr<tracking::Store> store, const QString &trackingUri)
{
    m_store = store;
    m_recorder->setStore(std::move(store), trackingUri);
    if (m_dialog && !m_dialog->isSubmitting())
        m_dialog->setStore(m_store);
    rebuildGateway();
}

SubmitDialog *SubmitCenter::showSubmitDialog(const project::Project &project, QWidget *parent,
                                             const submit::Task *like)
{
    if (m_dialog) { // already open (a second Ctrl+Return): bring it back rather than start another
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new SubmitDialog(project, m_submitter, m_submitter->hosts(), parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QObject::destroyed, this, [this] {
        m_dialog.clear(); // a widget tells before its guards are cleared
        if (m_gatewayStale)
            rebuildGateway();
    });
    if (m_gateway)
        m_dialog->setGatewaySubmitter(m_gateway, m_session ? m_session->accessTokenExpiresAt() : QDateTime());
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

void SubmitCenter::showGatewayDialog(QWidget *parent)
{
    auto *dialog = new GatewaySettingsDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GatewaySettingsDialog::urlSaved, this, &SubmitCenter::gatewayUrlChanged);
    dialog->open();
}

} // namespace mltf::ui
