// Submitting to the real one-node SLURM cluster from the login node itself (local mode): a task goes
// PENDING -> RUNNING -> COMPLETED with its metrics arriving at the tracking server; a failing job shows its
// exit code and log; a cancelled job ends CANCELLED with its run KILLED; bad input is refused clearly.
#include "SlurmTestBed.h"

#include "submit/SlurmSubmitter.h"
#include "submit/TaskStore.h"

#include <QDir>
#include <QtTest>

using namespace mltf::submit;
using mltf::tracking::RunStatus;

class TestSlurmLocalEndToEnd : public QObject
{
    Q_OBJECT

    SlurmTestBed m_bed;
    std::unique_ptr<TaskStore> m_store;
    std::unique_ptr<SlurmSubmitter> m_submitter;
    QTemporaryDir m_data;

private slots:
    void initTestCase()
    {
        const QString problem = m_bed.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_store = std::make_unique<TaskStore>(m_data.filePath(QStringLiteral("tasks.json")));
        m_submitter = std::make_unique<SlurmSubmitter>(QVector<SlurmHost>{m_bed.localHost()},
                                                       m_bed.recorder(), m_store.get());
    }

    void cleanupTestCase() { m_submitter.reset(); }

    void pendingRunningCompletedWithLiveMetrics()
    {
        // Fill the node so the task has to wait for resources.
        int code = 0;
        const QString blocker =
            m_bed.slurm(QStringLiteral("sbatch"),
                        {QStringLiteral("--parsable"), QStringLiteral("--cpus-per-task=8"),
                         QStringLiteral("--output=/dev/null"), QStringLiteral("--job-name=blocker"),
                         QStringLiteral("--wrap=sleep 120")},
                        &code);
        QCOMPARE(code, 0);
        const QString blockerId = blocker.section(QLatin1Char(';'), 0, 0).trimmed();
        // The task must find the node taken, not race the blocker onto it.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_bed
                .slurm(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-o"),
                                                  QStringLiteral("%T"), QStringLiteral("-j"), blockerId})
                .trimmed(),
            QStringLiteral("RUNNING"), 30000);
        m_bed.copyProject();
        const auto submitted =
            m_bed.submit(*m_submitter, m_bed.request(QStringLiteral("local"),
                                                     {{QStringLiteral("steps"), QStringLiteral("8")},
                                                      {QStringLiteral("sleep"), QStringLiteral("1")}}));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        Task task = submitted.value();
        QVERIFY(!task.slurmJob.jobId.isEmpty());

        // Until the scheduler has looked at it, a new job is pending without a reason.
        QStringList seen;
        task = m_bed.follow(
            *m_submitter, task,
            [](const Task &t) {
                return t.state() == QLatin1String("PENDING") && !t.slurmJob.reason.isEmpty();
            },
            30000, &seen);
        QCOMPARE(task.state(), QStringLiteral("PENDING"));
        QCOMPARE(task.runStatus(), RunStatus::Scheduled);
        QVERIFY2(task.slurmJob.reason == QLatin1String("Resources") ||
                     task.slurmJob.reason == QLatin1String("Priority"),
                 qPrintable(task.slurmJob.reason));
        QVERIFY(task.lastMessage.startsWith(QStringLiteral("Pending (")));
        QCOMPARE(task.slurmJob.partition, QStringLiteral("debug"));
        QCOMPARE(task.slurmJob.timeLimitSeconds, 300);

        // States were read the way this release allows: JSON from 23.02 on, text before.
        const SlurmVersion version = m_submitter->slurmVersion(QStringLiteral("local"));
        const SlurmVersion expected =
            SlurmVersion::parse(m_bed.slurm(QStringLiteral("squeue"), {QStringLiteral("--version")}));
        QVERIFY(expected.isKnown());
        QCOMPARE(version.toString(), expected.toString());
        qInfo("SLURM %s: job states read as %s", qPrintable(version.toString()),
              version.listsOneJobAsJson() ? "JSON (squeue --json)" : "text (scontrol)");

        m_bed.slurm(QStringLiteral("scancel"), {blockerId});

        // Running: node list and elapsed known, and points arriving while it runs.
        task = m_bed.follow(
            *m_submitter, task, [](const Task &t) { return t.state() != QLatin1String("PENDING"); }, 90000,
            &seen);
        QVERIFY2(task.runStatus() == RunStatus::Running || task.isFinished(), qPrintable(seen.join(',')));
        QCOMPARE(task.state(), QStringLiteral("RUNNING"));
        QVERIFY(!task.slurmJob.nodeList.isEmpty());
        QVERIFY(task.slurmJob.elapsedSeconds >= 0);
        bool sawLivePoints = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto history =
                    SlurmTestBed::await(m_bed.store()->getMetricHistory(task.runId, QStringLiteral("loss")));
                sawLivePoints = history.ok() && !history.value().points.isEmpty();
                return sawLivePoints;
            }(),
            30000);
        const auto whileRunning = SlurmTestBed::await(m_bed.store()->getRun(task.runId));
        QVERIFY(whileRunning.ok());
        QCOMPARE(whileRunning.value().info.status, RunStatus::Running);

        task = m_bed.follow(
            *m_submitter, task, [](const Task &t) { return t.isFinished(); }, 90000, &seen);
        QCOMPARE(task.state(), QStringLiteral("COMPLETED"));
        QCOMPARE(task.runStatus(), RunStatus::Finished);
        QVERIFY(task.runClosed);
        QCOMPARE(seen.first(), QStringLiteral("PENDING"));
        QVERIFY(seen.contains(QStringLiteral("RUNNING")));

        // The tracking server has the whole curve, the tags, and the run's end.
        const auto history =
            SlurmTestBed::await(m_bed.store()->getMetricHistory(task.runId, QStringLiteral("loss")));
        QVERIFY(history.ok());
        QCOMPARE(history.value().points.size(), 8);
        const auto run = SlurmTestBed::await(m_bed.store()->getRun(task.runId));
        QVERIFY(run.ok());
        QCOMPARE(run.value().info.status, RunStatus::Finished);
        QCOMPARE(mltf::tracking::tagValue(run.value().tags, QStringLiteral("slurm_job_id")),
                 task.slurmJob.jobId);
        QCOMPARE(mltf::tracking::tagValue(run.value().tags, QStringLiteral("mlflow.source.type")),
                 QStringLiteral("PROJECT"));
        QCOMPARE(mltf::tracking::tagValue(run.value().tags, QStringLiteral("mlflow.project.entryPoint")),
                 QStringLiteral("main"));
        bool paramLogged = false;
        for (const auto &p : run.value().params)
            paramLogged |= p.key == QLatin1String("steps") && p.value == QLatin1String("8");
        QVERIFY(paramLogged);

        // The job read the token from its file.
        const QByteArray log = m_bed.logs(*m_submitter, task);
        QVERIFY2(log.contains("step 7 loss 0.1250"), log.constData());
        QVERIFY(log.contains("(token set)"));
        QVERIFY(!log.contains("e2e-token-not-secret"));

        // The task was saved as it went.
        TaskStore reread(m_store->filePath());
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.task(task.localId)->state(), QStringLiteral("COMPLETED"));
    }

    void failingJobShowsExitCodeAndLog()
    {
        m_bed.copyProject();
        const auto submitted =
            m_bed.submit(*m_submitter, m_bed.request(QStringLiteral("local"),
                                                     {{QStringLiteral("steps"), QStringLiteral("1")},
                                                      {QStringLiteral("sleep"), QStringLiteral("0")},
                                                      {QStringLiteral("exit_code"), QStringLiteral("3")}}));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        const Task task = m_bed.follow(
            *m_submitter, submitted.value(), [](const Task &t) { return t.isFinished(); }, 90000);
        const QByteArray log = m_bed.logs(*m_submitter, task);
        QVERIFY2(task.state() == QLatin1String("FAILED"), log.constData());
        QVERIFY2(task.slurmJob.exitCode == 3, log.constData());
        QCOMPARE(task.slurmJob.exitCode, 3);
        QCOMPARE(task.lastMessage, QStringLiteral("Failed with exit code 3"));
        const auto run = SlurmTestBed::await(m_bed.store()->getRun(task.runId));
        QVERIFY(run.ok());
        QCOMPARE(run.value().info.status, RunStatus::Failed);
        QVERIFY2(log.contains("giving up with exit code 3"), log.constData());
    }

    void cancelledJobEndsCancelledAndItsRunKilled()
    {
        m_bed.copyProject();
        const auto submitted =
            m_bed.submit(*m_submitter, m_bed.request(QStringLiteral("local"),
                                                     {{QStringLiteral("steps"), QStringLiteral("120")},
                                                      {QStringLiteral("sleep"), QStringLiteral("1")}}));
        QVERIFY(submitted.ok());
        Task task = m_bed.follow(
            *m_submitter, submitted.value(),
            [](const Task &t) { return t.state() == QLatin1String("RUNNING"); }, 60000);
        QCOMPARE(task.state(), QStringLiteral("RUNNING"));
        QSignalSpy updated(m_submitter.get(), &Submitter::taskUpdated);
        m_submitter->cancel(task);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 30000);
        task = updated.first().first().value<Task>();
        task = m_bed.follow(
            *m_submitter, task, [](const Task &t) { return t.isFinished(); }, 60000);
        QCOMPARE(task.state(), QStringLiteral("CANCELLED"));
        QCOMPARE(task.runStatus(), RunStatus::Killed);
        const auto run = SlurmTestBed::await(m_bed.store()->getRun(task.runId));
        QVERIFY(run.ok());
        QCOMPARE(run.value().info.status, RunStatus::Killed);
    }

    void unknownPartitionShowsSlurmsMessage()
    {
        m_bed.copyProject();
        SubmitRequest r = m_bed.request(QStringLiteral("local"), {});
        r.slurmResources.partition = QStringLiteral("nope");
        const auto submitted = m_bed.submit(*m_submitter, r);
        QVERIFY(!submitted.ok());
        QCOMPARE(submitted.error().kind, mltf::Error::Kind::InvalidInput);
        QVERIFY2(submitted.error().message.contains(QStringLiteral("invalid partition specified: nope")),
                 qPrintable(submitted.error().message));
    }

    void hostileValuesAreRefusedBeforeAnythingIsSent()
    {
        m_bed.copyProject();
        // Earlier jobs may still be cleaning up their folders, so check that no *new* folder appears.
        const QStringList foldersBefore =
            QDir(m_bed.remoteBase()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        mltf::tracking::RunSearch search;
        search.experimentIds = {m_bed.experimentId()};
        const auto before = SlurmTestBed::await(m_bed.store()->searchRuns(search));
        QVERIFY(before.ok());
        const QString hostile = QStringLiteral("1\n#SBATCH --uid=0\ntouch /tmp/mltf-pwned");
        const QList<std::function<void(SubmitRequest &)>> fields = {
            [&](SubmitRequest &r) { r.slurmResources.partition = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.account = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.gpusPerNode = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.gres = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.mem = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.time = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.nodes = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.ntasks = hostile; },
            [&](SubmitRequest &r) { r.ntasksPerNode = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.cpusPerTask = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.qos = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.constraint = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.mailUser = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.mailType = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.jobName = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.output = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.error = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.sbatchScriptFile = hostile; },
            [&](SubmitRequest &r) { r.slurmResources.exports = {hostile}; },
            [&](SubmitRequest &r) { r.slurmResources.modules = {hostile}; },
            [&](SubmitRequest &r) { r.slurmResources.environment = {QStringLiteral("A=") + hostile}; },
            [&](SubmitRequest &r) { r.params.insert(QStringLiteral("sleep"), hostile); },
            [&](SubmitRequest &r) { r.params.insert(hostile, QStringLiteral("1")); },
            [&](SubmitRequest &r) { r.runName = hostile; },
        };
        for (int i = 0; i < fields.size(); ++i) {
            SubmitRequest r = m_bed.request(QStringLiteral("local"), {});
            fields.at(i)(r);
            const auto submitted = m_bed.submit(*m_submitter, r);
            QVERIFY2(!submitted.ok(), qPrintable(QStringLiteral("field %1 was accepted").arg(i)));
            QCOMPARE(submitted.error().kind, mltf::Error::Kind::InvalidInput);
        }
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/mltf-pwned")));
        const QStringList foldersAfter =
            QDir(m_bed.remoteBase()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &folder : foldersAfter)
            QVERIFY2(foldersBefore.contains(folder),
                     qPrintable(QStringLiteral("new job folder %1").arg(folder)));
        const auto after = SlurmTestBed::await(m_bed.store()->searchRuns(search));
        QVERIFY(after.ok());
        QCOMPARE(after.value().items.size(), before.value().items.size()); // no run was created
    }
};

QTEST_GUILESS_MAIN(TestSlurmLocalEndToEnd)
#include "TestSlurmLocalEndToEnd.moc"
