#pragma once

#include "net/Authenticator.h"
#include "net/HttpJob.h"
#include "net/HttpRequest.h"
#include "net/RetryPolicy.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace mltf::net {

// The one HTTP layer every REST caller uses (tracking, gateway, auth): a base URL, credentials only for
// allowed origins (also on every redirect hop; https -> http redirects are refused), transfer timeouts,
// retries with backoff for idempotent requests, system proxy, TLS errors reported (ignored only with
// MLFLOW_TRACKING_INSECURE_TLS=true). No keep-alive is assumed: MLflow closes after every response.
//
// Usage (one small class or function per endpoint):
//     HttpJob *job = client->send(HttpRequest::get("/api/2.0/mlflow/runs/get", query));
//     job->onFinished(this, [](const Result<HttpResponse> &r) { ... });
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    // Shares `nam` (not owned) with other users, e.g. the auth module.
    HttpClient(QNetworkAccessManager *nam, QObject *parent);
    ~HttpClient() override;

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // Base URL + request path (keeping the base URL's path prefix) + query, or the request's own URL.
    QUrl resolve(const HttpRequest &request) const;

    Authenticator &authenticator() { return m_auth; }
    const Authenticator &authenticator() const { return m_auth; }
    void setAuthenticator(const Authenticator &auth) { m_auth = auth; }

    RetryPolicy retryPolicy() const { return m_retry; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    int defaultTimeoutMs() const { return m_timeoutMs; }
    void setDefaultTimeoutMs(int ms) { m_timeoutMs = ms; }
    int maxRedirects() const { return m_maxRedirects; }
    void setMaxRedirects(int n) { m_maxRedirects = n; }

    // Starts the request at once. The job is owned by this client and deletes itself after `finished`.
    HttpJob *send(const HttpRequest &request);

    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

    // MLFLOW_TRACKING_INSECURE_TLS=true: certificate errors are ignored. The UI shows a warning then.
    static bool insecureTls();
    // Uses the system proxy settings (env http_proxy/https_proxy/no_proxy on Linux). Called by the
    // constructors; idempotent.
    static void useSystemProxy();

private:
    QNetworkAccessManager *m_nam;
    QUrl m_baseUrl;
    Authenticator m_auth;
    RetryPolicy m_retry;
    int m_timeoutMs = 60000;
    int m_maxRedirects = 5;
};

} // namespace mltf::net
