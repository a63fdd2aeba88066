// The loopback redirect listener: every request gets an HTTP answer; only the expected state ends it.

#include "auth/LoopbackReplyHandler.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QtConcurrent>

using namespace mltf::auth;

namespace {
// From a worker thread, so the listener (on the test thread) can answer while we wait.
QByteArray exchange(quint16 port, const QByteArray &request)
{
    auto future = QtConcurrent::run([port, request] {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return QByteArray("NOT CONNECTED");
        socket.write(request);
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000 && socket.state() == QAbstractSocket::ConnectedState) {
            socket.waitForReadyRead(100);
            answer += socket.readAll();
        }
        return answer + socket.readAll();
    });
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, 20000))
        return "TIMEOUT";
    return future.result();
}
} // namespace

class TestLoopbackReplyHandler : public QObject
{
    Q_OBJECT
private slots:
    void listensOnLoopbackWithARandomPort()
    {
        LoopbackReplyHandler handler;
        QVERIFY(handler.listen());
        QVERIFY(handler.port() > 0);
        QCOMPARE(handler.callback(), QStringLiteral("http://127.0.0.1:%1/").arg(handler.port()));
    }

    void everyStrayRequestIsAnsweredAndIgnored()
    {
        LoopbackReplyHandler handler;
        QVERIFY(handler.listen());
        handler.setExpectedState("s1");
        QSignalSpy callback(&handler, &LoopbackReplyHandler::callbackReceived);
        QSignalSpy stray(&handler, &LoopbackReplyHandler::strayRequest);
        const quint16 port = handler.port();
        QVERIFY(exchange(port, "garbage\r\n\r\n").startsWith("HTTP/1.1 400"));
        QVERIFY(exchange(port, QByteArray(20000, 'x')).startsWith("HTTP/1.1 431"));
        QVERIFY(exchange(port, "GET /?code=c&state=s2 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400"));
        QVERIFY(exchange(port, "GET /?state=s1 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400"));
        const QByteArray other = exchange(port, "GET /other?code=c&state=s1 HTTP/1.1\r\n\r\n");
        QVERIFY2(other.startsWith("HTTP/1.1 404"), other.constData());
        QVERIFY(exchange(port, "DELETE /?code=c&state=s1 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 405"));
        QCOMPARE(callback.size(), 0);
        QCOMPARE(stray.size(), 5);
        QVERIFY(handler.isListening());

        const QByteArray ok =
            exchange(port, "GET /?code=abc%2Bd&state=s1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY2(ok.startsWith("HTTP/1.1 200"), ok.constData());
        QVERIFY(ok.contains("You can close this tab"));
        QCOMPARE(callback.size(), 1);
        QCOMPARE(callback.first().first().toMap().value("code").toString(), QStringLiteral("abc+d"));
        QVERIFY(!handler.isListening()); // closed after the first valid answer
        QCOMPARE(exchange(port, "GET /?code=x&state=s1 HTTP/1.1\r\n\r\n"), QByteArray("NOT CONNECTED"));
    }

    void providerErrorIsReportedInPlainWords()
    {
        LoopbackReplyHandler handler;
        QVERIFY(handler.listen());
        handler.setExpectedState("s1");
        QSignalSpy failed(&handler, &LoopbackReplyHandler::authorizationFailed);
        const QByteArray page = exchange(
            handler.port(),
            "GET /?error=access_denied&error_description=End-User+aborted+%3Cb%3E&state=s1 HTTP/1.1\r\n\r\n");
        QVERIFY2(page.startsWith("HTTP/1.1 200"), page.constData());
        QVERIFY(page.contains("End-User aborted &lt;b&gt;")); // decoded, spaces restored, HTML escaped
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("access_denied"));
        QCOMPARE(failed.first().at(1).toString(), QStringLiteral("End-User aborted <b>"));
        QVERIFY(!handler.isListening());
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReplyHandler)
#include "TestLoopbackReplyHandler.moc"
