#include "net/Authenticator.h"

#include "auth/TokenProvider.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

namespace mltf::net {

namespace {
// Static-credential answers still arrive asynchronously, so callers see one behaviour whatever the source.
void later(QObject *context, std::function<void()> fn)
{
    QTimer::singleShot(0, context, std::move(fn));
}
} // namespace

Authenticator Authenticator::fromEnvironment(const QUrl &server)
{
    Authenticator a;
    a.allowOrigin(server);
    const QString token = qEnvironmentVariable("MLFLOW_TRACKING_TOKEN");
    const QString user = qEnvironmentVariable("MLFLOW_TRACKING_USERNAME");
    if (!token.isEmpty())
        a.setBearerToken(token);
    else if (!user.isEmpty())
        a.setBasic(user, qEnvironmentVariable("MLFLOW_TRACKING_PASSWORD"));
    return a;
}

QUrl Authenticator::originOf(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme().toLower());
    origin.setHost(url.host().toLower());
    const int defaultPort = origin.scheme() == QLatin1String("https") ? 443 : 80;
    origin.setPort(url.port(defaultPort));
    return origin;
}

void Authenticator::allowOrigin(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return;
    const QUrl origin = originOf(url);
    if (!m_origins.contains(origin))
        m_origins.append(origin);
}

void Authenticator::setAllowedOrigins(const QList<QUrl> &urls)
{
    m_origins.clear();
    for (const QUrl &u : urls)
        allowOrigin(u);
}

bool Authenticator::allows(const QUrl &url) const
{
    return url.isValid() && m_origins.contains(originOf(url));
}

void Authenticator::setBasic(const QString &user, const QString &password)
{
    m_basic = (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void Authenticator::headerFor(const QUrl &url, QObject *context, HeaderCallback done) const
{
    if (!allows(url) || !hasCredentials()) {
        later(context, [done] { done(QByteArray()); });
        return;
    }
    const QByteArray staticHeader = !m_bearer.isEmpty()  ? QByteArray("Bearer ") + m_bearer.toUtf8()
                                    : !m_basic.isEmpty() ? QByteArray("Basic ") + m_basic
                                                         : QByteArray();
    if (m_provider) {
        m_provider->accessToken(context, [done, staticHeader](const Result<QString> &token) {
            if (token.ok())
                done(QByteArray("Bearer ") + token.value().toUtf8());
            else if (token.error().kind == Error::Kind::Unauthorized)
                done(staticHeader); // nobody signed in: servers without authentication still work
            else
                done(token.error());
        });
        return;
    }
    later(context, [done, staticHeader] { done(staticHeader); });
}

void Authenticator::renewAfterUnauthorized(const QByteArray &rejectedHeader, QObject *context,
                                           HeaderCallback done) const
{
    if (m_provider && rejectedHeader.startsWith("Bearer ")) {
        const QString rejected = QString::fromUtf8(rejectedHeader.mid(7));
        m_provider->handleUnauthorized(rejected, context, [done](const Result<QString> &token) {
            if (!token.ok())
                done(token.error());
            else
                done(QByteArray("Bearer ") + token.value().toUtf8());
        });
        return;
    }
    later(context, [done] {
        done(Error::make(Error::Kind::Unauthorized,
                         QCoreApplication::translate("mltf::net::Authenticator",
                                                     "The server refused the credentials (401).")));
    });
}

} // namespace mltf::net
