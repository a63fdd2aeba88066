#include "GatewayServer.h"

#include <QDateTime>
#include <QEventLoop>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

namespace mltf::testgateway {

namespace {

struct FormPart
{
    QByteArray name;
    QByteArray data;
    bool isFile = false;
};

// multipart/form-data as Werkzeug reads it: fields by name, the last one wins.
QMap<QByteArray, FormPart> parseMultipart(const QByteArray &contentType, const QByteArray &body)
{
    QMap<QByteArray, FormPart> parts;
    const int at = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || at < 0)
        return parts;
    QByteArray boundary = contentType.mid(at + 9).split(';').first().trimmed();
    if (boundary.startsWith('"') && boundary.endsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break;
        pos += 2; // CRLF
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0)
            break;
        const qsizetype next = body.indexOf("\r\n" + delimiter, headersEnd + 4);
        if (next < 0)
            break;
        FormPart part;
        const QList<QByteArray> lines = body.mid(pos, headersEnd - pos).split('\n');
        for (const QByteArray &line : lines) {
            if (!line.trimmed().toLower().startsWith("content-disposition:"))
                continue;
            for (const QByteArray &item : line.split(';')) {
                const QByteArray t = item.trimmed();
                if (t.startsWith("name="))
                    part.name = t.mid(5).replace('"', "");
                else if (t.startsWith("filename="))
                    part.isFile = true;
            }
        }
        part.data = body.mid(headersEnd + 4, next - headersEnd - 4);
        if (!part.name.isEmpty())
            parts.insert(part.name, part);
        pos = next + 2;
    }
    return parts;
}

} // namespace

GatewayServer::GatewayServer(Options options, QObject *parent)
    : SocketHttpServer(parent)
    , m_options(std::move(options))
    , m_verifier(m_options.issuer, m_options.audience)
{
    m_verifier.setClockOffset(m_options.clockOffsetSeconds);
}

GatewayServer::~GatewayServer()
{
    qDeleteAll(m_tasks);
}

QString GatewayServer::loadKeys()
{
    auto getJson = [this](const QUrl &url, QString *error) {
        QNetworkReply *reply = m_nam.get(QNetworkRequest(url));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        loop.exec();
        const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
        if (!reply->isFinished() || reply->error() != QNetworkReply::NoError || object.isEmpty())
            *error = QStringLiteral("cannot read %1: %2").arg(url.toString(), reply->errorString());
        reply->deleteLater();
        return object;
    };
    QString error;
    QString issuer = m_options.issuer;
    while (issuer.endsWith(QLatin1Char('/')))
        issuer.chop(1);
    const QJsonObject discovery =
        getJson(QUrl(issuer + QStringLiteral("/.well-known/openid-configuration")), &error);
    if (!error.isEmpty())
        return error;
    const QJsonObject jwks = getJson(QUrl(discovery.value(QLatin1String("jwks_uri")).toString()), &error);
    if (!error.isEmpty())
        return error;
    m_verifier.setKeys(jwks.value(QLatin1String("keys")).toArray());
    return m_verifier.keyCount() > 0 ? QString() : QStringLiteral("the JWKS has no RSA key");
}

// Drops a connection once it has carried 256 KiB of a POST /api/job body, while the fault is armed.
void GatewayServer::watchUploads(QTcpSocket *socket)
{
    auto seen = std::make_shared<qint64>(-1); // -1: not inside an upload
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, seen] {
        const QByteArray head = socket->peek(16);
        if (head.startsWith("POST /api/job "))
            *seen = 0;
        if (*seen < 0)
            return;
        *seen += socket->bytesAvailable();
        if (*seen > 256 * 1024 && takeFault(QStringLiteral("upload_drop"))) {
            *seen = -1;
            socket->abort();
        }
    });
}

bool GatewayServer::takeFault(const QString &name)
{
    const int left = m_faults.value(name).toInt();
    if (left <= 0)
        return false;
    m_faults.insert(name, left - 1);
    return true;
}

