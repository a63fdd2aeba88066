#include "auth/OAuthErrors.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace mltf::auth {

QString OAuthErrors::errorCode(const QByteArray &body, QString *description)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    const QJsonObject o = doc.object();
    if (description)
        *description = o.value(QLatin1String("error_description")).toString();
    return o.value(QLatin1String("error")).toString();
}

Error OAuthErrors::noAnswer(const HttpReply &reply, const QString &what)
{
    const QString host = reply.url.host().isEmpty() ? reply.url.toString() : reply.url.authority();
    Error e;
    e.detail = QStringLiteral("%1: %2 (%3)")
                   .arg(reply.url.toString(QUrl::RemoveQuery), reply.errorString)
                   .arg(int(reply.networkError));
    switch (reply.networkError) {
    case QNetworkReply::OperationCanceledError:
        e.kind = Error::Kind::Cancelled;
        e.message = tr("Sign-in was cancelled.");
        break;
    case QNetworkReply::TimeoutError:
        e.kind = Error::Kind::Timeout;
        e.message =
            tr("The identity provider at %1 did not answer %2 in time. Try again later.").arg(host, what);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = Error::Kind::Tls;
        e.message = tr("The secure connection to the identity provider at %1 failed: %2")
                        .arg(host, reply.errorString);
        break;
    default:
        e.kind = Error::Kind::Network;
        e.message =
            tr("Cannot reach the identity provider at %1 (%2). Check the network and the issuer address.")
                .arg(host, reply.errorString);
        break;
    }
    return e;
}

Error OAuthErrors::fromCode(const QString &code, const QString &description, const QString &what)
{
    Error e;
    e.code = code;
    e.detail = description.isEmpty() ? code : QStringLiteral("%1: %2").arg(code, description);
    if (code == QLatin1String("invalid_grant")) {
        e.kind = Error::Kind::Unauthorized;
        e.message = tr("Your session has ended or was revoked. Sign in again.");
    } else if (code == QLatin1String("access_denied")) {
        e.kind = Error::Kind::Unauthorized;
        e.message = tr("Sign-in was declined in the browser. Sign in again if that was a mistake.");
    } else if (code == QLatin1String("expired_token")) {
        e.kind = Error::Kind::Timeout;
        e.message = tr("The sign-in code expired before it was confirmed. Start the sign-in again.");
    } else if (code == QLatin1String("invalid_client") || code == QLatin1String("unauthorized_client")) {
        e.kind = Error::Kind::InvalidInput;
        e.message = tr("The identity provider does not accept this application's client id for %1. "
                       "Check the client id in the settings.")
                        .arg(what);
    } else if (code == QLatin1String("invalid_scope")) {
        e.kind = Error::Kind::InvalidInput;
        e.message =
            tr("The identity provider refused the requested scopes. Check the scopes in the settings.");
    } else if (code == QLatin1String("unsupported_grant_type")) {
        e.kind = Error::Kind::Unsupported;
        e.message = tr("The identity provider does not allow this way of signing in for this application.");
    } else {
        e.kind = Error::Kind::Http;
        e.message = description.isEmpty()
                        ? tr("The identity provider refused %1 (%2).").arg(what, code)
                        : tr("The identity provider refused %1: %2 (%3).").arg(what, description, code);
    }
    return e;
}

Error OAuthErrors::fromReply(const HttpReply &reply, const QString &what)
{
    if (reply.noAnswer())
        return noAnswer(reply, what);
    QString description;
    const QString code = errorCode(reply.body, &description);
    if (!code.isEmpty()) {
        Error e = fromCode(code, description, what);
        e.httpStatus = reply.status;
        return e;
    }
    Error e;
    e.httpStatus = reply.status;
    e.kind = reply.status == 404 ? Error::Kind::NotFound : Error::Kind::Http;
    e.message = tr("The identity provider answered %1 with HTTP %2.").arg(what).arg(reply.status);
    e.detail = QStringLiteral("%1: %2").arg(reply.url.toString(QUrl::RemoveQuery),
                                            QString::fromUtf8(reply.body.left(300)));
    return e;
}

} // namespace mltf::auth
