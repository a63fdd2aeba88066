// Submitting through OpenSSH (root@127.0.0.1 on the test sshd with a throwaway key; the SLURM commands run in
// the ssh session): a task runs to COMPLETED with its metrics at the tracking server and its log read over
// ssh; an unreachable host, a refused key and an unknown host name give clear messages before any run exists.
#include "SlurmTestBed.h"

#include "submit/RemoteShell.h"
#include "submit/SlurmSubmitter.h"

#include <QDir>
#include <QTcpServer>
#include <QtTest>

#include <sys/stat.h>

using namespace mltf::submit;
using mltf::tracking::RunStatus;

class TestSlurmOverSsh : public QObject
{
    Q_OBJECT

    SlurmTestBed m_bed;

    int runCount()
    {
        mltf::tracking::RunSearch search;
        search.experimentIds = {m_bed.experimentId()};
        const auto runs = SlurmTestBed::await(m_bed.store()->searchRuns(search));
        return runs.ok() ? int(runs.value().items.size()) : -1;
    }

private slots:
    void initTestCase()
    {
        const QString problem = m_bed.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void submitsAndFollowsOverSsh()
    {
        SlurmSubmitter submitter({m_bed.sshHost()}, m_bed.recorder(), nullptr);
        m_bed.copyProject();
        const auto submitted = m_bed.submit(submitter, m_bed.request(QStringLiteral("ssh"),
                                                                     {{QStringLiteral("steps"), QStringLiteral("4")},
                                                                      {QStringLiteral("sleep"), QStringLiteral("0.3")}}));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        Task task = submitted.value();
        QVERIFY(task.remoteDir.startsWith(QDir(m_bed.remoteBase()).canonicalPath()));

        // The token went over stdin into a file only its owner can read.
        struct stat st;
        const QByteArray tokenFile = QFile::encodeName(task.remoteDir + QStringLiteral("/.mltf/tracking-token"));
        QCOMPARE(::stat(tokenFile.constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);

        QStringList seen;
        task = m_bed.follow(submitter, task, [](const Task &t) { return t.isFinished(); }, 120000, &seen);
        QVERIFY2(task.state() == QLatin1String("COMPLETED"), qPrintable(seen.join(',') + ' ' + task.lastMessage));
        const auto history = SlurmTestBed::await(m_bed.store()->getMetricHistory(task.runId, QStringLiteral("loss")));
        QVERIFY(history.ok());
        QCOMPARE(history.value().points.size(), 4);
        const auto run = SlurmTestBed::await(m_bed.store()->getRun(task.runId));
        QVERIFY(run.ok());
        QCOMPARE(run.value().info.status, RunStatus::Finished);
        QCOMPARE(mltf::tracking::tagValue(run.value().tags, QStringLiteral("slurm_job_id")), task.slurmJob.jobId);
        const QByteArray log = m_bed.logs(submitter, task);
        QVERIFY2(log.contains("step 3 loss 0.2500"), log.constData());

        // One login served every command: the shared connection is there.
        QVERIFY(!QDir(RemoteShell::controlDirectory()).entryList(QDir::System | QDir::NoDotAndDotDot).isEmpty());
        submitter.closeConnections();
    }

    void refusedKeyIsAnAuthenticationError()
    {
        SlurmHost host = m_bed.sshHost(m_bed.sshdValue(QStringLiteral("MLTF_SSHD_WRONG_KEY")));
        host.host = QStringLiteral("localhost"); // not the shared connection of the right key
        SlurmSubmitter submitter({host}, m_bed.recorder(), nullptr);
        m_bed.copyProject();
        const int before = runCount();
        const auto submitted = m_bed.submit(submitter, m_bed.request(QStringLiteral("ssh"), {}));
        QVERIFY(!submitted.ok());
        QCOMPARE(submitted.error().kind, mltf::Error::Kind::Unauthorized);
        QVERIFY2(submitted.error().message.contains(QStringLiteral("Permission denied")),
                 qPrintable(submitted.error().message));
        QVERIFY(submitted.error().message.startsWith(QStringLiteral("Could not log in to ")));
        QCOMPARE(runCount(), before); // refused before any run was created
    }

    void unreachableHost()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const int closedPort = probe.serverPort();
        probe.close(); // nothing listens there now
        SlurmHost host = m_bed.sshHost();
        host.port = closedPort;
        SlurmSubmitter submitter({host}, m_bed.recorder(), nullptr);
        m_bed.copyProject();
        const int before = runCount();
        auto submitted = m_bed.submit(submitter, m_bed.request(QStringLiteral("ssh"), {}));
        QVERIFY(!submitted.ok());
        QCOMPARE(submitted.error().kind, mltf::Error::Kind::Network);
        QVERIFY2(submitted.error().message.contains(QStringLiteral("Connection refused")),
                 qPrintable(submitted.error().message));

        host.host = QStringLiteral("no-such-host.invalid");
        host.port = 22;
        submitter.setHosts({host});
        submitted = m_bed.submit(submitter, m_bed.request(QStringLiteral("ssh"), {}));
        QVERIFY(!submitted.ok());
        QVERIFY2(submitted.error().message.startsWith(QStringLiteral("Unknown host")),
                 qPrintable(submitted.error().message));
        QCOMPARE(runCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestSlurmOverSsh)
#include "TestSlurmOverSsh.moc"
