#pragma once

// Starts tests/peers/mlflow-server (mltf-test-mlflow-server) on a free port for one test and stops it again.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

class TestServerProcess
{
public:
    TestServerProcess() = default;
    TestServerProcess(const TestServerProcess &) = delete;
    TestServerProcess &operator=(const TestServerProcess &) = delete;
    ~TestServerProcess() { stop(); }

    static QString binary() { return QStringLiteral(MLTF_PEERS_BIN_DIR "/mltf-test-mlflow-server"); }
    static QString exampleStore() { return QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns"); }

    // Starts the server with `arguments` and waits for its "LISTENING <port>" line. Empty on success, else why.
    QString start(const QStringList &arguments = {}, int timeoutMs = 30000)
    {
        m_process.setProgram(binary());
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(timeoutMs))
            return QStringLiteral("cannot start %1: %2").arg(binary(), m_process.errorString());
        static const QRegularExpression rx(QStringLiteral("LISTENING (\\d+)"));
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (m_process.state() != QProcess::Running)
                return QStringLiteral("the test server exited: %1").arg(QString::fromLocal8Bit(m_process.readAllStandardError()));
            m_process.waitForReadyRead(200);
            out += m_process.readAllStandardOutput();
            const QRegularExpressionMatch m = rx.match(QString::fromLatin1(out));
            if (m.hasMatch()) {
                m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m.captured(1)));
                return {};
            }
        }
        return QStringLiteral("the test server did not print LISTENING in time");
    }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QUrl url() const { return m_url; }

    // Sets fault switches (POST /__faults); DELETE when `faults` is empty. Returns true on 200.
    bool setFaults(const QJsonObject &faults)
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(m_url.resolved(QUrl(QStringLiteral("/__faults"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = faults.isEmpty() ? nam.deleteResource(request)
                                                : nam.post(request, QJsonDocument(faults).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        const bool ok = reply->isFinished() && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
        reply->deleteLater();
        return ok;
    }

private:
    QProcess m_process;
    QUrl m_url;
};
