#include "net/ErrorDecoder.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace mltf::net {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::net::ErrorDecoder", text);
}

QString hostOf(const QUrl &url)
{
    const QString host = url.host();
    return url.port() > 0 ? host + QLatin1Char(':') + QString::number(url.port()) : host;
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 409: return QStringLiteral("Conflict");
    case 413: return QStringLiteral("Payload Too Large");
    case 416: return QStringLiteral("Range Not Satisfiable");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return {};
    }
}

QString statusText(int status)
{
    const QString reason = reasonPhrase(status);
    return reason.isEmpty() ? QString::number(status) : QString::number(status) + QLatin1Char(' ') + reason;
}

Error::Kind kindForCode(const QString &code, int status)
{
    if (code == QLatin1String("RESOURCE_DOES_NOT_EXIST") || code == QLatin1String("NOT_FOUND"))
        return Error::Kind::NotFound;
    if (code == QLatin1String("INVALID_PARAMETER_VALUE") || code == QLatin1String("RESOURCE_ALREADY_EXISTS") ||
        code == QLatin1String("BAD_REQUEST") || code == QLatin1String("INVALID_STATE"))
        return Error::Kind::InvalidInput;
    if (code == QLatin1String("UNAUTHENTICATED") || code == QLatin1String("PERMISSION_DENIED"))
        return Error::Kind::Unauthorized;
    return ErrorDecoder::kindForStatus(status);
}

QString capped(QString text, int maxChars)
{
    text = text.simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1).trimmed() + QChar(0x2026);
    return text;
}

} // namespace

Error::Kind ErrorDecoder::kindForStatus(int status)
{
    if (status == 401 || status == 403)
        return Error::Kind::Unauthorized;
    if (status == 404 || status == 410)
        return Error::Kind::NotFound;
    if (status == 400 || status == 409 || status == 413 || status == 422)
        return Error::Kind::InvalidInput;
    if (status == 408 || status == 504)
        return Error::Kind::Timeout;
    return Error::Kind::Http;
}

