#pragma once

#include "net/HttpRequest.h"
#include "net/HttpResponse.h"
#include "util/Error.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class QNetworkReply;
class QTimer;

namespace mltf::net {

class HttpClient;

// One request in flight, including its retries and redirect hops. Emits `finished` exactly once: with the
// response for 2xx answers, else with an Error (HTTP status decoded by ErrorDecoder, network/TLS/timeout,
// Cancelled after abort()). The job belongs to its HttpClient and deletes itself after `finished`.
class HttpJob : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const Result<HttpResponse> &)>;

    ~HttpJob() override;

    const HttpRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    // Valid once finished.
    const Result<HttpResponse> &result() const { return m_result; }
    // Attempts made so far (1 + retries).
    int attempts() const { return m_attempt; }

    // Runs `done` once with the result while `context` lives (a convenience over the signal).
    void onFinished(QObject *context, Callback done);

public slots:
    // Stops the transfer and any pending retry; finishes with Error::Kind::Cancelled (if not finished yet).
    void abort();

signals:
    void finished(const mltf::Result<mltf::net::HttpResponse> &result);
    void progress(qint64 received, qint64 total); // total is -1 when unknown (chunked)
    void retrying(int nextAttempt, int delayMs, const QString &reason);

private slots:
    void start();

private:
    friend class HttpClient;
    HttpJob(HttpClient *client, const HttpRequest &request, const QUrl &url);

    void sendHop(const QByteArray &authorization);
    void onReplyFinished();
    void onTimeout();
    bool retryLater(const QString &reason, std::optional<int> retryAfterMs);
    void finish(Result<HttpResponse> result);
    void armTimeout();

    HttpClient *m_client;
    HttpRequest m_request;
    QUrl m_url;          // current hop's URL
    QByteArray m_method; // current hop's method (303 turns POST into GET)
    QByteArray m_body;
    QByteArray m_authorization; // sent with the current hop, for the 401 renewal
    QPointer<QNetworkReply> m_reply;
    QTimer *m_timeout = nullptr;
    QTimer *m_retryTimer = nullptr;
    QStringList m_tlsErrors;
    std::optional<Error> m_providerError; // the token provider could not give a token (signed out)
    int m_attempt = 0;
    int m_redirects = 0;
    bool m_timedOut = false;
    bool m_encrypted = false;
    bool m_renewedAuth = false;
    bool m_finished = false;
    Result<HttpResponse> m_result = Error::make(Error::Kind::Internal, QStringLiteral("not finished"));
};

} // namespace mltf::net