GatewayServer::Reply GatewayServer::json(const QJsonValue &value, int status)
{
    Reply r;
    r.status = status;
    r.body = (value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
                 .toJson(QJsonDocument::Compact) +
             '\n';
    return r;
}

GatewayServer::Reply GatewayServer::html(int status, const QByteArray &title, const QByteArray &text)
{
    Reply r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    const QByteArray heading = title.mid(title.indexOf(' ') + 1);
    r.body = "<!doctype html>\n<html lang=en>\n<title>" + title + "</title>\n<h1>" + heading + "</h1>\n<p>" +
             text + "</p>\n";
    return r;
}

GatewayServer::Reply GatewayServer::notFoundPage()
{
    return html(
        404, "404 Not Found",
        "The requested URL was not found on the server. If you entered the URL manually please check your "
        "spelling and try again.");
}

GatewayServer::Reply GatewayServer::methodNotAllowed()
{
    return html(405, "405 Method Not Allowed", "The method is not allowed for the requested URL.");
}

GatewayServer::Reply GatewayServer::badRequestPage()
{
    return html(400, "400 Bad Request",
                "The browser (or proxy) sent a request that this server could not understand.");
}

GatewayServer::Reply GatewayServer::internalErrorPage()
{
    return html(
        500, "500 Internal Server Error",
        "The server encountered an internal error and was unable to complete your request. Either the server "
        "is overloaded or there is an error in the application.");
}

void GatewayServer::send(QHttpServerResponder &responder, const Reply &reply)
{
    responder.write(reply.body, reply.contentType, QHttpServerResponder::StatusCode(reply.status));
}

// A uuid1 string (time based), as the gateway's uuid.uuid1().
QString GatewayServer::newGatewayId()
{
    const quint64 ticks = quint64(QDateTime::currentMSecsSinceEpoch()) * 10000 + 0x01B21DD213814000ULL +
                          QRandomGenerator::global()->bounded(10000);
    const quint32 timeLow = quint32(ticks & 0xffffffff);
    const quint16 timeMid = quint16((ticks >> 32) & 0xffff);
    const quint16 timeHi = quint16(((ticks >> 48) & 0x0fff) | 0x1000);
    const quint16 clockSeq = quint16((QRandomGenerator::global()->generate() & 0x3fff) | 0x8000);
    const quint64 node = QRandomGenerator::global()->generate64() & 0xffffffffffffULL;
    return QStringLiteral("%1-%2-%3-%4-%5")
        .arg(timeLow, 8, 16, QLatin1Char('0'))
        .arg(timeMid, 4, 16, QLatin1Char('0'))
        .arg(timeHi, 4, 16, QLatin1Char('0'))
        .arg(clockSeq, 4, 16, QLatin1Char('0'))
        .arg(node, 12, 16, QLatin1Char('0'));
}

std::optional<GatewayServer::Caller> GatewayServer::authenticate(const QHttpServerRequest &request,
                                                                 Reply *reply) const
{
    QByteArray token;
    const QByteArray authorization = headerValue(request, "Authorization");
    if (authorization.startsWith("Bearer "))
        token = authorization.mid(7).trimmed();
    if (token.isEmpty())
        token = request.query().queryItemValue(QStringLiteral("access_token"), QUrl::FullyDecoded).toUtf8();
    if (token.isEmpty()) {
        *reply = json(QJsonObject{{QStringLiteral("error"), QStringLiteral("Missing access token")}}, 401);
        return std::nullopt;
    }
    const JwtVerifier::Outcome outcome = m_verifier.verify(token);
    if (!outcome.ok()) {
        *reply =
            json(QJsonObject{{QStringLiteral("error"), QStringLiteral("401 Unauthorized: ") + outcome.error}},
                 401);
        return std::nullopt;
    }
    Caller caller;
    caller.name = outcome.claims.value(QLatin1String("name")).toString(QStringLiteral("NA"));
    caller.email = outcome.claims.value(QLatin1String("email")).toString(QStringLiteral("NA"));
    caller.token = token;
    return caller;
}

bool GatewayServer::handle(const QHttpServerRequest &request, QHttpServerResponder &responder,
                           QTcpSocket *socket)
{
    const QString path = request.url().path();
    const QHttpServerRequest::Method method = request.method();
    const bool get = method == QHttpServerRequest::Method::Get;
    const bool post = method == QHttpServerRequest::Method::Post;
    const bool del = method == QHttpServerRequest::Method::Delete;

    if (path == QLatin1String("/api/config") || path == QLatin1String("/.config")) {
        send(responder, get ? config() : methodNotAllowed());
        return true;
    }
    if (path == QLatin1String("/healthz")) {
        send(responder, get ? json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                               {QStringLiteral("executor_status"), QJsonObject()}})
                            : methodNotAllowed());
        return true;
    }
    if (path == QLatin1String("/_test/faults")) {
        send(responder, post ? setFaults(request) : methodNotAllowed());
        return true;
    }
    const bool isJob = path == QLatin1String("/api/job");
    const bool isJobs = path == QLatin1String("/api/jobs");
    const bool isSecure = path == QLatin1String("/api/securedata");
    const bool isOne =
        path.startsWith(QLatin1String("/api/jobs/")) && path.count(QLatin1Char('/')) == 3 && path.size() > 10;
    if (!isJob && !isJobs && !isSecure && !isOne) {
        send(responder, notFoundPage());
        return true;
    }
    if ((isJob && !post) || ((isJobs || isSecure) && !get) || (isOne && !get && !del)) {
        send(responder, methodNotAllowed());
        return true;
    }
    Reply reply;
    const std::optional<Caller> caller = authenticate(request, &reply);
    if (!caller) {
        send(responder, reply);
        return true;
    }
    if (isJob)
        send(responder, submit(request, *caller));
    else if (isJobs)
        send(responder, list(*caller));
    else if (isSecure)
        send(responder,
             json(QJsonObject{{QStringLiteral("message"), QStringLiteral("Hello")},
                              {QStringLiteral("email"), caller->email},
                              {QStringLiteral("username"), caller->name},
                              {QStringLiteral("runtime_token"), QString::fromUtf8(caller->token)}}));
    else if (del)
        send(responder, remove(path.section(QLatin1Char('/'), 3)));
    else
        show(request, responder, socket, path.section(QLatin1Char('/'), 3));
    return true;
}

