#pragma once

// What the gateway end-to-end tests share: the test identity provider (oidc-provider), a signed-in session
// (device flow confirmed by the scripted Chromium, tokens in memory), the MLflow test server, the gateway
// test server checking the provider's tokens, and the client objects on top.

#include "OidcPeers.h"

#include "auth/AuthSession.h"
#include "auth/MemorySecretStore.h"
#include "auth/OidcHttp.h"
#include "auth/SignIn.h"
#include "net/HttpClient.h"
#include "submit/GatewayClient.h"
#include "submit/GatewaySubmitter.h"
#include "submit/StoreRunRecorder.h"
#include "submit/TaskStore.h"
#include "tracking/RestStore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class GatewayTestBed
{
public:
    ~GatewayTestBed()
    {
        submitter.reset();
        for (QProcess *p : {m_gateway.get(), m_mlflow.get()}) {
            if (p && p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
    }

    // Starts everything and signs in; returns what is missing (skip) or failed, or an empty string.
    QString start(int accessTtlSeconds = 900)
    {
        if (const QString missing = peers::missingTool(); !missing.isEmpty())
            return QStringLiteral("SKIP ") + missing;
        if (qEnvironmentVariableIsEmpty("MLTF_TEST_GATEWAY_URI") &&
            !QFileInfo::exists(QStringLiteral(MLTF_PEERS_BIN_DIR "/mltf-test-gateway-server")))
            return QStringLiteral("SKIP no gateway test server was built (OpenSSL's libssl-dev missing?)");
        m_idp = std::make_unique<peers::Idp>(QStringList{
            QStringLiteral("--access-ttl=%1").arg(accessTtlSeconds), QStringLiteral("--device-interval=1")});
        if (m_idp->issuer().isEmpty())
            return QStringLiteral("the identity provider did not start");
        if (!signIn())
            return QStringLiteral("sign-in failed");

        trackingUri = qEnvironmentVariable("MLTF_TEST_TRACKING_URI");
        if (trackingUri.isEmpty()) {
            const QByteArray port = startPeer(m_mlflow, QStringLiteral("mltf-test-mlflow-server"), {});
            if (port.isEmpty())
                return QStringLiteral("the MLflow test server did not start");
            trackingUri = QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(port);
        }
        gatewayUri = qEnvironmentVariable("MLTF_TEST_GATEWAY_URI");
        if (gatewayUri.isEmpty()) {
            gatewayUri = startGateway(m_gateway);
            if (gatewayUri.isEmpty())
                return QStringLiteral("the gateway test server did not start");
        }
        store = std::make_unique<mltf::tracking::RestStore>(QUrl(trackingUri));
        recorder = std::make_unique<mltf::submit::StoreRunRecorder>(store.get(), trackingUri);
        http = std::make_unique<mltf::net::HttpClient>();
        http->setBaseUrl(QUrl(gatewayUri));
        http->authenticator().allowOrigin(QUrl(gatewayUri));
        http->authenticator().setTokenProvider(session.get());
        client = std::make_unique<mltf::submit::GatewayClient>(http.get());
        tasks = std::make_unique<mltf::submit::TaskStore>(m_work.filePath(QStringLiteral("tasks.json")));
        submitter = std::make_unique<mltf::submit::GatewaySubmitter>(client.get(), store.get(),
                                                                     recorder.get(), tasks.get());
        submitter->setAuthSession(session.get());
        submitter->setLogFolder(m_work.filePath(QStringLiteral("logs")));
        return {};
    }

    // A fresh copy of tests/data/submit/projects/metrics-demo whose `main` defaults are the given ones (the
    // gateway runs main with its defaults only).
    QString project(int steps, double sleep, int exitCode)
    {
        const QString from = QStringLiteral(MLTF_TEST_DATA_DIR "/submit/projects/metrics-demo");
        const QString to = m_work.filePath(QStringLiteral("project %1").arg(++m_projects));
        QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
            QDir().mkpath(QFileInfo(target).absolutePath());
            QFile::copy(file, target);
        }
        QFile mlproject(to + QStringLiteral("/MLproject"));
        mlproject.open(QIODevice::WriteOnly | QIODevice::Truncate);
        mlproject.write(
            QStringLiteral("name: metrics-demo\n\nentry_points:\n  main:\n    parameters:\n"
                           "      steps: {type: int, default: %1}\n      sleep: {type: float, default: %2}\n"
                           "      exit_code: {type: int, default: %3}\n"
                           "    command: \"python3 train.py --steps {steps} --sleep {sleep} "
                           "--exit-code {exit_code}\"\n")
                .arg(steps)
                .arg(sleep)
                .arg(exitCode)
                .toUtf8());
        return to;
    }

    mltf::submit::SubmitRequest request(const QString &projectPath) const
    {
        mltf::submit::SubmitRequest r;
        r.projectPath = projectPath;
        r.entryPoint = QStringLiteral("main");
        r.gatewayConfig = QJsonObject{{QStringLiteral("partition"), QStringLiteral("batch")},
                                      {QStringLiteral("time"), QStringLiteral("00:10:00")}};
        return r;
    }

    // Submits and waits: the task or the error the submitter reported.
    mltf::Result<mltf::submit::Task> submit(const mltf::submit::SubmitRequest &r, int timeoutMs = 60000)
    {
        QSignalSpy ok(submitter.get(), &mltf::submit::Submitter::submitted);
        QSignalSpy failed(submitter.get(), &mltf::submit::Submitter::submitFailed);
        submitter->submit(r);
        if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, timeoutMs))
            return mltf::Error::make(mltf::Error::Kind::Timeout,
                                     QStringLiteral("no answer from the submitter"));
        if (!failed.isEmpty())
            return failed.first().first().value<mltf::Error>();
        return ok.first().first().value<mltf::submit::Task>();
    }

    // Refreshes the task until `until` holds; every distinct state goes into `seen`.
    mltf::submit::Task follow(const mltf::submit::Task &task,
                              const std::function<bool(const mltf::submit::Task &)> &until, int timeoutMs,
                              QStringList *seen = nullptr)
    {
        mltf::submit::Task current = task;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            QSignalSpy updated(submitter.get(), &mltf::submit::Submitter::taskUpdated);
            QSignalSpy error(submitter.get(), &mltf::submit::Submitter::taskError);
            submitter->refresh(current);
            (void)QTest::qWaitFor([&] { return !updated.isEmpty() || !error.isEmpty(); }, 20000);
            if (!updated.isEmpty())
                current = updated.first().first().value<mltf::submit::Task>();
            if (seen && (seen->isEmpty() || seen->constLast() != current.state()))
                seen->append(current.state());
            if (until(current))
                return current;
            QTest::qWait(300);
        }
        return current;
    }

    template <typename T>
    static mltf::Result<T> await(const QFuture<mltf::Result<T>> &future, int timeoutMs = 20000)
    {
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
            return mltf::Error::make(mltf::Error::Kind::Timeout, QStringLiteral("no answer"));
        if (future.resultCount() == 0)
            return mltf::Error::make(mltf::Error::Kind::Cancelled, QStringLiteral("no result"));
        return future.result();
    }

    // Starts a gateway test server for this provider (with `extraArgs`); returns its URL or "".
    QString startGateway(std::unique_ptr<QProcess> &process, const QStringList &extraArgs = {})
    {
        const QByteArray port = startPeer(process, QStringLiteral("mltf-test-gateway-server"),
                                          QStringList{QStringLiteral("--issuer"), m_idp->issuer().toString(),
                                                      QStringLiteral("--tracking-uri"), trackingUri} +
                                              extraArgs);
        return port.isEmpty() ? QString() : QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(port);
    }

    QString token() const { return session->tokens().accessToken; }
    QString issuer() const { return m_idp->issuer().toString(); }
    QString workPath(const QString &name) const { return m_work.filePath(name); }

    QString trackingUri;
    QString gatewayUri;
    std::unique_ptr<mltf::auth::MemorySecretStore> secrets =
        std::make_unique<mltf::auth::MemorySecretStore>();
    std::unique_ptr<mltf::auth::OidcHttp> oidcHttp = std::make_unique<mltf::auth::OidcHttp>();
    std::unique_ptr<mltf::auth::AuthSession> session =
        std::make_unique<mltf::auth::AuthSession>(secrets.get(), oidcHttp.get());
    std::unique_ptr<mltf::tracking::RestStore> store;
    std::unique_ptr<mltf::submit::StoreRunRecorder> recorder;
    std::unique_ptr<mltf::net::HttpClient> http;
    std::unique_ptr<mltf::submit::GatewayClient> client;
    std::unique_ptr<mltf::submit::TaskStore> tasks;
    std::unique_ptr<mltf::submit::GatewaySubmitter> submitter;

