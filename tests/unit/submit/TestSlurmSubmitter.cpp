// SlurmSubmitter in local mode against stand-ins for sbatch/scontrol/scancel (tests/data/submit/fake-slurm):
// the whole submission, refresh, cancel and logs path without a cluster. The real cluster is in
// tests/integration/slurm.
#include "submit/RunRecorder.h"
#include "submit/SlurmSubmitter.h"
#include "submit/TaskStore.h"
#include "util/Settings.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <sys/stat.h>

using namespace mltf::submit;
using mltf::Error;
using mltf::Result;
using mltf::Status;

namespace {

// Records what the submitter asks of the tracking server; answers asynchronously like a real store.
class FakeRunRecorder : public RunRecorder
{
public:
    QString trackingUri() const override { return QStringLiteral("http://127.0.0.1:1/"); }

    void createRun(const NewRun &run, QObject *context, IdCallback done) override
    {
        created.push_back(run);
        const bool fail = failCreate;
        QTimer::singleShot(0, context, [done, fail] {
            if (fail)
                done(Error::make(Error::Kind::Unauthorized, QStringLiteral("The tracking server refused the token (401).")));
            else
                done(QStringLiteral("0123456789abcdef0123456789abcdef"));
        });
    }
    void setTag(const QString &runId, const QString &key, const QString &value, QObject *context,
                DoneCallback done) override
    {
        tags.push_back({runId, key + QLatin1Char('=') + value});
        QTimer::singleShot(0, context, [done] { done(mltf::Done{}); });
    }
    void endRun(const QString &runId, RunStatus status, const QDateTime &, QObject *context, DoneCallback done) override
    {
        ended.push_back({runId, status});
        QTimer::singleShot(0, context, [done] { done(mltf::Done{}); });
    }

    bool failCreate = false;
    QList<NewRun> created;
    QList<QPair<QString, QString>> tags;
    QList<QPair<QString, RunStatus>> ended;
};

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
    }
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
}

// A recorded scontrol line with another job id, state, reason and exit code.
QByteArray scontrolLine(const QString &jobId, const QString &state, const QString &reason, const QString &exitCode,
                        const QString &stdOut)
{
    return QStringLiteral("JobId=%1 JobName=mltf-01234567 UserId=root(0) GroupId=root(0) JobState=%2 Reason=%3 "
                          "Dependency=(null) ExitCode=%4 RunTime=00:00:07 TimeLimit=00:10:00 "
                          "SubmitTime=2026-11-23T07:45:41 StartTime=2026-11-23T07:45:42 EndTime=Unknown "
                          "Partition=debug NodeList=vm BatchHost=vm NumNodes=1 StdOut=%5 Power=\n")
        .arg(jobId, state, reason, exitCode, stdOut)
        .toUtf8();
}

} // namespace

class TestSlurmSubmitter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_fakeState;
    QString m_remoteBase;
    QString m_project;
    QByteArray m_oldPath;

    SlurmHost host() const
    {
        SlurmHost h;
        h.name = QStringLiteral("login");
        h.mode = SlurmHost::Mode::Local;
        h.host = QStringLiteral("localhost");
        h.remoteBaseDir = m_remoteBase;
        h.launchMode = SlurmHost::LaunchMode::Direct;
        h.environment = {QStringLiteral("NCCL_DEBUG=INFO")};
        return h;
    }

    SubmitRequest request() const
    {
        SubmitRequest r;
        r.projectPath = m_project;
        r.entryPoint = QStringLiteral("main");
        r.params = {{QStringLiteral("steps"), QStringLiteral("3")}};
        r.experimentId = QStringLiteral("1");
        r.slurmHost = QStringLiteral("login");
        r.slurmResources.partition = QStringLiteral("debug");
        r.slurmResources.time = QStringLiteral("10");
        return r;
    }

    // Submits and waits for the outcome.
    std::optional<Task> submitAndWait(SlurmSubmitter &submitter, const SubmitRequest &r, Error *error = nullptr)
    {
        QSignalSpy ok(&submitter, &Submitter::submitted);
        QSignalSpy failed(&submitter, &Submitter::submitFailed);
        submitter.submit(r);
        if (!QTest::qWaitFor([&] { return ok.count() + failed.count() > 0; }, 30000)) {
            qWarning() << "no submission outcome";
            return std::nullopt;
        }
        if (!failed.isEmpty()) {
            if (error)
                *error = failed.first().first().value<Error>();
            return std::nullopt;
        }
        return ok.first().first().value<Task>();
    }