void GatewayServer::handleMissing(const QHttpServerRequest &, QHttpServerResponder &responder, QTcpSocket *)
{
    send(responder, notFoundPage());
}

GatewayServer::Reply GatewayServer::config() const
{
    QString issuer = m_options.issuer;
    while (issuer.endsWith(QLatin1Char('/')))
        issuer.chop(1);
    const QJsonObject oauth{
        {QStringLiteral("client_id"), m_options.clientId},
        {QStringLiteral("authorize_url"), issuer + QStringLiteral("/auth")},
        {QStringLiteral("token_url"), issuer + QStringLiteral("/token")},
        {QStringLiteral("userinfo"), QJsonObject{{QStringLiteral("url"), issuer + QStringLiteral("/me")}}},
        {QStringLiteral("scopes"),
         QJsonArray{QStringLiteral("openid"), QStringLiteral("email"), QStringLiteral("profile")}},
        {QStringLiteral("jwks_url"), issuer + QStringLiteral("/jwks")},
        {QStringLiteral("issuer"), m_options.issuer}};
    return json(QJsonObject{{QStringLiteral("oauth_config"), oauth},
                            {QStringLiteral("oauth_issuer"), m_options.issuer}});
}

GatewayServer::Reply GatewayServer::setFaults(const QHttpServerRequest &request)
{
    const QJsonObject faults = QJsonDocument::fromJson(request.body()).object();
    for (auto it = faults.begin(); it != faults.end(); ++it)
        m_faults.insert(it.key(), it.value());
    return json(m_faults);
}

