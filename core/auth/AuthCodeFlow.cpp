#include "auth/AuthCodeFlow.h"

#include "auth/LoopbackReplyHandler.h"
#include "auth/OAuthErrors.h"
#include "auth/Pkce.h"
#include "util/Logging.h"

#include <QOAuth2AuthorizationCodeFlow>
#include <QUrlQuery>

namespace mltf::auth {

AuthCodeFlow::AuthCodeFlow(QObject *parent)
    : QObject(parent)
{
    m_browserTimeout.setSingleShot(true);
    connect(&m_browserTimeout, &QTimer::timeout, this, [this] {
        fail(Error::make(Error::Kind::Timeout,
                         tr("No answer came back from the browser. Start the sign-in again."),
                         QStringLiteral("loopback redirect not received in time")));
    });
}

AuthCodeFlow::~AuthCodeFlow() = default;

quint16 AuthCodeFlow::loopbackPort() const
{
    return m_handler && m_handler->isListening() ? m_handler->port() : 0;
}

void AuthCodeFlow::start(const ProviderMetadata &provider, const QString &clientId, const QStringList &scopes)
{
    cancel();
    if (!provider.supportsAuthorizationCode()) {
        emit failed(Error::make(Error::Kind::Unsupported,
                                tr("The identity provider %1 does not offer sign-in through the browser with "
                                   "an authorization code.")
                                    .arg(provider.issuer.toString())));
        return;
    }
    // Fresh objects per attempt: Qt's flow keeps state (token, status) between grants.
    delete m_flow;
    delete m_handler;
    m_handler = new LoopbackReplyHandler(this);
    if (!m_handler->listen()) {
        emit failed(Error::make(Error::Kind::Network,
                                tr("Could not open a local port to receive the browser's answer.")));
        return;
    }
    m_flow = new QOAuth2AuthorizationCodeFlow(this);
    m_flow->setAuthorizationUrl(provider.authorizationEndpoint);
    m_flow->setAccessTokenUrl(provider.tokenEndpoint);
    m_flow->setClientIdentifier(clientId);
    m_flow->setScope(scopes.join(QLatin1Char(' ')));
    m_flow->setReplyHandler(m_handler);

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::S256);
#else
    const PkcePair pkce = Pkce::generate();
    m_flow->setModifyParametersFunction(
        [challenge = pkce.challenge, verifier = pkce.verifier](QAbstractOAuth::Stage stage,
                                                               QMultiMap<QString, QVariant> *parameters) {
            if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
                parameters->insert(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
                parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
                parameters->insert(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
            }
        });
#endif

    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, [this](const QUrl &url) {
        // The state we check on the loopback port is the one in the URL the browser gets.
        m_handler->setExpectedState(
            QUrlQuery(url).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded));
        emit authorizationUrlReady(url);
    });
    connect(m_handler, &LoopbackReplyHandler::callbackReceived, this, [this] {
        m_browserTimeout.stop(); // the code is being exchanged now
    });
    connect(m_handler, &LoopbackReplyHandler::authorizationFailed, this,
            [this](const QString &error, const QString &description) {
                fail(OAuthErrors::fromCode(error, description, tr("the sign-in")));
            });
    connect(m_handler, &LoopbackReplyHandler::strayRequest, this, &AuthCodeFlow::strayRequestIgnored);
    connect(m_handler, &LoopbackReplyHandler::tokenReplyReceived, this, &AuthCodeFlow::onTokenReply);

    m_active = true;
    m_browserTimeout.start(m_browserTimeoutMs);
    m_flow->grant();
}

void AuthCodeFlow::onTokenReply(const HttpReply &reply)
{
    if (!m_active)
        return;
    if (!reply.isSuccess()) {
        fail(OAuthErrors::fromReply(reply, tr("the token request")));
        return;
    }
    auto tokens = TokenSet::fromTokenResponse(reply.body, QDateTime::currentDateTimeUtc());
    if (!tokens) {
        fail(tokens.error());
        return;
    }
    finish();
    emit succeeded(tokens.value());
}

void AuthCodeFlow::cancel()
{
    if (!m_active)
        return;
    finish();
}

void AuthCodeFlow::finish()
{
    m_active = false;
    m_browserTimeout.stop();
    if (m_handler)
        m_handler->close();
}

void AuthCodeFlow::fail(const Error &error)
{
    if (!m_active)
        return;
    finish();
    qCInfo(lcAuth) << "authorization code flow failed:" << error.detail;
    emit failed(error);
}

} // namespace mltf::auth
