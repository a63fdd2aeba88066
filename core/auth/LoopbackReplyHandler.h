#pragma once

#include "auth/HttpReply.h"

#include <QHash>
#include <QOAuthOobReplyHandler>
#include <QTcpServer>

class QTcpSocket;

namespace mltf::auth {

// The loopback redirect of the authorization code flow (RFC 8252 7.3) on 127.0.0.1 and a random port.
// Written instead of QOAuthHttpServerReplyHandler because Qt 6.4's handler leaves the browser without an
// answer for any request it does not like. Here every request gets an HTTP answer:
//  - the callback with the expected `state` and a `code`: a "you can close this tab" page, the listener is
//    closed and callbackReceived() goes to QOAuth2AuthorizationCodeFlow;
//  - the callback with the expected `state` and an `error`: a page saying sign-in did not complete, the
//    listener is closed and authorizationFailed() is emitted;
//  - anything else (wrong or missing state, other paths, other methods, garbage): an error page, and the
//    request is otherwise ignored (strayRequest()).
// It also takes the token endpoint's answer from Qt (networkReplyFinished) and hands it on as it is, so the
// flow can read it with its receipt time and report provider errors (Qt 6.4 drops them silently).
class LoopbackReplyHandler : public QOAuthOobReplyHandler
{
    Q_OBJECT
public:
    explicit LoopbackReplyHandler(QObject *parent = nullptr);
    ~LoopbackReplyHandler() override;

    bool listen();
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_port; }

    QString callback() const override;
    void setExpectedState(const QString &state) { m_expectedState = state; }

signals:
    void authorizationFailed(const QString &error, const QString &description);
    void strayRequest(const QString &what);
    void tokenReplyReceived(const mltf::auth::HttpReply &reply);

protected:
    void networkReplyFinished(QNetworkReply *reply) override;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handleRequest(QTcpSocket *socket, const QByteArray &head);
    void answer(QTcpSocket *socket, int status, const QString &title, const QString &message);

    QTcpServer m_server;
    quint16 m_port = 0;
    QString m_expectedState;
    bool m_done = false;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace mltf::auth
