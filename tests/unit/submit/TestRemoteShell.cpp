#include "submit/RemoteShell.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using mltf::Result;
using mltf::submit::RemoteShell;
using mltf::submit::SlurmHost;

namespace {

SlurmHost localHost()
{
    SlurmHost h;
    h.name = QStringLiteral("here");
    h.mode = SlurmHost::Mode::Local;
    h.host = QStringLiteral("localhost");
    return h;
}

// Runs one command and waits for its callback.
Result<RemoteShell::Output> runAndWait(RemoteShell &shell, const QString &command,
                                       const RemoteShell::Input &input = {}, RemoteShell::Progress progress = {},
                                       int timeoutMs = 30000)
{
    std::optional<Result<RemoteShell::Output>> out;
    shell.run(command, [&](const Result<RemoteShell::Output> &r) { out = r; }, input, progress, timeoutMs);
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 30000);
    if (!out)
        return mltf::Error::make(mltf::Error::Kind::Timeout, QStringLiteral("test timeout"));
    return *out;
}

} // namespace

class TestRemoteShell : public QObject
{
    Q_OBJECT

private slots:
    void outputAndExitStatus()
    {
        RemoteShell shell(localHost());
        const auto r = runAndWait(shell, QStringLiteral("echo out; echo err >&2; exit 3"));
        QVERIFY(r.ok());
        QCOMPARE(r.value().exitCode, 3);
        QCOMPARE(r.value().standardOutput, QByteArray("out\n"));
        QCOMPARE(r.value().lastErrorLine(), QStringLiteral("err"));
    }

    void dataGoesOverStdin()
    {
        RemoteShell shell(localHost());
        RemoteShell::Input input;
        input.data = QByteArray("secret-token\n");
        const auto r = runAndWait(shell, QStringLiteral("cat"), input);
        QVERIFY(r.ok());
        QCOMPARE(r.value().standardOutput, input.data);
    }

    void commandsWithoutInputDoNotWaitForIt()
    {
        RemoteShell shell(localHost());
        const auto r = runAndWait(shell, QStringLiteral("cat; echo done"));
        QVERIFY(r.ok());
        QCOMPARE(r.value().standardOutput, QByteArray("done\n"));
    }

    void fileIsStreamedWithProgress()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray block(1024 * 1024, 'x');
        for (int i = 0; i < 5; ++i)
            f.write(block);
        f.close();
        RemoteShell shell(localHost());
        RemoteShell::Input input;
        input.filePath = path;
        qint64 lastSent = 0;
        qint64 total = 0;
        const auto r = runAndWait(shell, QStringLiteral("wc -c"), input, [&](qint64 sent, qint64 t) {
            QVERIFY(sent >= lastSent);
            lastSent = sent;
            total = t;
        });
        QVERIFY(r.ok());
        QCOMPARE(r.value().standardOutput.trimmed(), QByteArray("5242880"));
        QCOMPARE(total, 5242880);
        QCOMPARE(lastSent, 5242880);
    }

    void missingInputFile()
    {
        RemoteShell shell(localHost());
        RemoteShell::Input input;
        input.filePath = QStringLiteral("/nonexistent/file");
        const auto r = runAndWait(shell, QStringLiteral("cat"), input);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, mltf::Error::Kind::Io);
    }

    void timeoutKillsTheCommand()
    {
        RemoteShell shell(localHost());
        const auto r = runAndWait(shell, QStringLiteral("sleep 30"), {}, {}, 300);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, mltf::Error::Kind::Timeout);
        QVERIFY(!shell.isBusy());
    }

    void cancel()
    {
        RemoteShell shell(localHost());
        std::optional<Result<RemoteShell::Output>> out;
        const quint64 id = shell.run(QStringLiteral("sleep 30"), [&](const Result<RemoteShell::Output> &r) { out = r; });
        QVERIFY(shell.isBusy());
        shell.cancel(id);
        QVERIFY(out.has_value());
        QCOMPARE(out->error().kind, mltf::Error::Kind::Cancelled);
        QVERIFY(!shell.isBusy());
    }

    void sshArgumentsNeverPrompt()
    {
        SlurmHost h;
        h.name = QStringLiteral("c");
        h.host = QStringLiteral("login.example.edu");
        h.user = QStringLiteral("alice");
        h.port = 2222;
        h.identityFile = QStringLiteral("/home/alice/.ssh/id_ed25519");
        h.sshOptions = {QStringLiteral("StrictHostKeyChecking=accept-new")};
        RemoteShell shell(h);
        const QStringList args = shell.sshArguments();
        QVERIFY(args.contains(QStringLiteral("BatchMode=yes")));
        QVERIFY(args.contains(QStringLiteral("ControlMaster=auto")));
        QVERIFY(args.contains(QStringLiteral("ControlPersist=300")));
        QVERIFY(args.contains(QStringLiteral("IdentitiesOnly=yes")));
        QVERIFY(args.contains(QStringLiteral("StrictHostKeyChecking=accept-new")));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("-p")) + 1), QStringLiteral("2222"));
        QCOMPARE(args.at(args.indexOf(QStringLiteral("-l")) + 1), QStringLiteral("alice"));
        const QString control = RemoteShell::controlDirectory();
        QVERIFY(!control.isEmpty());
        QCOMPARE(QFileInfo(control).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
    }

    void hostValidation()
    {
        SlurmHost h;
        h.name = QStringLiteral("x");
        h.host = QStringLiteral("-oProxyCommand=touch /tmp/pwned");
        QVERIFY(!h.validate().isEmpty());
        h.host = QStringLiteral("login.example.edu");
        QVERIFY(h.validate().isEmpty());
        h.user = QStringLiteral("a b");
        QVERIFY(!h.validate().isEmpty());
        h.user.clear();
        h.sshOptions = {QStringLiteral("-oFoo=bar")};
        QVERIFY(!h.validate().isEmpty());
        h.sshOptions.clear();
        h.remoteBaseDir = QStringLiteral("relative/dir");
        QVERIFY(!h.validate().isEmpty());
        h.remoteBaseDir = QStringLiteral("~/jobs");
        h.activation = QStringLiteral("source a\nrm -rf ~");
        QVERIFY(!h.validate().isEmpty());
        h.activation.clear();
        h.modules = {QStringLiteral("Python/3.10 ; rm")};
        QVERIFY(!h.validate().isEmpty());
        h.modules.clear();
        h.environment = {QStringLiteral("NCCL_DEBUG=INFO")};
        QVERIFY(h.validate().isEmpty());
        QCOMPARE(SlurmHost::fromJson(h.toJson()).toJson(), h.toJson());
    }
};

QTEST_GUILESS_MAIN(TestRemoteShell)
#include "TestRemoteShell.moc"
