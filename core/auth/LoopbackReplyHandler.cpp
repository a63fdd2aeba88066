#include "auth/LoopbackReplyHandler.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace mltf::auth {

namespace {
constexpr int maxRequestHeadBytes = 16 * 1024;
constexpr int socketIdleTimeoutMs = 10000;

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}

// A query value as the browser sent it: form-style '+' means a space (Qt 6.4 would leave it).
QString queryValue(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}
} // namespace

LoopbackReplyHandler::LoopbackReplyHandler(QObject *parent)
    : QOAuthOobReplyHandler(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackReplyHandler::onNewConnection);
}

LoopbackReplyHandler::~LoopbackReplyHandler() = default;

bool LoopbackReplyHandler::listen()
{
    m_done = false;
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        qCWarning(lcAuth) << "loopback listener failed:" << m_server.errorString();
        return false;
    }
    m_port = m_server.serverPort();
    return true;
}

void LoopbackReplyHandler::close()
{
    m_server.close();
}

QString LoopbackReplyHandler::callback() const
{
    return QStringLiteral("http://127.0.0.1:%1/").arg(m_port);
}

void LoopbackReplyHandler::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        // A connection that never sends a full request must not stay open forever.
        QTimer::singleShot(socketIdleTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void LoopbackReplyHandler::onReadyRead(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return; // already answered
    it->append(socket->readAll());
    const int end = it->indexOf("\r\n\r\n");
    if (end < 0) {
        if (it->size() > maxRequestHeadBytes) {
            m_buffers.erase(it);
            answer(socket, 431, tr("Request too large"), tr("This address only takes sign-in answers."));
        }
        return;
    }
    const QByteArray head = it->left(end);
    m_buffers.erase(it);
    handleRequest(socket, head);
}

void LoopbackReplyHandler::handleRequest(QTcpSocket *socket, const QByteArray &head)
{
    const int lineEnd = head.indexOf("\r\n");
    const QList<QByteArray> requestLine = (lineEnd < 0 ? head : head.left(lineEnd)).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        emit strayRequest(QStringLiteral("malformed request"));
        answer(socket, 400, tr("Bad request"), tr("This address only takes sign-in answers from a browser."));
        return;
    }
    if (requestLine.at(0) != "GET") {
        emit strayRequest(QStringLiteral("method %1").arg(QString::fromLatin1(requestLine.at(0).left(16))));
        answer(socket, 405, tr("Not allowed"), tr("This address only takes sign-in answers from a browser."));
        return;
    }
    QByteArray target = requestLine.at(1);
    const QUrl url(QStringLiteral("http://127.0.0.1") + QString::fromLatin1(target.replace('+', "%20")));
    if (!url.isValid() || url.path() != QLatin1String("/")) {
        emit strayRequest(QStringLiteral("path %1").arg(url.path().left(64)));
        answer(socket, 404, tr("Not found"), tr("Nothing here. Return to MLTF Desktop."));
        return;
    }
    if (m_done) {
        answer(socket, 400, tr("Already signed in"),
               tr("MLTF Desktop already received an answer for this sign-in. You can close this tab."));
        return;
    }
    const QUrlQuery query(url);
    const QString state = queryValue(query, QStringLiteral("state"));
    if (m_expectedState.isEmpty() || state != m_expectedState) {
        // Not the answer to our request (an old tab, another program, an attacker): say so, keep waiting.
        emit strayRequest(QStringLiteral("state mismatch"));
        answer(socket, 400, tr("Sign-in not recognised"),
               tr("This answer does not belong to the sign-in MLTF Desktop is waiting for. Return to MLTF "
                  "Desktop and start the sign-in again if needed."));
        return;
    }
    const QString error = queryValue(query, QStringLiteral("error"));
    const QString code = queryValue(query, QStringLiteral("code"));
    if (error.isEmpty() && code.isEmpty()) {
        emit strayRequest(QStringLiteral("callback without code or error"));
        answer(socket, 400, tr("Sign-in incomplete"), tr("The answer contains no authorization code."));
        return;
    }
    // The first valid answer ends the listening: nobody else gets to deliver a code.
    m_done = true;
    close();
    if (!error.isEmpty()) {
        const QString description = queryValue(query, QStringLiteral("error_description"));
        answer(socket, 200, tr("Sign-in not completed"),
               tr("Sign-in did not complete: %1. You can close this tab and return to MLTF Desktop.")
                   .arg(description.isEmpty() ? error : description));
        emit authorizationFailed(error, description);
        return;
    }
    answer(socket, 200, tr("Signed in"),
           tr("You are signed in to MLTF Desktop. You can close this tab and return to the application."));
    QVariantMap values;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        values.insert(key, value);
    emit callbackReceived(values);
}

void LoopbackReplyHandler::answer(QTcpSocket *socket, int status, const QString &title,
                                  const QString &message)
{
    const QByteArray html =
        QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                       "<style>body{font-family:sans-serif;margin:3em auto;max-width:36em;color:#222}</style>"
                       "</head><body><h1>%1</h1><p>%2</p></body></html>")
            .arg(title.toHtmlEscaped(), message.toHtmlEscaped())
            .toUtf8();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Content-Length: " + QByteArray::number(html.size()) + "\r\n";
    response += "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
    response += html;
    socket->write(response);
    socket->disconnectFromHost(); // after the bytes are written
}

void LoopbackReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    HttpReply result;
    result.url = reply->url();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.networkError = reply->error();
    result.errorString = reply->errorString();
    emit tokenReplyReceived(result);
}

} // namespace mltf::auth
