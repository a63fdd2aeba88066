#pragma once

// The real peers of the sign-in tests: the oidc-provider identity provider (node idp.mjs), a headless
// Chromium driven by playwright-core (node browse.mjs) behind the app's UrlOpener, and keychain helpers that
// read what QtKeychain stored.

#include "auth/UrlOpener.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <qt6keychain/keychain.h>

#include <memory>

namespace peers {

inline QString peerDir()
{
    return QStringLiteral(MLTF_OIDC_PEER_DIR);
}

inline QString chromiumPath()
{
    const QString fromEnv = qEnvironmentVariable("MLTF_TEST_CHROMIUM");
    return fromEnv.isEmpty() ? QStringLiteral("/usr/bin/chromium") : fromEnv;
}

// Why the peers cannot run here, or empty when they can. Only a truly missing tool is a reason.
inline QString missingTool(bool needBrowser = true)
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        return QStringLiteral("node is not installed (Debian package nodejs)");
    if (!QFileInfo::exists(peerDir() + QStringLiteral("/node_modules/oidc-provider/package.json")))
        return QStringLiteral("npm packages missing in %1 (npm not installed?)").arg(peerDir());
    if (needBrowser && !QFileInfo(chromiumPath()).isExecutable())
        return QStringLiteral("%1 is not installed (Debian package chromium)").arg(chromiumPath());
    return {};
}

inline QString missingKeychain()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return QStringLiteral(
            "no D-Bus session with a Secret Service (run the tests through installer/run-tests.sh)");
    return {};
}

// A port nothing listens on (bound, then released).
inline quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// The identity provider. Started in the constructor; issuer() is empty if it did not come up.
class Idp
{
public:
    explicit Idp(const QStringList &options = {})
    {
        m_process.setWorkingDirectory(peerDir());
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral("node"), QStringList{QStringLiteral("idp.mjs")} + options);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000 && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(200);
            m_stdout += m_process.readAllStandardOutput();
            const int at = m_stdout.indexOf("LISTENING ");
            if (at >= 0 && m_stdout.indexOf('\n', at) > at) {
                const int end = m_stdout.indexOf('\n', at);
                m_issuer = QUrl(QString::fromUtf8(m_stdout.mid(at + 10, end - at - 10)).trimmed());
                break;
            }
        }
        if (m_issuer.isEmpty())
            qWarning("idp.mjs did not start: %s", m_process.readAllStandardError().constData());
    }
    ~Idp() { stop(); }

    QUrl issuer() const { return m_issuer; }
    quint16 port() const { return quint16(m_issuer.port()); }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel(); // idp.mjs exits when its stdin closes
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }

private:
    QProcess m_process;
    QByteArray m_stdout;
    QUrl m_issuer;
};

// The app's "open this page in the browser", pointed at a scripted headless Chromium.
class BrowserOpener : public mltf::auth::UrlOpener
{
public:
    QStringList options;                              // e.g. --deny, --login=bob
    std::function<void(const QUrl &)> beforeBrowsing; // runs first (e.g. to send garbage to a loopback port)

    bool openUrl(const QUrl &url) override
    {
        ++opened;
        lastUrl = url;
        if (beforeBrowsing)
            beforeBrowsing(url);
        auto *process = new QProcess;
        m_processes.emplace_back(process);
        process->setWorkingDirectory(peerDir());
        process->setProcessChannelMode(QProcess::SeparateChannels);
        QObject::connect(process, &QProcess::finished, process, [this, process](int exitCode) {
            const QByteArray out = process->readAllStandardOutput();
            const int at = out.lastIndexOf("RESULT ");
            if (at >= 0)
                result = QJsonDocument::fromJson(out.mid(at + 7).trimmed()).object();
            if (exitCode != 0)
                qWarning("browse.mjs failed: %s", process->readAllStandardError().constData());
            ++finished;
        });
        process->start(QStringLiteral("node"), QStringList{QStringLiteral("browse.mjs")} + options +
                                                   QStringList{QStringLiteral("--chromium=") + chromiumPath(),
                                                               url.toString(QUrl::FullyEncoded)});
        return true;
    }

    int opened = 0;
    int finished = 0;
    QUrl lastUrl;
    QJsonObject result; // {url, status, title, text} of the browser's last page

    ~BrowserOpener() override
    {
        for (auto &p : m_processes) {
            p->disconnect();
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(3000);
            }
        }
    }

private:
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

// What the keychain holds for a key, read with QtKeychain directly (not through the code under test).
struct KeychainEntry
{
    QKeychain::Error error = QKeychain::OtherError;
    QByteArray data;
};

inline KeychainEntry readKeychain(const QString &service, const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(key);
    bool done = false;
    QObject::connect(job, &QKeychain::Job::finished, [&done] { done = true; });
    job->start();
    const bool finished = QTest::qWaitFor([&done] { return done; }, 20000);
    KeychainEntry entry;
    entry.error = finished ? job->error() : QKeychain::OtherError;
    entry.data = finished ? job->binaryData() : QByteArray();
    delete job;
    return entry;
}

} // namespace peers
