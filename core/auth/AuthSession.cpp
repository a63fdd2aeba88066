#include "auth/AuthSession.h"

#include "auth/JwtClaims.h"
#include "auth/OAuthErrors.h"
#include "auth/OidcHttp.h"
#include "auth/SecretStore.h"
#include "auth/TokenStore.h"
#include "util/Logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

namespace mltf::auth {

namespace {
constexpr int storedFormatVersion = 1;

Error notSignedIn()
{
    return Error::make(
        Error::Kind::Unauthorized,
        QCoreApplication::translate("mltf::auth::AuthSession", "You are not signed in. Sign in first."));
}
} // namespace

AuthSession::AuthSession(SecretStore *store, OidcHttp *http, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_http(http)
{
    connect(m_store, &SecretStore::availabilityChanged, this, &AuthSession::sessionChanged);
}

AuthSession::~AuthSession() = default;

bool AuthSession::isPersistent() const
{
    return m_store->isAvailable();
}

QString AuthSession::persistenceProblem() const
{
    return m_store->unavailableReason();
}

void AuthSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void AuthSession::deliver(QObject *context, TokenCallback done, const Result<QString> &result)
{
    // Always from the event loop, so callers never see their callback run inside their own call.
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        context ? context : QCoreApplication::instance(),
        [guard, hadContext = context != nullptr, done = std::move(done), result] {
            if (!hadContext || guard)
                done(result);
        },
        Qt::QueuedConnection);
}

// ---- sign-in, restore, sign-out ---------------------------------------------------------------------------

void AuthSession::completeSignIn(const OidcConfig &config, const ProviderMetadata &provider,
                                 const TokenSet &tokens)
{
    ++m_generation;
    m_config = config;
    m_tokenEndpoint = provider.tokenEndpoint;
    m_revocationEndpoint = provider.revocationEndpoint;
    m_userinfoEndpoint = provider.userinfoEndpoint;
    m_tokenFromUnauthorizedRefresh.clear();
    m_tokens = TokenSet();
    m_identity = Identity();
    adopt(tokens);
    setState(State::SignedIn);
    qCInfo(lcAuth) << "signed in as" << m_identity.displayName() << "at" << config.issuer.toString();
    emit sessionChanged();
    persist();
    if (!m_identity.hasProfile())
        fetchUserinfo();
}

void AuthSession::adopt(const TokenSet &tokens)
{
    m_tokens = m_tokens.accessToken.isEmpty() ? tokens : m_tokens.updatedBy(tokens);
    // Who: the id_token's claims; without one (no openid scope), the access token's if it is a JWT.
    QJsonObject claims = JwtClaims::decodeUnverified(m_tokens.idToken);
    if (claims.isEmpty())
        claims = JwtClaims::decodeUnverified(m_tokens.accessToken);
    const Identity fromToken = Identity::fromClaims(claims);
    if (m_identity.subject.isEmpty() || fromToken.subject == m_identity.subject) {
        if (!fromToken.subject.isEmpty())
            m_identity.subject = fromToken.subject;
        if (fromToken.hasProfile()) {
            m_identity.username = fromToken.username;
            m_identity.name = fromToken.name;
            m_identity.email = fromToken.email;
        }
    }
    if (m_identity.subject.isEmpty())
        m_identity.subject = QStringLiteral("default");
}

void AuthSession::fetchUserinfo()
{
    if (m_userinfoEndpoint.isEmpty() || m_tokens.accessToken.isEmpty())
        return;
    const quint64 generation = m_generation;
    m_http->get(
        m_userinfoEndpoint, this,
        [this, generation](const HttpReply &reply) {
            if (generation != m_generation || !reply.isSuccess())
                return; // best effort: the subject alone still identifies the session
            const Identity info = Identity::fromClaims(QJsonDocument::fromJson(reply.body).object());
            if (!info.hasProfile() || (!info.subject.isEmpty() && info.subject != m_identity.subject))
                return;
            m_identity.username = info.username;
            m_identity.name = info.name;
            m_identity.email = info.email;
            emit sessionChanged();
            persist();
        },
        "Bearer " + m_tokens.accessToken.toUtf8());
}

QByteArray AuthSession::serialize() const
{
    QJsonObject o;
    o.insert(QLatin1String("version"), storedFormatVersion);
    o.insert(QLatin1String("issuer"), m_config.issuer.toString());
    o.insert(QLatin1String("client_id"), m_config.clientId);
    o.insert(QLatin1String("scopes"), m_config.scopeString());
    o.insert(QLatin1String("token_endpoint"), m_tokenEndpoint.toString());
    o.insert(QLatin1String("revocation_endpoint"), m_revocationEndpoint.toString());
    o.insert(QLatin1String("userinfo_endpoint"), m_userinfoEndpoint.toString());
    o.insert(QLatin1String("identity"), m_identity.toJson());
    o.insert(QLatin1String("tokens"), m_tokens.toJson());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void AuthSession::persist()
{
    const QString tokensKey = TokenStore::tokensKey(m_config.issuer, m_config.clientId, m_identity.subject);
    const QString accountKey = TokenStore::accountKey(m_config.issuer, m_config.clientId);
    const QByteArray subject = m_identity.subject.toUtf8();
    const quint64 generation = m_generation;
    m_store->write(
        tokensKey, serialize(), this, [this, accountKey, subject, generation](const Status &status) {
            if (generation != m_generation)
                return;
            if (!status) {
                qCWarning(lcAuth) << "session not stored:" << status.error().detail;
                emit sessionChanged();
                emit persisted(false, status.error().message);
                return;
            }
            m_store->write(accountKey, subject, this, [this, generation](const Status &accountStatus) {
                if (generation != m_generation)
                    return;
                emit sessionChanged();
                emit persisted(accountStatus.ok(),
                               accountStatus.ok() ? QString() : accountStatus.error().message);
            });
        });
}

void AuthSession::restore(const OidcConfig &config)
{
    if (m_state == State::SignedIn) {
        emit restoreFinished(true);
        return;
    }
    const quint64 generation = ++m_generation;
    m_config = config;
    setState(State::Restoring);
    // First which user signed in last with this issuer + client, then that user's tokens.
    m_store->read(TokenStore::accountKey(config.issuer, config.clientId), this,
                  [this, config, generation](const Result<QByteArray> &account) {
                      if (generation != m_generation)
                          return;
                      if (!account) {
                          finishRestore(account.error().detail.isEmpty() ? account.error().message
                                                                         : account.error().detail);
                          return;
                      }
                      const QString subject = QString::fromUtf8(account.value());
                      m_store->read(TokenStore::tokensKey(config.issuer, config.clientId, subject), this,
                                    [this, generation](const Result<QByteArray> &stored) {
                                        if (generation != m_generation)
                                            return;
                                        if (!stored)
                                            finishRestore(stored.error().message);
                                        else
                                            adoptStored(stored.value());
                                    });
                  });
}

void AuthSession::adoptStored(const QByteArray &stored)
{
    const QJsonObject o = QJsonDocument::fromJson(stored).object();
    const TokenSet tokens = TokenSet::fromJson(o.value(QLatin1String("tokens")).toObject());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (o.value(QLatin1String("version")).toInt() != storedFormatVersion || tokens.accessToken.isEmpty() ||
        (!tokens.canRefresh(now) && !tokens.accessTokenUsable(now, 0))) {
        finishRestore(QStringLiteral("stored session unusable or ended"));
        return;
    }
    m_tokenEndpoint = QUrl(o.value(QLatin1String("token_endpoint")).toString());
    m_revocationEndpoint = QUrl(o.value(QLatin1String("revocation_endpoint")).toString());
    m_userinfoEndpoint = QUrl(o.value(QLatin1String("userinfo_endpoint")).toString());
    m_identity = Identity::fromClaims(o.value(QLatin1String("identity")).toObject());
    m_tokens = tokens;
    finishRestore(QString());
}

void AuthSession::finishRestore(const QString &whyNot)
{
    if (!whyNot.isEmpty())
        qCInfo(lcAuth) << "no stored session:" << whyNot;
    setState(whyNot.isEmpty() ? State::SignedIn : State::SignedOut);
    emit sessionChanged();
    emit restoreFinished(whyNot.isEmpty());
}

void AuthSession::signOut()
{
    const bool wasSignedIn = m_state != State::SignedOut;
    // Ask the provider to forget the refresh token too; nothing waits for the answer.
    if (!m_revocationEndpoint.isEmpty() && !m_tokens.refreshToken.isEmpty()) {
        m_http->postForm(m_revocationEndpoint,
                         {{QStringLiteral("token"), m_tokens.refreshToken},
                          {QStringLiteral("token_type_hint"), QStringLiteral("refresh_token")},
                          {QStringLiteral("client_id"), m_config.clientId}},
                         this, [](const HttpReply &) {});
    }
    endSession(QString());
    if (wasSignedIn)
        qCInfo(lcAuth) << "signed out";
}

void AuthSession::endSession(const QString &reason)
{
    ++m_generation;
    const OidcConfig config = m_config;
    const QString subject = m_identity.subject;
    m_tokens = TokenSet();
    m_identity = Identity();
    m_tokenFromUnauthorizedRefresh.clear();
    setState(State::SignedOut);
    finishRefresh(Error::make(Error::Kind::Unauthorized, reason.isEmpty() ? notSignedIn().message : reason));
    emit sessionChanged();
    if (!reason.isEmpty())
        emit signInRequired(reason);
    if (config.issuer.isEmpty()) {
        emit signedOut();
        return;
    }
    // The account entry first: without it, a stale token entry is never read again.
    m_store->remove(TokenStore::accountKey(config.issuer, config.clientId), this,
                    [this, config, subject](const Status &) {
                        m_store->remove(TokenStore::tokensKey(config.issuer, config.clientId, subject), this,
                                        [this](const Status &status) {
                                            if (!status)
                                                qCWarning(lcAuth) << "sign-out:" << status.error().detail;
                                            emit signedOut();
                                        });
                    });
}

// ---- tokens
// -------------------------------------------------------------------------------------------------

void AuthSession::accessToken(QObject *context, TokenCallback done)
{
    if (m_state != State::SignedIn) {
        deliver(context, std::move(done), notSignedIn());
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_refreshing && m_tokens.accessTokenUsable(now, m_refreshMarginSeconds)) {
        deliver(context, std::move(done), m_tokens.accessToken);
        return;
    }
    refresh(context, std::move(done));
}

void AuthSession::refresh(QObject *context, TokenCallback done)
{
    if (m_state != State::SignedIn) {
        deliver(context, std::move(done), notSignedIn());
        return;
    }
    m_waiters.append({QPointer<QObject>(context), context != nullptr, std::move(done)});
    if (!m_refreshing)
        startRefresh();
}

void AuthSession::handleUnauthorized(const QString &rejectedToken, QObject *context, TokenCallback done)
{
    if (m_state != State::SignedIn) {
        deliver(context, std::move(done), notSignedIn());
        return;
    }
    if (!rejectedToken.isEmpty() && rejectedToken == m_tokenFromUnauthorizedRefresh) {
        // Renewed once because of a 401 and refused again: renewing more will not help.
        const QString reason = tr("The server keeps refusing your sign-in. Sign in again.");
        m_tokenFromUnauthorizedRefresh.clear();
        emit signInRequired(reason);
        deliver(context, std::move(done), Error::make(Error::Kind::Unauthorized, reason));
        return;
    }
    if (!rejectedToken.isEmpty() && rejectedToken != m_tokens.accessToken && !m_refreshing) {
        accessToken(context, std::move(done)); // already replaced since that request went out
        return;
    }
    m_waiters.append({QPointer<QObject>(context), context != nullptr,
                      [this, done = std::move(done)](const Result<QString> &result) {
                          if (result)
                              m_tokenFromUnauthorizedRefresh = result.value();
                          done(result);
                      }});
    if (!m_refreshing)
        startRefresh();
}

void AuthSession::startRefresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_tokens.canRefresh(now) || m_tokenEndpoint.isEmpty()) {
        if (m_tokens.accessTokenUsable(now, 0)) {
            finishRefresh(m_tokens.accessToken); // cannot renew, but still valid for a little while
            return;
        }
        endSession(tr("Your session has ended. Sign in again."));
        return;
    }
    m_refreshing = true;
    const quint64 generation = m_generation;
    const OidcHttp::Form form{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                              {QStringLiteral("refresh_token"), m_tokens.refreshToken},
                              {QStringLiteral("client_id"), m_config.clientId}};
    qCDebug(lcAuth) << "refreshing the access token";
    m_http->postForm(m_tokenEndpoint, form, this, [this, generation](const HttpReply &reply) {
        if (generation != m_generation)
            return;
        m_refreshing = false;
        if (reply.isSuccess()) {
            auto tokens = TokenSet::fromTokenResponse(reply.body, QDateTime::currentDateTimeUtc());
            if (tokens) {
                adopt(tokens.value()); // keeps a rotated refresh token, or the old one if none came
                emit sessionChanged();
                emit refreshed();
                persist();
                finishRefresh(m_tokens.accessToken);
                return;
            }
            finishRefresh(tokens.error());
            return;
        }
        const Error error = OAuthErrors::fromReply(reply, tr("the token renewal"));
        if (error.code == QLatin1String("invalid_grant") || error.code == QLatin1String("invalid_token")) {
            // The refresh token was revoked, expired or reused: only a new sign-in helps.
            endSession(error.message);
            return;
        }
        // Provider unreachable or erring: the current token may still do for a little while.
        if (m_tokens.accessTokenUsable(QDateTime::currentDateTimeUtc(), 0))
            finishRefresh(m_tokens.accessToken);
        else
            finishRefresh(error);
    });
}

void AuthSession::finishRefresh(const Result<QString> &result)
{
    m_refreshing = false;
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters) {
        if (w.hasContext && !w.context)
            continue;
        deliver(w.context, w.done, result);
    }
}

} // namespace mltf::auth