private:
    bool signIn()
    {
        mltf::auth::OidcConfig config;
        config.issuer = m_idp->issuer();
        config.clientId = QStringLiteral("mltf-desktop");
        config.scopes =
            QStringList{QStringLiteral("openid"),         QStringLiteral("profile"), QStringLiteral("email"),
                        QStringLiteral("offline_access"), QStringLiteral("read"),    QStringLiteral("write")};
        mltf::auth::SignIn signIn(session.get(), oidcHttp.get(), &m_browser);
        signIn.setConfig(config);
        QSignalSpy succeeded(&signIn, &mltf::auth::SignIn::succeeded);
        QSignalSpy failed(&signIn, &mltf::auth::SignIn::failed);
        signIn.start();
        (void)QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, 150000);
        return !succeeded.isEmpty() && session->isSignedIn();
    }

    QByteArray startPeer(std::unique_ptr<QProcess> &process, const QString &program, const QStringList &args)
    {
        process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QStringLiteral(MLTF_PEERS_BIN_DIR "/") + program, args);
        if (!process->waitForStarted(10000))
            return {};
        QByteArray line;
        (void)QTest::qWaitFor(
            [&] {
                if (process->canReadLine())
                    line = process->readLine();
                return line.startsWith("LISTENING") || process->state() == QProcess::NotRunning;
            },
            20000);
        return line.startsWith("LISTENING") ? line.mid(10).trimmed() : QByteArray();
    }

    QTemporaryDir m_work;
    std::unique_ptr<peers::Idp> m_idp;
    peers::BrowserOpener m_browser;
    std::unique_ptr<QProcess> m_gateway;
    std::unique_ptr<QProcess> m_mlflow;
    int m_projects = 0;
};
