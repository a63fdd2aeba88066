#pragma once

#include "auth/OidcConfig.h"

#include <QObject>

namespace mltf::auth {

class AuthSession;
class OidcConfigResolver;
class OidcHttp;
class SecretStore;

// Everything signing in needs, made once by the application: the HTTP helper for the identity provider, the
// keychain store and the session. start() finds the provider configuration and restores a stored session, so
// the user is signed in at start without the browser when the keychain still holds a valid session.
//
//     auto *auth = new auth::AuthService(app);
//     httpClient->authenticator().setTokenProvider(auth->session());   // bearer only for allowed origins
//     auth->start();
class AuthService : public QObject
{
    Q_OBJECT
public:
    // `store` (not owned) replaces the keychain, for tests.
    explicit AuthService(QObject *parent = nullptr, SecretStore *store = nullptr);
    ~AuthService() override;

    void start();

    OidcHttp *http() const { return m_http; }
    SecretStore *store() const { return m_store; }
    AuthSession *session() const { return m_session; }
    // The configuration found by start() (empty before).
    OidcConfig config() const { return m_config; }
    // started() was emitted: the configuration is known and the keychain was asked.
    bool isStarted() const { return m_started; }

signals:
    // Configuration resolved and the stored session looked for.
    void started(bool signedIn);

private:
    OidcHttp *m_http;
    SecretStore *m_store;
    AuthSession *m_session;
    OidcConfigResolver *m_resolver;
    OidcConfig m_config;
    bool m_started = false;
};

} // namespace mltf::auth
