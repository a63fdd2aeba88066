#include "auth/SignIn.h"

#include "auth/AuthCodeFlow.h"
#include "auth/AuthSession.h"
#include "auth/DeviceFlow.h"
#include "auth/OidcConfigResolver.h"
#include "auth/OidcDiscovery.h"
#include "auth/UrlOpener.h"
#include "util/Logging.h"

#include <QTimer>

namespace mltf::auth {

namespace {
constexpr int keychainPatienceMs = 30000;
}

SignIn::SignIn(AuthSession *session, OidcHttp *http, UrlOpener *opener, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_http(http)
    , m_opener(opener)
    , m_resolver(new OidcConfigResolver(http, this))
    , m_discovery(new OidcDiscovery(http, this))
    , m_deviceFlow(new DeviceFlow(http, this))
    , m_codeFlow(new AuthCodeFlow(this))
{
    connect(m_deviceFlow, &DeviceFlow::userCodeReady, this, [this](const DeviceAuthorization &authorization) {
        setStage(Stage::WaitingForUserCode);
        emit userCodeReady(authorization);
        openBrowser(authorization.urlToOpen());
    });
    connect(m_deviceFlow, &DeviceFlow::succeeded, this, &SignIn::onTokens);
    connect(m_deviceFlow, &DeviceFlow::failed, this, &SignIn::fail);
    connect(m_codeFlow, &AuthCodeFlow::authorizationUrlReady, this, [this](const QUrl &url) {
        setStage(Stage::WaitingForBrowser);
        openBrowser(url);
    });
    connect(m_codeFlow, &AuthCodeFlow::succeeded, this, &SignIn::onTokens);
    connect(m_codeFlow, &AuthCodeFlow::failed, this, &SignIn::fail);
}

SignIn::~SignIn() = default;

const DeviceAuthorization &SignIn::deviceAuthorization() const
{
    return m_deviceFlow->authorization();
}

void SignIn::start()
{
    cancel();
    const quint64 attempt = ++m_attempt;
    m_browserUrl.clear();
    setStage(Stage::FindingProvider);
    if (m_config) {
        withConfig(*m_config);
        return;
    }
    m_resolver->resolve([this, attempt](const OidcConfig &config) {
        if (attempt == m_attempt && m_stage == Stage::FindingProvider)
            withConfig(config);
    });
}

void SignIn::withConfig(const OidcConfig &config)
{
    if (!config.isComplete()) {
        fail(Error::make(
            Error::Kind::InvalidInput,
            tr("No identity provider is configured. Set the issuer and client id in the settings.")));
        return;
    }
    m_resolved = config;
    setStage(Stage::Discovering);
    const quint64 attempt = m_attempt;
    m_discovery->discover(config.issuer, [this, attempt](const Result<ProviderMetadata> &provider) {
        if (attempt != m_attempt || m_stage != Stage::Discovering)
            return;
        if (!provider) {
            fail(provider.error());
            return;
        }
        withProvider(provider.value());
    });
}

void SignIn::withProvider(const ProviderMetadata &provider)
{
    m_provider = provider;
    Method method = m_method;
    if (method == Method::Automatic)
        method = provider.supportsDeviceFlow() ? Method::DeviceCode : Method::AuthorizationCode;
    m_chosen = method;
    qCInfo(lcAuth) << "signing in at" << provider.issuer.toString() << "with"
                   << (method == Method::DeviceCode ? "the device code flow" : "the authorization code flow");
    if (method == Method::DeviceCode)
        m_deviceFlow->start(provider, m_resolved.clientId, m_resolved.scopes);
    else
        m_codeFlow->start(provider, m_resolved.clientId, m_resolved.scopes);
}

void SignIn::openBrowser(const QUrl &url)
{
    m_browserUrl = url;
    if (!m_opener || !m_opener->openUrl(url))
        emit browserNotOpened(url);
}

void SignIn::reopenBrowser()
{
    if (!m_browserUrl.isEmpty() &&
        (m_stage == Stage::WaitingForBrowser || m_stage == Stage::WaitingForUserCode))
        openBrowser(m_browserUrl);
}

void SignIn::onTokens(const TokenSet &tokens)
{
    setStage(Stage::Saving);
    const quint64 attempt = m_attempt;
    // Done once the keychain answered; a missing keychain is not a failed sign-in (the dialog says so).
    // A keychain that waits for the user (a locked keyring asking for its password) does not hold the
    // sign-in hostage: after a while the dialog is done anyway and the write finishes in the background.
    auto connection = std::make_shared<QMetaObject::Connection>();
    const auto done = [this, attempt, connection] {
        disconnect(*connection);
        if (attempt != m_attempt || m_stage != Stage::Saving)
            return;
        setStage(Stage::Done);
        emit succeeded();
    };
    *connection = connect(m_session, &AuthSession::persisted, this, done);
    QTimer::singleShot(keychainPatienceMs, this, done);
    m_session->completeSignIn(m_resolved, m_provider, tokens);
}

void SignIn::cancel()
{
    const bool active = m_stage != Stage::Idle && m_stage != Stage::Done && m_stage != Stage::Failed &&
                        m_stage != Stage::Cancelled;
    ++m_attempt;
    m_discovery->cancel();
    m_deviceFlow->cancel();
    m_codeFlow->cancel();
    if (active)
        setStage(Stage::Cancelled);
}

void SignIn::fail(const Error &error)
{
    if (m_stage == Stage::Failed || m_stage == Stage::Cancelled || m_stage == Stage::Done)
        return;
    qCInfo(lcAuth) << "sign-in failed:" << error.message << error.detail;
    setStage(Stage::Failed);
    emit failed(error);
}

void SignIn::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    emit stageChanged(stage);
}

QString SignIn::stageText() const
{
    switch (m_stage) {
    case Stage::Idle:
        return {};
    case Stage::FindingProvider:
        return tr("Looking up the identity provider…");
    case Stage::Discovering:
        return tr("Contacting %1…").arg(m_resolved.issuer.host());
    case Stage::WaitingForBrowser:
        return tr("Waiting for you to sign in in the browser…");
    case Stage::WaitingForUserCode:
        return tr("Waiting for you to confirm the code in the browser…");
    case Stage::Saving:
        return tr("Signed in. Saving the session in the keychain…");
    case Stage::Done:
        return tr("Signed in.");
    case Stage::Failed:
        return tr("Sign-in failed.");
    case Stage::Cancelled:
        return tr("Sign-in cancelled.");
    }
    return {};
}

} // namespace mltf::auth
