#include "submit/GatewayClient.h"

#include "net/ErrorDecoder.h"
#include "net/HttpClient.h"
#include "net/HttpResponse.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace mltf::submit {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::submit::GatewayClient", text);
}

Error parseError(const net::HttpResponse &response, const QString &what)
{
    Error e = Error::make(Error::Kind::Parse, tr("The gateway sent an answer that is not %1.").arg(what),
                          QString::fromUtf8(response.body.left(300)));
    e.httpStatus = response.status;
    return e;
}

// 404 on a task endpoint means the gateway does not know the task (deleted, or it restarted), unless the body
// is Werkzeug's HTML page, which means a wrong gateway URL.
Error taskError(Error error, const QString &gatewayId)
{
    if (error.httpStatus == 404 && error.detail.contains(QLatin1String("not found.")))
        error.message = tr("The gateway does not know task %1 (any more).").arg(gatewayId);
    return error;
}

QString encodedId(const QString &gatewayId)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(gatewayId));
}

} // namespace

GatewayClient::GatewayClient(net::HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{}

QPointer<QNetworkReply> GatewayClient::submitJob(const JobForm &form, const QString &bearerToken,
                                                 QObject *context, ProgressCallback progress,
                                                 Callback<QString> done)
{
    auto *file = new QFile(form.archivePath);
    if (!file->open(QIODevice::ReadOnly)) {
        const Error e =
            Error::make(Error::Kind::Io, tr("Cannot read the packed project %1.").arg(form.archivePath),
                        file->errorString());
        delete file;
        QMetaObject::invokeMethod(
            context, [done, e] { done(e); }, Qt::QueuedConnection);
        return {};
    }
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    auto addText = [multipart](const char *name, const QByteArray &value) {
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QByteArray("form-data; name=\"") + name + '"');
        part.setBody(value);
        multipart->append(part);
    };
    QHttpPart tarball;
    tarball.setHeader(QNetworkRequest::ContentDispositionHeader,
                      QByteArray("form-data; name=\"tarball\"; filename=\"project.tar.gz\""));
    tarball.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/gzip"));
    tarball.setBodyDevice(file);
    file->setParent(multipart);
    multipart->append(tarball);
    addText("run_id", form.runId.toUtf8());
    addText("entry_point", form.entryPoint.toUtf8());
    addText("params", QJsonDocument(form.params).toJson(QJsonDocument::Compact));
    addText("backend_config", QJsonDocument(form.backendConfig).toJson(QJsonDocument::Compact));
    addText("tracking_uri", form.trackingUri.toUtf8());
    addText("experiment_id", form.experimentId.toUtf8());

    net::HttpRequest path;
    path.path = QStringLiteral("/api/job");
    QNetworkRequest request(m_http->resolve(path));
    request.setRawHeader("Authorization", "Bearer " + bearerToken.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("mltf-desktop/" MLTF_VERSION));
    request.setTransferTimeout(m_http->defaultTimeoutMs());
    QNetworkReply *reply = m_http->networkAccessManager()->post(request, multipart);
    multipart->setParent(reply);
    if (progress)
        connect(reply, &QNetworkReply::uploadProgress, context,
                [progress](qint64 sent, qint64 total) { progress(sent, total); });
    connect(reply, &QNetworkReply::finished, context, [reply, done] {
        reply->deleteLater();
        net::HttpResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.url = reply->url();
        response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        response.body = reply->isOpen() ? reply->readAll() : QByteArray();
        if (reply->error() == QNetworkReply::OperationCanceledError && response.status == 0) {
            done(Error::make(Error::Kind::Cancelled, tr("The upload was cancelled.")));
            return;
        }
        if (response.status == 0) {
            Error e = net::ErrorDecoder::fromNetworkError(reply->error(), reply->errorString(), reply->url());
            e.message =
                tr("The connection to the gateway broke off while sending the project: %1").arg(e.message);
            done(e);
            return;
        }
        if (!response.isSuccess()) {
            Error e = net::ErrorDecoder::fromResponse(response);
            if (response.status == 401)
                e.message = tr("The gateway refused the sign-in (401): %1. Sign in again and resubmit.")
                                .arg(QJsonDocument::fromJson(response.body)
                                         .object()
                                         .value(QLatin1String("error"))
                                         .toString(tr("no reason given")));
            done(e);
            return;
        }
        const QString id =
            QJsonDocument::fromJson(response.body).object().value(QLatin1String("gateway_id")).toString();
        if (id.isEmpty()) {
            done(parseError(response, tr("a task id")));
            return;
        }
        done(id);
    });
    return reply;
}

void GatewayClient::listJobs(QObject *context, Callback<QVector<TaskRow>> done)
{
    m_http->send(net::HttpRequest::get(QStringLiteral("/api/jobs")))
        ->onFinished(context, [done](const Result<net::HttpResponse> &r) {
            if (!r.ok()) {
                done(r.error());
                return;
            }
            const QJsonDocument doc = QJsonDocument::fromJson(r.value().body);
            if (!doc.isArray()) {
                done(parseError(r.value(), tr("a task list")));
                return;
            }
            QVector<TaskRow> rows;
            const QJsonArray array = doc.array();
            for (const QJsonValue &v : array) {
                const QJsonObject o = v.toObject();
                TaskRow row;
                row.gatewayId = o.value(QLatin1String("gateway_id")).toString();
                row.runId = o.value(QLatin1String("run_id")).toString();
                row.creationTime = QDateTime::fromSecsSinceEpoch(
                    qint64(o.value(QLatin1String("creation_time")).toDouble()), Qt::UTC);
                rows.append(row);
            }
            done(rows);
        });
}

void GatewayClient::showJob(const QString &gatewayId, bool showLogs, int timeoutMs, QObject *context,
                            Callback<TaskDetails> done)
{
    net::HttpRequest request = net::HttpRequest::get(QStringLiteral("/api/jobs/") + encodedId(gatewayId));
    request.addQuery(QStringLiteral("show_logs"),
                     showLogs ? QStringLiteral("true") : QStringLiteral("false"));
    request.timeoutMs = timeoutMs;
    if (showLogs)
        request.maxAttempts = 1; // the local executor hands out the logs once: never ask twice by accident
    m_http->send(request)->onFinished(context, [done, gatewayId](const Result<net::HttpResponse> &r) {
        if (!r.ok()) {
            done(taskError(r.error(), gatewayId));
            return;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(r.value().body);
        if (!doc.isObject() || !doc.object().value(QLatin1String("status")).isString()) {
            done(parseError(r.value(), tr("a task state")));
            return;
        }
        const QJsonObject o = doc.object();
        TaskDetails details;
        details.status = o.value(QLatin1String("status")).toString();
        details.failureReason = o.value(QLatin1String("failure_reason")).toString();
        if (o.value(QLatin1String("logs")).isString())
            details.logs = o.value(QLatin1String("logs")).toString();
        done(details);
    });
}

void GatewayClient::deleteJob(const QString &gatewayId, QObject *context, Callback<Done> done)
{
    net::HttpRequest request;
    request.method = "DELETE";
    request.path = QStringLiteral("/api/jobs/") + encodedId(gatewayId);
    request.maxAttempts = 1;
    m_http->send(request)->onFinished(context, [done, gatewayId](const Result<net::HttpResponse> &r) {
        if (!r.ok())
            done(taskError(r.error(), gatewayId));
        else
            done(Done{});
    });
}

} // namespace mltf::submit
