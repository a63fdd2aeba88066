#pragma once

#include "util/Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>

#include <functional>
#include <optional>

class QNetworkReply;

namespace mltf::net {
class HttpClient;
}

namespace mltf::submit {

// The MLTF gateway's task API (../shared/protocols/mltf-gateway.md §1), one method per endpoint, on the app's
// HttpClient (base URL = the gateway; credentials from its Authenticator). Answers are decoded here: JSON
// {"error": ...} bodies and Werkzeug's HTML pages become readable Errors. (GET /api/config, which sign-in
// needs, lives in auth::OidcConfigResolver.)
class GatewayClient : public QObject
{
    Q_OBJECT

public:
    // The multipart form of POST /api/job.
    struct JobForm
    {
        QString archivePath; // the packed project (sent as the `tarball` file part)
        QString runId;
        QString entryPoint;
        QJsonObject params;
        QJsonObject backendConfig;
        QString trackingUri;
        QString experimentId;
    };
    // One row of GET /api/jobs (the gateway lists no status).
    struct TaskRow
    {
        QString gatewayId;
        QString runId;
        QDateTime creationTime; // UTC
    };
    // GET /api/jobs/<id>.
    struct TaskDetails
    {
        QString status;              // SCHEDULED, RUNNING, FINISHED, FAILED, UNKNOWN
        QString failureReason;       // with FAILED / UNKNOWN, when the gateway gave one
        std::optional<QString> logs; // with show_logs=true: the whole output so far (null: unavailable)
    };

    template <typename T> using Callback = std::function<void(const Result<T> &)>;
    using ProgressCallback = std::function<void(qint64 sent, qint64 total)>;

    explicit GatewayClient(net::HttpClient *http, QObject *parent = nullptr);

    net::HttpClient *http() const { return m_http; }

    // POST /api/job with `bearerToken` (freshly refreshed by the caller): the archive is streamed from disk.
    // Gives the gateway id. Abort the returned reply to cancel the upload (done then gets Cancelled).
    QPointer<QNetworkReply> submitJob(const JobForm &form, const QString &bearerToken, QObject *context,
                                      ProgressCallback progress, Callback<QString> done);
    // GET /api/jobs
    void listJobs(QObject *context, Callback<QVector<TaskRow>> done);
    // GET /api/jobs/<id>?show_logs=true|false. Logs can take long (the local executor answers when the job
    // has ended): `timeoutMs` bounds the wait.
    void showJob(const QString &gatewayId, bool showLogs, int timeoutMs, QObject *context,
                 Callback<TaskDetails> done);
    // DELETE /api/jobs/<id>: cancels the job and the gateway forgets the task.
    void deleteJob(const QString &gatewayId, QObject *context, Callback<Done> done);

private:
    net::HttpClient *m_http;
};

} // namespace mltf::submit