GatewayServer::Reply GatewayServer::submit(const QHttpServerRequest &request, const Caller &caller)
{
    if (takeFault(QStringLiteral("upload_401")))
        return json(QJsonObject{{QStringLiteral("error"), QStringLiteral("401 Unauthorized: Token expired")}},
                    401);
    if (takeFault(QStringLiteral("upload_500_html")))
        return internalErrorPage();

    const QMap<QByteArray, FormPart> form =
        parseMultipart(headerValue(request, "Content-Type"), request.body());
    for (const char *field :
         {"tarball", "run_id", "entry_point", "params", "backend_config", "tracking_uri", "experiment_id"}) {
        if (!form.contains(
                field)) // request.form[...] / request.files[...] raise KeyError: Werkzeug's 400 page
            return badRequestPage();
    }
    QJsonParseError error;
    const QJsonDocument params = QJsonDocument::fromJson(form.value("params").data, &error);
    if (error.error != QJsonParseError::NoError)
        return internalErrorPage(); // json.loads raises: Flask's 500 page
    const QJsonDocument backend = QJsonDocument::fromJson(form.value("backend_config").data, &error);
    if (error.error != QJsonParseError::NoError)
        return internalErrorPage();

    GatewayTask::Submission s;
    s.gatewayId = newGatewayId();
    s.runId = QString::fromUtf8(form.value("run_id").data);
    s.entryPoint = QString::fromUtf8(form.value("entry_point").data);
    s.params = params.object();
    s.backendConfig = backend.object();
    s.trackingUri = QString::fromUtf8(form.value("tracking_uri").data);
    if (s.trackingUri.startsWith(QLatin1String("file:")))
        s.trackingUri = m_options.defaultTrackingUri;
    s.experimentId = QString::fromUtf8(form.value("experiment_id").data);
    s.userSubject = caller.name;
    s.runtimeToken = caller.token;
    s.creationTime = QDateTime::currentSecsSinceEpoch();
    auto *task = new GatewayTask(s, form.value("tarball").data, &m_nam, this);
    m_tasks.insert(s.gatewayId, task);
    return json(QJsonObject{{QStringLiteral("gateway_id"), s.gatewayId}});
}

GatewayServer::Reply GatewayServer::list(const Caller &caller) const
{
    QJsonArray rows;
    for (const GatewayTask *task : m_tasks) {
        const GatewayTask::Submission &s = task->submission();
        if (s.userSubject != caller.name)
            continue;
        rows.append(QJsonObject{{QStringLiteral("run_id"), s.runId},
                                {QStringLiteral("gateway_id"), s.gatewayId},
                                {QStringLiteral("creation_time"), s.creationTime}});
    }
    return json(rows);
}

GatewayServer::Reply GatewayServer::remove(const QString &gatewayId)
{
    GatewayTask *task = m_tasks.take(gatewayId);
    if (!task)
        return json(QJsonObject{{QStringLiteral("error"),
                                 QStringLiteral("Run with ID '%1' not found.").arg(gatewayId)}},
                    404);
    task->kill();
    task->deleteLater();
    return json(QJsonObject{{QStringLiteral("run_id"), gatewayId},
                            {QStringLiteral("message"), QStringLiteral("Job deleted successfully")}});
}

void GatewayServer::show(const QHttpServerRequest &request, QHttpServerResponder &responder,
                         QTcpSocket *socket, const QString &gatewayId)
{
    GatewayTask *task = m_tasks.value(gatewayId);
    if (!task) {
        send(responder, json(QJsonObject{{QStringLiteral("error"),
                                          QStringLiteral("Run with ID '%1' not found.").arg(gatewayId)}},
                             404));
        return;
    }
    const bool showLogs =
        request.query().queryItemValue(QStringLiteral("show_logs")).toLower() == QLatin1String("true");
    auto details = [task, showLogs] {
        QJsonObject o{{QStringLiteral("status"), task->status()}, {QStringLiteral("pid"), task->pid()}};
        if (showLogs)
            o.insert(QStringLiteral("logs"), QString::fromUtf8(task->output()));
        return json(o);
    };
    if (!showLogs) {
        send(responder, details());
        return;
    }
    // The local executor reads the whole process output: once, and only when the process has ended.
    if (m_logsRead.value(gatewayId)) {
        send(responder, internalErrorPage());
        return;
    }
    m_logsRead.insert(gatewayId, true);
    if (task->hasEnded()) {
        send(responder, details());
        return;
    }
    auto deferred = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> alive(socket);
    connect(task, &GatewayTask::ended, this, [deferred, alive, details] {
        if (alive && alive->state() == QAbstractSocket::ConnectedState)
            send(*deferred, details());
    });
}

} // namespace mltf::testgateway
