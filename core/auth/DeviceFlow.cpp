#include "auth/DeviceFlow.h"

#include "auth/OAuthErrors.h"
#include "auth/OidcHttp.h"
#include "util/Logging.h"

#include <limits>

namespace mltf::auth {

namespace {
// Polling survives a short network hiccup, not a provider that is gone.
constexpr int maxConsecutiveNetworkFailures = 3;
} // namespace

DeviceFlow::DeviceFlow(OidcHttp *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
    m_pollTimer.setSingleShot(true);
    m_expiryTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceFlow::poll);
    connect(&m_expiryTimer, &QTimer::timeout, this, [this] {
        fail(OAuthErrors::fromCode(QStringLiteral("expired_token"), tr("device code expired on the client"),
                                   tr("the sign-in")));
    });
}

void DeviceFlow::start(const ProviderMetadata &provider, const QString &clientId, const QStringList &scopes)
{
    cancel();
    m_provider = provider;
    m_clientId = clientId;
    m_authorization = {};
    m_polls = 0;
    m_consecutiveNetworkFailures = 0;
    m_state = State::Requesting;
    if (!provider.supportsDeviceFlow()) {
        fail(Error::make(Error::Kind::Unsupported,
                         tr("The identity provider %1 does not offer sign-in with a device code.")
                             .arg(provider.issuer.toString())));
        return;
    }
    OidcHttp::Form form{{QStringLiteral("client_id"), clientId}};
    if (!scopes.isEmpty())
        form.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
    m_reply =
        m_http->postForm(provider.deviceAuthorizationEndpoint, form, this, [this](const HttpReply &reply) {
            if (m_state != State::Requesting)
                return;
            if (!reply.isSuccess()) {
                fail(OAuthErrors::fromReply(reply, tr("the device code request")));
                return;
            }
            auto parsed = DeviceAuthorization::parse(reply.body, QDateTime::currentDateTimeUtc());
            if (!parsed) {
                fail(parsed.error());
                return;
            }
            m_authorization = parsed.value();
            m_intervalSeconds = m_authorization.intervalSeconds;
            m_state = State::WaitingForUser;
            const qint64 lifetimeMs =
                QDateTime::currentDateTimeUtc().msecsTo(m_authorization.expiresAt) * m_msPerSecond / 1000;
            m_expiryTimer.start(int(qBound<qint64>(0, lifetimeMs, qint64(std::numeric_limits<int>::max()))));
            emit userCodeReady(m_authorization);
            scheduleNextPoll();
        });
}

void DeviceFlow::cancel()
{
    const bool active = m_state == State::Requesting || m_state == State::WaitingForUser;
    m_pollTimer.stop();
    m_expiryTimer.stop();
    if (active)
        m_state = State::Cancelled;
    if (m_reply)
        m_reply->abort();
}

void DeviceFlow::scheduleNextPoll()
{
    m_pollTimer.start(m_intervalSeconds * m_msPerSecond);
}

void DeviceFlow::poll()
{
    if (m_state != State::WaitingForUser)
        return;
    ++m_polls;
    const OidcHttp::Form form{{QStringLiteral("grant_type"), ProviderMetadata::deviceCodeGrantType()},
                              {QStringLiteral("device_code"), m_authorization.deviceCode},
                              {QStringLiteral("client_id"), m_clientId}};
    m_reply = m_http->postForm(m_provider.tokenEndpoint, form, this,
                               [this](const HttpReply &reply) { onPollReply(reply); });
}

void DeviceFlow::onPollReply(const HttpReply &reply)
{
    if (m_state != State::WaitingForUser)
        return;
    if (reply.isSuccess()) {
        auto tokens = TokenSet::fromTokenResponse(reply.body, QDateTime::currentDateTimeUtc());
        if (!tokens) {
            fail(tokens.error());
            return;
        }
        m_state = State::Succeeded;
        m_expiryTimer.stop();
        emit succeeded(tokens.value());
        return;
    }
    if (reply.noAnswer() || reply.status >= 500) {
        // RFC 8628 leaves transient failures to the client: keep polling a little, then give up.
        if (++m_consecutiveNetworkFailures >= maxConsecutiveNetworkFailures) {
            fail(OAuthErrors::fromReply(reply, tr("the token request")));
            return;
        }
        scheduleNextPoll();
        return;
    }
    m_consecutiveNetworkFailures = 0;
    const QString code = OAuthErrors::errorCode(reply.body);
    if (code == QLatin1String("authorization_pending")) {
        scheduleNextPoll();
    } else if (code == QLatin1String("slow_down")) {
        m_intervalSeconds += 5; // RFC 8628 3.5
        qCDebug(lcAuth) << "device flow: slow_down, polling every" << m_intervalSeconds << "s";
        emit pollIntervalChanged(m_intervalSeconds);
        scheduleNextPoll();
    } else {
        fail(OAuthErrors::fromReply(reply, tr("the token request")));
    }
}

void DeviceFlow::fail(const Error &error)
{
    if (m_state == State::Failed || m_state == State::Succeeded || m_state == State::Cancelled)
        return;
    m_pollTimer.stop();
    m_expiryTimer.stop();
    m_state = State::Failed;
    if (m_reply)
        m_reply->abort();
    qCInfo(lcAuth) << "device flow failed:" << error.detail;
    emit failed(error);
}

} // namespace mltf::auth
