#pragma once

#include "auth/Identity.h"
#include "auth/OidcConfig.h"
#include "auth/ProviderMetadata.h"
#include "auth/TokenProvider.h"
#include "auth/TokenSet.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace mltf::auth {

class OidcHttp;
class SecretStore;

// The signed-in session: tokens, who, until when, kept in the keychain (SecretStore) and renewed with the
// refresh token. It is the TokenProvider the HTTP layer asks for bearer tokens.
class AuthSession : public QObject, public TokenProvider
{
    Q_OBJECT
public:
    enum class State { SignedOut, Restoring, SignedIn };
    Q_ENUM(State)

    AuthSession(SecretStore *store, OidcHttp *http, QObject *parent = nullptr);
    ~AuthSession() override;

    // Looks for a stored session of this issuer + client (at start). Emits restoreFinished().
    void restore(const OidcConfig &config);
    // After a sign-in flow: takes the tokens, works out the identity, stores everything. Emits persisted().
    void completeSignIn(const OidcConfig &config, const ProviderMetadata &provider, const TokenSet &tokens);
    // Forgets the session here and in the keychain, and asks the provider to revoke the refresh token
    // (best effort). Emits signedOut() once the keychain entries are gone.
    void signOut();

    State state() const { return m_state; }
    bool isSignedIn() const { return m_state == State::SignedIn; }
    Identity identity() const { return m_identity; }
    OidcConfig config() const { return m_config; }
    const TokenSet &tokens() const { return m_tokens; }
    QDateTime accessTokenExpiresAt() const { return m_tokens.accessExpiresAt; }
    QDateTime refreshTokenExpiresAt() const { return m_tokens.refreshExpiresAt; }
    QDateTime sessionExpiresAt() const { return m_tokens.sessionExpiresAt(); }
    // False when the keychain could not be used: the session then lasts until the app closes.
    bool isPersistent() const;
    QString persistenceProblem() const;

    void setRefreshMarginSeconds(int seconds) { m_refreshMarginSeconds = seconds; }
    int refreshMarginSeconds() const { return m_refreshMarginSeconds; }

    // TokenProvider
    void accessToken(QObject *context, TokenCallback done) override;
    void handleUnauthorized(const QString &rejectedToken, QObject *context, TokenCallback done) override;
    // Renews the access token now, whatever its expiry.
    void refresh(QObject *context, TokenCallback done);

signals:
    void stateChanged(mltf::auth::AuthSession::State state);
    // Identity, expiry or persistence changed (for the status bar).
    void sessionChanged();
    void restoreFinished(bool signedIn);
    // The keychain write for the current tokens finished: stored, or why not (for a person).
    void persisted(bool stored, const QString &problem);
    void refreshed();
    void signedOut();
    // The session cannot go on without a new sign-in (refresh refused, or a server keeps refusing it).
    void signInRequired(const QString &reason);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        TokenCallback done;
    };

    void setState(State state);
    void adoptStored(const QByteArray &stored);
    void finishRestore(const QString &whyNot); // empty: restored
    void startRefresh();
    void finishRefresh(const Result<QString> &result);
    void adopt(const TokenSet &tokens);
    void persist();
    void fetchUserinfo();
    void endSession(const QString &reason);
    void removeStoredEntries(std::function<void(const Status &)> done);
    QByteArray serialize() const;
    static void deliver(QObject *context, TokenCallback done, const Result<QString> &result);

    SecretStore *m_store;
    OidcHttp *m_http;
    State m_state = State::SignedOut;
    OidcConfig m_config;
    QUrl m_tokenEndpoint;
    QUrl m_revocationEndpoint;
    QUrl m_userinfoEndpoint;
    TokenSet m_tokens;
    Identity m_identity;
    int m_refreshMarginSeconds = 60;
    bool m_refreshing = false;
    QList<Waiter> m_waiters;
    QString m_tokenFromUnauthorizedRefresh; // the token a 401 made us fetch: refused again means give up
    quint64 m_generation = 0; // bumps on sign-in/out, so late answers of old sessions are dropped
};

} // namespace mltf::auth