QString ErrorDecoder::readableText(const QByteArray &body, int maxChars)
{
    QString text = QString::fromUtf8(body.left(64 * 1024));
    static const QRegularExpression hidden(QStringLiteral("<(script|style|head)[^>]*>.*?</\\1\\s*>"),
                                           QRegularExpression::CaseInsensitiveOption |
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression title(QStringLiteral("<title[^>]*>.*?</title\\s*>"),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    const bool looksHtml = text.contains(QLatin1Char('<')) && text.contains(QLatin1Char('>'));
    if (looksHtml) {
        text.remove(hidden);
        text.replace(title, QStringLiteral("\n"));
        text.replace(tags, QStringLiteral("\n"));
        text.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
        text.replace(QLatin1String("&lt;"), QLatin1String("<"));
        text.replace(QLatin1String("&gt;"), QLatin1String(">"));
        text.replace(QLatin1String("&quot;"), QLatin1String("\""));
        text.replace(QLatin1String("&#39;"), QLatin1String("'"));
        text.replace(QLatin1String("&#x27;"), QLatin1String("'"));
        text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    }
    // The first line that reads like a sentence (a heading such as "Not Found" only repeats the status).
    QString first;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.simplified();
        if (line.isEmpty())
            continue;
        if (first.isEmpty())
            first = line;
        if (line.count(QLatin1Char(' ')) >= 3)
            return capped(line, maxChars);
    }
    return capped(first, maxChars);
}

Error ErrorDecoder::fromResponse(const HttpResponse &response)
{
    const int status = response.status;
    const QString host = hostOf(response.url);
    Error e;
    e.httpStatus = status;
    e.detail = QStringLiteral("HTTP %1 from %2 (%3): %4")
                   .arg(status)
                   .arg(response.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
                        QString::fromLatin1(response.contentType),
                        QString::fromUtf8(response.body.left(500)));

    QString serverMessage;
    if (response.isJson()) {
        const QJsonObject o = QJsonDocument::fromJson(response.body).object();
        e.code = o.value(QLatin1String("error_code")).toString();
        serverMessage = o.value(QLatin1String("message")).toString();
        if (serverMessage.isEmpty())
            serverMessage = o.value(QLatin1String("error")).toString();
        serverMessage = capped(serverMessage, 500);
    } else if (!response.body.isEmpty()) {
        serverMessage = readableText(response.body);
    }
    e.kind = kindForCode(e.code, status);

    switch (status) {
    case 401:
        e.message = tr("%1 requires you to sign in, or refused the credentials (401).").arg(host);
        break;
    case 403:
        e.message = tr("%1 denied access (403).").arg(host);
        break;
    case 404:
        e.message = e.code.isEmpty() ? tr("%1 has no such endpoint (404 Not Found). Is it an MLflow server, "
                                           "and is the URL prefix right?")
                                           .arg(host)
                                     : QString();
        break;
    case 405:
        e.message = tr("%1 does not allow this request method here (405).").arg(host);
        break;
    case 429:
        e.message = tr("%1 is busy (429 Too Many Requests). Try again later.").arg(host);
        break;
    case 502:
    case 503:
    case 504:
        e.message = tr("%1 is unavailable (%2). Try again later.").arg(host, statusText(status));
        break;
    default:
        break;
    }
    if (e.message.isEmpty()) {
        if (serverMessage.isEmpty())
            e.message = tr("%1 answered %2.").arg(host, statusText(status));
        else if (response.isJson())
            e.message = serverMessage; // MLflow's own message is written for people
        else
            e.message = tr("%1 answered %2: %3").arg(host, statusText(status), serverMessage);
    }
    else if (!serverMessage.isEmpty() && !e.message.contains(serverMessage))
        e.message += QLatin1Char(' ') + serverMessage;
    return e;
}

Error ErrorDecoder::fromNetworkError(QNetworkReply::NetworkError code, const QString &errorString,
                                     const QUrl &url)
{
    const QString host = hostOf(url);
    Error e;
    e.detail = QStringLiteral("%1 (%2) for %3")
                   .arg(errorString)
                   .arg(int(code))
                   .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    e.kind = Error::Kind::Network;
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        e.message = tr("Could not connect to %1 (connection refused). Is the server running?").arg(host);
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = tr("%1 closed the connection before the answer was complete.").arg(host);
        break;
    case QNetworkReply::HostNotFoundError:
        e.message = tr("The host %1 was not found. Check the address.").arg(url.host());
        break;
    case QNetworkReply::TimeoutError:
        e.kind = Error::Kind::Timeout;
        e.message = tr("%1 did not answer in time.").arg(host);
        break;
    case QNetworkReply::OperationCanceledError:
        e.kind = Error::Kind::Cancelled;
        e.message = tr("The request to %1 was cancelled.").arg(host);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        return fromTlsErrors({errorString}, url);
    case QNetworkReply::TooManyRedirectsError:
        e.message = tr("%1 redirected too many times.").arg(host);
        break;
    case QNetworkReply::InsecureRedirectError:
        e.message = tr("%1 redirected from https to plain http; the request was not sent there.").arg(host);
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        e.message = tr("The proxy failed while connecting to %1: %2. Check the proxy settings (http_proxy, "
                       "https_proxy, no_proxy).")
                        .arg(host, errorString);
        break;
    default:
        e.message = tr("Network error talking to %1: %2").arg(host, errorString);
        break;
    }
    return e;
}

Error ErrorDecoder::fromTlsErrors(const QStringList &errors, const QUrl &url)
{
    Error e;
    e.kind = Error::Kind::Tls;
    e.message = tr("The secure connection to %1 failed: %2. Install the server's CA certificate, or set "
                   "MLFLOW_TRACKING_INSECURE_TLS=true only if you trust this network.")
                    .arg(hostOf(url), errors.join(QLatin1String("; ")));
    e.detail = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    return e;
}

} // namespace mltf::net