private slots:
    void initTestCase()
    {
        mltf::Settings::initialise();
        QVERIFY(m_dir.isValid());
        m_fakeState = m_dir.filePath(QStringLiteral("fake-slurm"));
        m_remoteBase = m_dir.filePath(QStringLiteral("remote base"));
        m_project = m_dir.filePath(QStringLiteral("project"));
        QDir().mkpath(m_fakeState);
        copyTree(QStringLiteral(MLTF_TEST_DATA_DIR "/submit/projects/metrics-demo"), m_project);
        writeFile(m_project + QStringLiteral("/model.ckpt"), "ignored by .gitignore");
        qputenv("FAKE_SLURM_DIR", m_fakeState.toUtf8());
        m_oldPath = qgetenv("PATH");
        qputenv("PATH", QByteArray(MLTF_TEST_DATA_DIR "/submit/fake-slurm:") + m_oldPath);
        qputenv("MLFLOW_TRACKING_TOKEN", "tok-123-secret");
    }

    void cleanupTestCase() { qputenv("PATH", m_oldPath); }

    void submitsEndToEnd()
    {
        FakeRunRecorder recorder;
        TaskStore store(m_dir.filePath(QStringLiteral("tasks.json")));
        SlurmSubmitter submitter({host()}, &recorder, &store);
        QSignalSpy progress(&submitter, &Submitter::submitProgress);
        const std::optional<Task> task = submitAndWait(submitter, request());
        QVERIFY(task);
        QCOMPARE(task->slurmJob.jobId, QStringLiteral("42"));
        QCOMPARE(task->runId, QStringLiteral("0123456789abcdef0123456789abcdef"));
        QCOMPARE(task->state(), QStringLiteral("PENDING"));
        QCOMPARE(task->runStatus(), RunStatus::Scheduled);
        QVERIFY(task->remoteDir.startsWith(QDir(m_remoteBase).canonicalPath() + QStringLiteral("/")));
        QCOMPARE(task->logPath, task->remoteDir + QStringLiteral("/.mltf/slurm-42.out"));
        QCOMPARE(task->params.value(QStringLiteral("sleep")), QStringLiteral("0.2")); // defaults resolved

        // Steps in order, ending with Done.
        QList<Submitter::Step> steps;
        for (const auto &args : std::as_const(progress)) {
            const auto step = args.first().value<Submitter::Step>();
            if (steps.isEmpty() || steps.last() != step)
                steps << step;
        }
        QCOMPARE(steps, (QList<Submitter::Step>{Submitter::Step::Checking, Submitter::Step::Packing,
                                                Submitter::Step::Connecting, Submitter::Step::CreatingRun,
                                                Submitter::Step::Uploading, Submitter::Step::Submitting,
                                                Submitter::Step::Done}));

        // The project arrived (without ignored files), sbatch ran in the task folder.
        QVERIFY(QFileInfo::exists(task->remoteDir + QStringLiteral("/train.py")));
        QVERIFY(QFileInfo::exists(task->remoteDir + QStringLiteral("/MLproject")));
        QVERIFY(!QFileInfo::exists(task->remoteDir + QStringLiteral("/model.ckpt")));
        QCOMPARE(readAll(m_fakeState + QStringLiteral("/jobs/42.cwd")).trimmed(), task->remoteDir.toUtf8());

        // The token: in a 0600 file, not in the script.
        const QString tokenFile = task->remoteDir + QStringLiteral("/.mltf/tracking-token");
        QCOMPARE(readAll(tokenFile), QByteArray("tok-123-secret"));
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(tokenFile).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        const QByteArray script = readAll(m_fakeState + QStringLiteral("/jobs/42.sh"));
        QVERIFY(!script.contains("tok-123-secret"));
        QVERIFY(script.contains("#SBATCH --partition=debug\n"));
        QVERIFY(script.contains("#SBATCH --time=10\n"));
        QVERIFY(script.contains("export MLFLOW_RUN_ID=0123456789abcdef0123456789abcdef\n"));
        QVERIFY(script.contains("export MLFLOW_TRACKING_URI=http://127.0.0.1:1/\n"));
        QVERIFY(script.contains("export NCCL_DEBUG=INFO\n"));
        QVERIFY(script.contains("/bin/bash -c 'python3 train.py --steps 3 --sleep 0.2 --exit-code 0'\n"));

        // The run: created with the project tags and params, tagged with the job id.
        QCOMPARE(recorder.created.size(), 1);
        const auto &run = recorder.created.first();
        QCOMPARE(run.experimentId, QStringLiteral("1"));
        QCOMPARE(run.tags.value(QStringLiteral("mlflow.source.type")), QStringLiteral("PROJECT"));
        QCOMPARE(run.tags.value(QStringLiteral("mlflow.project.entryPoint")), QStringLiteral("main"));
        QCOMPARE(run.tags.value(QStringLiteral("mlflow.project.backend")), QStringLiteral("slurm"));
        QCOMPARE(run.tags.value(QStringLiteral("mlflow.source.name")), QFileInfo(m_project).absoluteFilePath());
        QVERIFY(!run.tags.value(QStringLiteral("mlflow.user")).isEmpty());
        QCOMPARE(run.params.value(QStringLiteral("steps")), QStringLiteral("3"));
        QCOMPARE(run.params.value(QStringLiteral("exit_code")), QStringLiteral("0"));
        QCOMPARE(recorder.tags.size(), 1);
        QCOMPARE(recorder.tags.first().second, QStringLiteral("slurm_job_id=42"));

        // The task is remembered.
        TaskStore reread(store.filePath());
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.task(task->localId)->slurmJob.jobId, QStringLiteral("42"));
    }

    void refreshCancelAndLogs()
    {
        FakeRunRecorder recorder;
        TaskStore store(m_dir.filePath(QStringLiteral("tasks2.json")));
        SlurmSubmitter submitter({host()}, &recorder, &store);
        std::optional<Task> task = submitAndWait(submitter, request());
        QVERIFY(task);
        const QString id = task->slurmJob.jobId;
        QSignalSpy updated(&submitter, &Submitter::taskUpdated);
        QSignalSpy errors(&submitter, &Submitter::taskError);

        writeFile(m_fakeState + QStringLiteral("/state/") + id,
                  scontrolLine(id, QStringLiteral("PENDING"), QStringLiteral("Priority"), QStringLiteral("0:0"),
                               task->logPath));
        submitter.refresh(*task);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);
        Task t = updated.takeFirst().first().value<Task>();
        QCOMPARE(t.lastMessage, QStringLiteral("Pending (Priority)"));
        QCOMPARE(t.slurmJob.reason, QStringLiteral("Priority"));
        QCOMPARE(t.slurmJob.timeLimitSeconds, 600);

        writeFile(m_fakeState + QStringLiteral("/state/") + id,
                  scontrolLine(id, QStringLiteral("RUNNING"), QStringLiteral("None"), QStringLiteral("0:0"),
                               task->logPath));
        submitter.refresh(t);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);
        t = updated.takeFirst().first().value<Task>();
        QCOMPARE(t.runStatus(), RunStatus::Running);
        QCOMPARE(t.slurmJob.nodeList, QStringLiteral("vm"));
        QCOMPARE(t.history.size(), 3);
        QVERIFY(recorder.ended.isEmpty());

        // Logs by offset.
        writeFile(t.logPath, "line 1\nline 2\n");
        QSignalSpy logs(&submitter, &Submitter::logsReceived);
        submitter.fetchLogs(t, 0);
        QTRY_COMPARE_WITH_TIMEOUT(logs.count(), 1, 10000);
        QCOMPARE(logs.first().at(1).toByteArray(), QByteArray("line 1\nline 2\n"));
        QCOMPARE(logs.first().at(2).toLongLong(), 14);
        writeFile(t.logPath, "line 1\nline 2\nline 3\n");
        submitter.fetchLogs(t, 14);
        QTRY_COMPARE_WITH_TIMEOUT(logs.count(), 2, 10000);
        QCOMPARE(logs.at(1).at(1).toByteArray(), QByteArray("line 3\n"));
        QCOMPARE(logs.at(1).at(2).toLongLong(), 21);

        // Cancel: scancel, run KILLED, then the state SLURM reports.
        writeFile(m_fakeState + QStringLiteral("/state/") + id,
                  scontrolLine(id, QStringLiteral("CANCELLED"), QStringLiteral("None"), QStringLiteral("0:15"),
                               task->logPath));
        submitter.cancel(t);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);
        t = updated.takeFirst().first().value<Task>();
        QCOMPARE(readAll(m_fakeState + QStringLiteral("/cancelled")).trimmed(), id.toUtf8());
        QCOMPARE(recorder.ended.size(), 1);
        QCOMPARE(recorder.ended.first().second, RunStatus::Killed);
        QCOMPARE(t.state(), QStringLiteral("CANCELLED"));
        QCOMPARE(t.runStatus(), RunStatus::Killed);
        QVERIFY(t.runClosed);
        QVERIFY(errors.isEmpty());

        // A refresh of a finished task does not end the run twice.
        submitter.refresh(t);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);
        QCOMPARE(recorder.ended.size(), 1);
    }

    void failedJobEndsTheRun()
    {
        FakeRunRecorder recorder;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        std::optional<Task> task = submitAndWait(submitter, request());
        QVERIFY(task);
        writeFile(m_fakeState + QStringLiteral("/state/") + task->slurmJob.jobId,
                  scontrolLine(task->slurmJob.jobId, QStringLiteral("FAILED"), QStringLiteral("NonZeroExitCode"),
                               QStringLiteral("3:0"), task->logPath));
        QSignalSpy updated(&submitter, &Submitter::taskUpdated);
        submitter.refresh(*task);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);
        const Task t = updated.first().first().value<Task>();
        QCOMPARE(t.lastMessage, QStringLiteral("Failed with exit code 3"));
        QCOMPARE(t.slurmJob.exitCode, 3);
        QCOMPARE(recorder.ended.size(), 1);
        QCOMPARE(recorder.ended.first().second, RunStatus::Failed);
    }

    void forgottenJobIsLost()
    {
        FakeRunRecorder recorder;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        Task t;
        t.localId = QStringLiteral("x");
        t.slurmHost = QStringLiteral("login");
        t.slurmJob.jobId = QStringLiteral("9999");
        t.recordStatus(QStringLiteral("RUNNING"), RunStatus::Running, QStringLiteral("Running"));
        QSignalSpy updated(&submitter, &Submitter::taskUpdated);
        submitter.refresh(t);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);
        const Task lost = updated.first().first().value<Task>();
        QCOMPARE(lost.state(), QStringLiteral("UNKNOWN"));
        QVERIFY(lost.lastMessage.contains(QStringLiteral("no longer knows job 9999")));
    }

    void sbatchRejectionShowsSlurmsWords()
    {
        FakeRunRecorder recorder;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        SubmitRequest r = request();
        r.slurmResources.partition = QStringLiteral("nope");
        const int foldersBefore = QDir(m_remoteBase).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();
        Error error;
        QVERIFY(!submitAndWait(submitter, r, &error));
        QCOMPARE(error.kind, Error::Kind::InvalidInput);
        QVERIFY2(error.message.contains(QStringLiteral("sbatch: error: invalid partition specified: nope")),
                 qPrintable(error.message));
        QCOMPARE(recorder.ended.size(), 1); // the run does not stay RUNNING
        QCOMPARE(recorder.ended.first().second, RunStatus::Failed);
        QTRY_COMPARE_WITH_TIMEOUT(QDir(m_remoteBase).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(),
                                  foldersBefore, 10000); // the task folder is removed
    }

    void hostileValuesAreRefusedBeforeAnythingIsSent()
    {
        FakeRunRecorder recorder;
        SlurmHost h = host();
        h.remoteBaseDir = m_dir.filePath(QStringLiteral("never created"));
        SlurmSubmitter submitter({h}, &recorder, nullptr);
        const QStringList hostile = {QStringLiteral("1:00\n#SBATCH --uid=0"), QStringLiteral("$(touch /tmp/x)")};
        for (const QString &value : hostile) {
            SubmitRequest r = request();
            r.slurmResources.time = value;
            Error error;
            QVERIFY(!submitAndWait(submitter, r, &error));
            QCOMPARE(error.kind, Error::Kind::InvalidInput);
            QVERIFY2(error.message.contains(QStringLiteral("time:")), qPrintable(error.message));
        }
        SubmitRequest r = request();
        r.params.insert(QStringLiteral("steps"), QStringLiteral("3\nrm -rf ~"));
        Error error;
        QVERIFY(!submitAndWait(submitter, r, &error));
        QVERIFY(recorder.created.isEmpty());
        QVERIFY(!QFileInfo::exists(h.remoteBaseDir));
    }

    void badRequestsAreClear()
    {
        FakeRunRecorder recorder;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        Error error;
        SubmitRequest r = request();
        r.slurmHost = QStringLiteral("elsewhere");
        QVERIFY(!submitAndWait(submitter, r, &error));
        QVERIFY(error.message.contains(QStringLiteral("No SLURM host named 'elsewhere'")));
        r = request();
        r.entryPoint = QStringLiteral("missing");
        QVERIFY(!submitAndWait(submitter, r, &error));
        QVERIFY(error.message.contains(QStringLiteral("no entry point 'missing'")));
        r = request();
        r.params.insert(QStringLiteral("steps"), QStringLiteral("many"));
        QVERIFY(!submitAndWait(submitter, r, &error));
        QVERIFY(error.message.contains(QStringLiteral("must be an integer")));
        r = request();
        r.projectPath = m_dir.filePath(QStringLiteral("no such project"));
        QVERIFY(!submitAndWait(submitter, r, &error));
        QVERIFY(recorder.created.isEmpty());
    }

    void overTheSizeLimitIsRefused()
    {
        FakeRunRecorder recorder;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        mltf::project::Packer::Options options;
        options.sizeLimit = 100;
        submitter.setPackerOptions(options);
        Error error;
        QVERIFY(!submitAndWait(submitter, request(), &error));
        QVERIFY2(error.message.contains(QStringLiteral("over the limit")), qPrintable(error.message));
        QVERIFY(recorder.created.isEmpty());
    }

    void trackingServerRefusal()
    {
        FakeRunRecorder recorder;
        recorder.failCreate = true;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        Error error;
        QVERIFY(!submitAndWait(submitter, request(), &error));
        QCOMPARE(error.kind, Error::Kind::Unauthorized);
        QVERIFY(recorder.ended.isEmpty());
    }

    void oneSubmissionAtATime()
    {
        FakeRunRecorder recorder;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        QSignalSpy ok(&submitter, &Submitter::submitted);
        QSignalSpy failed(&submitter, &Submitter::submitFailed);
        submitter.submit(request());
        submitter.submit(request()); // a double click
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().value<Error>().message.contains(QStringLiteral("already under way")));
        QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 30000);
        QCOMPARE(recorder.created.size(), 1);
    }

    void cancelWhileSubmitting()
    {
        FakeRunRecorder recorder;
        SlurmSubmitter submitter({host()}, &recorder, nullptr);
        QSignalSpy ok(&submitter, &Submitter::submitted);
        QSignalSpy failed(&submitter, &Submitter::submitFailed);
        QSignalSpy progress(&submitter, &Submitter::submitProgress);
        const QByteArray nextBefore = readAll(m_fakeState + QStringLiteral("/next-id"));
        writeFile(m_fakeState + QStringLiteral("/sbatch-delay"), "20"); // sbatch hangs until killed
        submitter.submit(request());
        // Cancel while sbatch runs: the run ends KILLED, sbatch is stopped, no task comes out.
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(progress.cbegin(), progress.cend(), [](const QList<QVariant> &a) {
                                     return a.first().value<Submitter::Step>() == Submitter::Step::Submitting;
                                 }),
                                 30000);
        submitter.cancelSubmit();
        QFile::remove(m_fakeState + QStringLiteral("/sbatch-delay"));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Cancelled);
        QVERIFY(!submitter.isSubmitting());
        QTRY_COMPARE_WITH_TIMEOUT(recorder.ended.size(), 1, 10000);
        QCOMPARE(recorder.ended.first().second, RunStatus::Killed);
        QCOMPARE(ok.count(), 0);
        QCOMPARE(readAll(m_fakeState + QStringLiteral("/next-id")), nextBefore);
    }
};

QTEST_GUILESS_MAIN(TestSlurmSubmitter)
#include "TestSlurmSubmitter.moc"
