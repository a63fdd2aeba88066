#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace mltf::auth {
class TokenProvider;
}

namespace mltf::net {

// Decides the Authorization header of every request (and every redirect hop): only origins (scheme, host,
// port) the user configured get one, everything else none. Credentials in order: a TokenProvider (the
// sign-in session) when set, else a static bearer token (MLFLOW_TRACKING_TOKEN), else Basic
// (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD). Never logs or exposes the credentials.
class Authenticator
{
public:
    // The header value ("Bearer …" / "Basic …") or empty for no header; an Error when a provider could not
    // give a token (signed out).
    using HeaderCallback = std::function<void(const Result<QByteArray> &)>;

    Authenticator() = default;

    // Credentials from the MLflow environment variables, for `server` only.
    static Authenticator fromEnvironment(const QUrl &server);

    void allowOrigin(const QUrl &url);
    void setAllowedOrigins(const QList<QUrl> &urls);
    bool allows(const QUrl &url) const;
    QList<QUrl> allowedOrigins() const { return m_origins; }

    void setBearerToken(const QString &token) { m_bearer = token; }
    void setBasic(const QString &user, const QString &password);
    // Not owned; must outlive the clients using this Authenticator. nullptr removes it.
    void setTokenProvider(auth::TokenProvider *provider) { m_provider = provider; }
    bool hasCredentials() const { return m_provider || !m_bearer.isEmpty() || !m_basic.isEmpty(); }

    // The header for `url`, asynchronously when a TokenProvider is set. `done` runs while `context` lives.
    void headerFor(const QUrl &url, QObject *context, HeaderCallback done) const;
    // After a 401 from an allowed origin: a renewed header to retry once with, or an Error. Only a
    // TokenProvider can renew; static credentials give an Unauthorized error at once.
    void renewAfterUnauthorized(const QByteArray &rejectedHeader, QObject *context, HeaderCallback done) const;

    static QUrl originOf(const QUrl &url);

private:
    QList<QUrl> m_origins;
    QString m_bearer;
    QByteArray m_basic; // "user:password" base64
    auth::TokenProvider *m_provider = nullptr;
};

} // namespace mltf::net
