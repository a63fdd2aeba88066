#include "MlflowTestServer.h"

#include "ArtifactRoutes.h"
#include "ExperimentRoutes.h"
#include "MetricRoutes.h"
#include "RunRoutes.h"
#include "ServiceRoutes.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QLocale>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace mltf::testserver {

MlflowTestServer::MlflowTestServer(QObject *parent)
    : SocketHttpServer(parent)
{}

Status MlflowTestServer::configure(const Options &options)
{
    if (!options.seedFolder.isEmpty())
        if (Status seeded = m_state.seed(options.seedFolder); !seeded.ok())
            return seeded;
    if (options.generateRuns > 0)
        m_state.generateRuns(options.generateRuns);
    if (options.generateHistoryPoints > 0)
        m_state.generateHistory(options.generateHistoryPoints);
    m_faults = options.faults;
    m_routes.clear();
    m_routes.push_back(std::make_unique<ServiceRoutes>(m_state, m_faults, m_traffic));
    m_routes.push_back(std::make_unique<ExperimentRoutes>(m_state));
    m_routes.push_back(std::make_unique<RunRoutes>(m_state));
    m_routes.push_back(std::make_unique<MetricRoutes>(m_state, options.historyPageSize));
    m_routes.push_back(std::make_unique<ArtifactRoutes>(m_state));
    return Done{};
}

Request MlflowTestServer::copyRequest(const QHttpServerRequest &request)
{
    Request r;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        r.method = "GET";
        break;
    case QHttpServerRequest::Method::Post:
        r.method = "POST";
        break;
    case QHttpServerRequest::Method::Put:
        r.method = "PUT";
        break;
    case QHttpServerRequest::Method::Delete:
        r.method = "DELETE";
        break;
    case QHttpServerRequest::Method::Head:
        r.method = "HEAD";
        break;
    case QHttpServerRequest::Method::Options:
        r.method = "OPTIONS";
        break;
    case QHttpServerRequest::Method::Patch:
        r.method = "PATCH";
        break;
    default:
        r.method = "UNKNOWN";
        break;
    }
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded);
    // Decoded like werkzeug: '+' is a space, then percent-decoding.
    const QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const int eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        r.query.append({QUrl::fromPercentEncoding(key), QUrl::fromPercentEncoding(value)});
    }
    r.headers = headerList(request);
    r.body = request.body();
    return r;
}

bool MlflowTestServer::handle(const QHttpServerRequest &request, QHttpServerResponder &responder,
                              QTcpSocket *socket)
{
    keepUntilDisconnected(responder, socket);
    const Request r = copyRequest(request);
    const bool faultable = r.path.startsWith(QLatin1String("/api/")) ||
                           r.path.startsWith(QLatin1String("/ajax-api/")) ||
                           r.path == QLatin1String("/get-artifact");
    std::optional<TrafficCounter::Ticket> ticket;
    if (faultable)
        ticket = m_traffic.begin(r);
    std::optional<Reply> fault = faultable ? injectedFault(r) : std::nullopt;
    const Reply reply = fault ? *fault : dispatch(r);

    int drop = -1;
    if (faultable && m_faults.dropAfterBytes >= 0 && m_faults.dropCount != 0) {
        drop = m_faults.dropAfterBytes;
        if (m_faults.dropCount > 0 && --m_faults.dropCount == 0)
            m_faults.dropAfterBytes = -1;
    }
    const int delay = faultable ? m_faults.delayMs : 0;
    if (delay <= 0) {
        send(socket, reply, drop, ticket);
    } else {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(delay, this, [this, guard, reply, drop, ticket] {
            if (guard)
                send(guard, reply, drop, ticket);
            else if (ticket)
                m_traffic.end(*ticket, 0);
        });
    }
    return true;
}

void MlflowTestServer::handleMissing(const QHttpServerRequest &, QHttpServerResponder &responder,
                                     QTcpSocket *socket)
{
    keepUntilDisconnected(responder, socket);
    send(socket, Reply::routeNotFound(), -1);
}

std::optional<Reply> MlflowTestServer::injectedFault(const Request &)
{
    if (m_faults.unauthorized > 0) {
        --m_faults.unauthorized;
        Reply r = Reply::text(
            "You are not authenticated. Please see "
            "https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to "
            "authenticate.");
        r.status = 401;
        r.addHeader("WWW-Authenticate", "Basic realm=\"mlflow\"");
        return r;
    }
    if (m_faults.html500 > 0) {
        --m_faults.html500;
        return Reply::internalErrorHtml();
    }
    if (m_faults.retryAfter503 > 0) {
        --m_faults.retryAfter503;
        Reply r =
            Reply::html(503, "503 Service Unavailable", "Service Unavailable",
                        "The server is temporarily unable to service your request. Please try again later.");
        r.addHeader("Retry-After", "1");
        return r;
    }
    if (m_faults.http429 > 0) {
        --m_faults.http429;
        Reply r =
            Reply::error(429, QStringLiteral("REQUEST_LIMIT_EXCEEDED"), QStringLiteral("Too many requests."));
        r.addHeader("Retry-After", "1");
        return r;
    }
    return std::nullopt;
}

Reply MlflowTestServer::dispatch(const Request &request)
{
    for (const auto &group : m_routes)
        if (std::optional<Reply> reply = group->handle(request))
            return *reply;
    return Reply::routeNotFound();
}

void MlflowTestServer::send(QTcpSocket *socket, const Reply &reply, int dropAfterBytes,
                            const std::optional<TrafficCounter::Ticket> &ticket)
{
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + Reply::reasonPhrase(reply.status) + "\r\n";
    head += "Server: mltf-test-mlflow-server\r\n";
    head += "Date: " +
            QLocale::c()
                .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                .toLatin1() +
            "\r\n";
    head += "Connection: close\r\n";
    if (!reply.contentType.isEmpty())
        head += "Content-Type: " + reply.contentType + "\r\n";
    for (const auto &h : reply.headers)
        head += h.first + ": " + h.second + "\r\n";
    QByteArray body;
    if (reply.chunked) {
        head += "Transfer-Encoding: chunked\r\n";
        const qsizetype chunk = 64 * 1024;
        for (qsizetype i = 0; i < reply.body.size(); i += chunk) {
            const QByteArray part = reply.body.mid(i, chunk);
            body += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
        }
        body += "0\r\n\r\n";
    } else {
        head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
        body = reply.body;
    }
    head += "\r\n";
    socket->write(head);
    // A dropped connection: part of the body, then the socket closes (the client sees a short body).
    const QByteArray sent = dropAfterBytes >= 0 ? body.left(dropAfterBytes) : body;
    socket->write(sent);
    if (ticket)
        m_traffic.end(*ticket, head.size() + sent.size());
    socket->disconnectFromHost();
}

} // namespace mltf::testserver
