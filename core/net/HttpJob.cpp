#include "net/HttpJob.h"

#include "net/ErrorDecoder.h"
#include "net/HttpClient.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslError>
#include <QTimer>

namespace mltf::net {

namespace {

// Transport failures (no complete HTTP answer) are 1..199; Qt also sets 2xx-4xx codes for HTTP error
// statuses, which are answers and decoded from the status and body instead.
bool isTransportError(QNetworkReply::NetworkError e)
{
    return e != QNetworkReply::NoError && int(e) < 200;
}

bool isRetryableTransportError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

HttpJob::HttpJob(HttpClient *client, const HttpRequest &request, const QUrl &url)
    : QObject(client)
    , m_client(client)
    , m_request(request)
    , m_url(url)
{
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &HttpJob::onTimeout);
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &HttpJob::start);
}

HttpJob::~HttpJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpJob::onFinished(QObject *context, Callback done)
{
    connect(this, &HttpJob::finished, context, [done = std::move(done)](const Result<HttpResponse> &r) { done(r); });
}

void HttpJob::start()
{
    if (m_finished)
        return;
    ++m_attempt;
    m_url = m_client->resolve(m_request);
    m_method = m_request.method.toUpper();
    m_body = m_request.body;
    m_redirects = 0;
    m_renewedAuth = false;
    m_timedOut = false;
    m_tlsErrors.clear();
    m_client->authenticator().headerFor(m_url, this, [this](const Result<QByteArray> &header) {
        // Without a token (signed out) the request still goes out: servers without auth answer it, and a
        // 401 then reports the sign-in problem.
        m_providerError = header.ok() ? std::optional<Error>() : std::optional<Error>(header.error());
        sendHop(header.ok() ? header.value() : QByteArray());
    });
}

void HttpJob::sendHop(const QByteArray &authorization)
{
    if (m_finished)
        return;
    m_authorization = authorization;
    QNetworkRequest req(m_url);
    // Redirects are followed here, deciding the Authorization header again for every hop.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("mltf-desktop/" MLTF_VERSION));
    for (const auto &h : m_request.headers)
        if (h.first.compare("Authorization", Qt::CaseInsensitive) != 0)
            req.setRawHeader(h.first, h.second);
    if (!authorization.isEmpty())
        req.setRawHeader("Authorization", authorization);
    const bool hasBody = !m_body.isEmpty() || m_method == "POST" || m_method == "PUT" || m_method == "PATCH";
    if (hasBody && !m_request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, m_request.contentType);

    qCDebug(lcNet) << "HTTP" << m_method << m_url.toDisplayString(QUrl::RemoveUserInfo) << "attempt" << m_attempt;
    QNetworkAccessManager *nam = m_client->networkAccessManager();
    if (m_method == "GET")
        m_reply = nam->get(req);
    else if (m_method == "HEAD")
        m_reply = nam->head(req);
    else
        m_reply = nam->sendCustomRequest(req, m_method, m_body);

    connect(m_reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        armTimeout();
        emit progress(received, total);
    });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this] { armTimeout(); });
    m_encrypted = false;
    connect(m_reply, &QNetworkReply::encrypted, this, [this] { m_encrypted = true; });
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (HttpClient::insecureTls()) {
            qCWarning(lcNet) << "Ignoring TLS errors (MLFLOW_TRACKING_INSECURE_TLS=true) for" << m_url.host();
            m_reply->ignoreSslErrors();
            return;
        }
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        m_tlsErrors = texts;
    });
    armTimeout();
}

void HttpJob::armTimeout()
{
    const int ms = m_request.timeoutMs > 0 ? m_request.timeoutMs : m_client->defaultTimeoutMs();
    if (ms > 0)
        m_timeout->start(ms);
}

