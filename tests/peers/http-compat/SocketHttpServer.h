#pragma once

// The one place where the test servers meet the two QHttpServer APIs they are built against: Qt 6.4 hands
// QAbstractHttpServer::handleRequest the connection's QTcpSocket, Qt 6.5+ a QHttpServerResponder only (and
// has neither QAbstractHttpServer::listen nor makeResponder; request headers are QHttpHeaders from 6.8). The
// test servers need the raw socket for their faults (a body broken off, Connection: close, a dropped upload),
// so SocketHttpServer gives them, on every Qt version, the request, a responder and the socket it arrived on.

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtGlobal>

#include <functional>
#include <utility>

namespace mltf::testpeers {

class SocketHttpServer : public QAbstractHttpServer
{
public:
    using QAbstractHttpServer::QAbstractHttpServer;

    // Listens on 127.0.0.1 (port 0: any free port); returns the port or 0.
    quint16 listenLocal(quint16 port)
    {
        auto *tcp = new RecordingTcpServer(this);
        tcp->accepted = [this](QTcpSocket *socket) {
            m_sockets.insert(socket->peerPort(), socket);
            const quint16 peerPort = socket->peerPort();
            QObject::connect(socket, &QObject::destroyed, this, [this, peerPort, socket] {
                if (m_sockets.value(peerPort) == socket)
                    m_sockets.remove(peerPort);
            });
            connectionAccepted(socket);
        };
        if (!tcp->listen(QHostAddress::LocalHost, port)) {
            delete tcp;
            return 0;
        }
        bind(tcp);
        return tcp->serverPort();
    }

    static QList<QPair<QByteArray, QByteArray>> headerList(const QHttpServerRequest &request)
    {
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        return request.headers().toListOfPairs();
#else
        return request.headers();
#endif
    }

    static QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
    {
        const auto headers = headerList(request);
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }

protected:
    // One request. `responder` answers through Qt; `socket` is the connection, for raw writes. A responder
    // moved elsewhere (a deferred answer) holds the connection until it is destroyed; a raw answer must end
    // with socket->disconnectFromHost() (see keepUntilDisconnected).
    virtual bool handle(const QHttpServerRequest &request, QHttpServerResponder &responder,
                        QTcpSocket *socket) = 0;
    virtual void handleMissing(const QHttpServerRequest &request, QHttpServerResponder &responder,
                               QTcpSocket *socket) = 0;
    // Every accepted connection, before any request is read from it.
    virtual void connectionAccepted(QTcpSocket *) {}

    // For answers written raw on the socket: Qt 6.5+ deletes a connection as soon as its responder is gone
    // and the socket is no longer connected, which could cut a large raw body still being flushed after
    // disconnectFromHost(); keeping the responder until the socket has disconnected lets the body go out
    // whole.
    static void keepUntilDisconnected(QHttpServerResponder &responder, QTcpSocket *socket)
    {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
        // The connection object (the socket's parent) must still be alive when the responder goes: not so
        // when the server itself is being destroyed, and then the responder is left to the ending process.
        auto *held = new QHttpServerResponder(std::move(responder));
        QPointer<QObject> connection(socket->parent());
        QObject::connect(
            socket, &QTcpSocket::disconnected, socket,
            [held, connection] {
                if (connection)
                    delete held;
            },
            Qt::SingleShotConnection);
#else
        Q_UNUSED(responder);
        Q_UNUSED(socket);
#endif
    }

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override
    {
        return handle(request, responder, m_sockets.value(request.remotePort()));
    }
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override
    {
        handleMissing(request, responder, m_sockets.value(request.remotePort()));
    }
#else
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        return handle(request, responder, socket);
    }
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        handleMissing(request, responder, socket);
    }
#endif

private:
    // Reports every accepted socket before the HTTP server reads from it.
    class RecordingTcpServer : public QTcpServer
    {
    public:
        using QTcpServer::QTcpServer;
        std::function<void(QTcpSocket *)> accepted;

    protected:
        void incomingConnection(qintptr descriptor) override
        {
            auto *socket = new QTcpSocket(this);
            socket->setSocketDescriptor(descriptor);
            accepted(socket);
            addPendingConnection(socket);
        }
    };

    QHash<quint16, QPointer<QTcpSocket>> m_sockets; // by peer port: all peers are on 127.0.0.1
};

} // namespace mltf::testpeers