void HttpJob::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void HttpJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || sender() != reply)
        return;
    m_timeout->stop();
    m_reply = nullptr;
    reply->deleteLater();
    if (m_finished)
        return;

    const QNetworkReply::NetworkError error = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (m_timedOut) {
        Error e = ErrorDecoder::fromNetworkError(QNetworkReply::TimeoutError, reply->errorString(), m_url);
        const int ms = m_request.timeoutMs > 0 ? m_request.timeoutMs : m_client->defaultTimeoutMs();
        e.message = tr("%1 did not answer within %2 s.").arg(m_url.host()).arg(ms / 1000.0);
        if (!retryLater(e.message, std::nullopt))
            finish(e);
        return;
    }
    if (!m_tlsErrors.isEmpty()) {
        finish(ErrorDecoder::fromTlsErrors(m_tlsErrors, m_url));
        return;
    }
    if ((isTransportError(error) || status == 0) && m_url.scheme() == QLatin1String("https") && !m_encrypted &&
        error != QNetworkReply::ConnectionRefusedError && error != QNetworkReply::HostNotFoundError &&
        error != QNetworkReply::OperationCanceledError) {
        // Connected, but no TLS session came up: not an https server, or the handshake was refused.
        finish(ErrorDecoder::fromTlsErrors({QCoreApplication::translate("mltf::net::HttpJob", "no TLS session could be set up (%1)")
                                                .arg(reply->errorString())},
                                           m_url));
        return;
    }
    if (isTransportError(error) || status == 0) {
        const Error e = ErrorDecoder::fromNetworkError(error == QNetworkReply::NoError ? QNetworkReply::UnknownNetworkError : error,
                                                       reply->errorString(), m_url);
        if (isRetryableTransportError(error) && retryLater(e.message, std::nullopt))
            return;
        finish(e);
        return;
    }

    HttpResponse response;
    response.status = status;
    response.url = m_url;
    response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    response.headers = reply->rawHeaderPairs();
    response.body = reply->readAll();

    // Qt sometimes ends a reply without an error when the server closes mid-body: compare with Content-Length
    // (meaningless when Qt has decompressed the body).
    const QByteArray declared = response.header("Content-Length");
    const QByteArray encoding = response.header("Content-Encoding").trimmed().toLower();
    bool lengthOk = false;
    const qint64 expected = declared.trimmed().toLongLong(&lengthOk);
    if (lengthOk && (encoding.isEmpty() || encoding == "identity") && m_method != "HEAD" && status != 204 &&
        status != 304 && response.body.size() < expected) {
        Error e = ErrorDecoder::fromNetworkError(QNetworkReply::RemoteHostClosedError, reply->errorString(), m_url);
        e.detail += QStringLiteral(" (%1 of %2 bytes)").arg(response.body.size()).arg(expected);
        if (!retryLater(e.message, std::nullopt))
            finish(e);
        return;
    }

    if (isRedirect(status) && !response.header("Location").isEmpty()) {
        const QUrl target = m_url.resolved(QUrl::fromEncoded(response.header("Location")));
        if (++m_redirects > m_client->maxRedirects()) {
            finish(ErrorDecoder::fromNetworkError(QNetworkReply::TooManyRedirectsError, {}, m_url));
            return;
        }
        if (m_url.scheme() == QLatin1String("https") && target.scheme() != QLatin1String("https")) {
            finish(ErrorDecoder::fromNetworkError(QNetworkReply::InsecureRedirectError, {}, m_url));
            return;
        }
        if (status == 303 || ((status == 301 || status == 302) && m_method == "POST")) {
            m_method = "GET";
            m_body.clear();
        }
        qCDebug(lcNet) << "Redirect" << status << "to" << target.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        m_url = target;
        m_client->authenticator().headerFor(m_url, this, [this](const Result<QByteArray> &header) {
            sendHop(header.ok() ? header.value() : QByteArray());
        });
        return;
    }

    if (status == 401 && !m_renewedAuth && !m_authorization.isEmpty() && m_client->authenticator().allows(m_url)) {
        m_renewedAuth = true;
        const HttpResponse rejected = response;
        m_client->authenticator().renewAfterUnauthorized(
            m_authorization, this, [this, rejected](const Result<QByteArray> &header) {
                if (header.ok() && !header.value().isEmpty() && header.value() != m_authorization) {
                    sendHop(header.value());
                    return;
                }
                Error e = ErrorDecoder::fromResponse(rejected);
                if (!header.ok() && !header.error().message.isEmpty())
                    e.message += QLatin1Char(' ') + header.error().message;
                finish(e);
            });
        return;
    }

    if (response.isSuccess()) {
        finish(std::move(response));
        return;
    }
    Error e = ErrorDecoder::fromResponse(response);
    if (status == 401 && m_providerError)
        e.message += QLatin1Char(' ') + m_providerError->message;
    if (RetryPolicy::isRetryableStatus(status)) {
        const auto retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"), QDateTime::currentDateTimeUtc());
        if (retryLater(e.message, retryAfter))
            return;
    }
    finish(e);
}

bool HttpJob::retryLater(const QString &reason, std::optional<int> retryAfterMs)
{
    const RetryPolicy policy = m_client->retryPolicy();
    const int maxAttempts = m_request.maxAttempts > 0 ? m_request.maxAttempts : policy.maxAttempts;
    if (!m_request.idempotent || m_attempt >= maxAttempts)
        return false;
    if (retryAfterMs && *retryAfterMs > policy.maxRetryAfterMs)
        return false;
    const int delay = policy.delayMs(m_attempt + 1, retryAfterMs, QRandomGenerator::global()->generateDouble());
    qCInfo(lcNet) << "Retrying" << m_method << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                  << "in" << delay << "ms:" << reason;
    emit retrying(m_attempt + 1, delay, reason);
    m_retryTimer->start(delay);
    return true;
}

void HttpJob::abort()
{
    if (m_finished)
        return;
    m_retryTimer->stop();
    m_timeout->stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    finish(ErrorDecoder::fromNetworkError(QNetworkReply::OperationCanceledError, {}, m_url));
}

void HttpJob::finish(Result<HttpResponse> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout->stop();
    m_retryTimer->stop();
    m_result = std::move(result);
    if (!m_result.ok())
        qCDebug(lcNet) << "HTTP failed:" << m_result.error().detail;
    emit finished(m_result);
    deleteLater();
}

} // namespace mltf::net
