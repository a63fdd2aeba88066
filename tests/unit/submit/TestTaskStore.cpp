#include "submit/TaskStore.h"
#include "util/Settings.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using mltf::submit::RunStatus;
using mltf::submit::Task;
using mltf::submit::TaskStore;

namespace {

Task sampleTask(const QString &id, int minutesAgo)
{
    Task t;
    t.localId = id;
    t.backend = Task::Backend::Slurm;
    t.slurmHost = QStringLiteral("accre");
    t.remoteDir = QStringLiteral("/home/u/mltf-jobs/") + id;
    t.logPath = t.remoteDir + QStringLiteral("/.mltf/slurm-42.out");
    t.slurmJob.jobId = QStringLiteral("42");
    t.slurmJob.partition = QStringLiteral("batch");
    t.slurmJob.reason = QStringLiteral("Priority");
    t.slurmJob.timeLimitSeconds = 3600;
    t.runId = QStringLiteral("3a85f0a1b2c34d5e8f90a1b2c3d4e5f6");
    t.experimentId = QStringLiteral("7");
    t.trackingUri = QStringLiteral("https://mlflow.example.edu");
    t.projectPath = QStringLiteral("/home/u/projects/demo");
    t.entryPoint = QStringLiteral("main");
    t.params = {{QStringLiteral("alpha"), QStringLiteral("0.5")}};
    t.resources = QJsonObject{{QStringLiteral("partition"), QStringLiteral("batch")}};
    t.submitTime = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    t.recordStatus(QStringLiteral("PENDING"), RunStatus::Scheduled, QStringLiteral("Pending (Priority)"),
                   t.submitTime);
    return t;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestTaskStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { mltf::Settings::initialise(); }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/tasks.json"));
        QDateTime firstSeen;
        {
            TaskStore store(path);
            QVERIFY(store.load().ok()); // missing file: empty store
            QSignalSpy changed(&store, &TaskStore::taskChanged);
            Task t = sampleTask(QStringLiteral("a"), 5);
            firstSeen = t.history.first().time;
            QVERIFY(store.upsert(t).ok());
            t.recordStatus(QStringLiteral("RUNNING"), RunStatus::Running, QStringLiteral("Running on cn01"));
            t.slurmJob.nodeList = QStringLiteral("cn01");
            QVERIFY(store.upsert(t).ok());
            QVERIFY(store.upsert(sampleTask(QStringLiteral("b"), 1)).ok());
            QCOMPARE(changed.count(), 3);
        }
        TaskStore again(path);
        QVERIFY(again.load().ok());
        const auto tasks = again.tasks();
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks.at(0).localId, QStringLiteral("b")); // newest first
        const Task a = again.task(QStringLiteral("a")).value();
        QCOMPARE(a.history.size(), 2);
        QCOMPARE(a.state(), QStringLiteral("RUNNING"));
        QCOMPARE(a.runStatus(), RunStatus::Running);
        QCOMPARE(a.slurmJob.nodeList, QStringLiteral("cn01"));
        QCOMPARE(a.slurmJob.timeLimitSeconds, 3600);
        QCOMPARE(a.params.value(QStringLiteral("alpha")), QStringLiteral("0.5"));
        QCOMPARE(a.resources.value(QStringLiteral("partition")).toString(), QStringLiteral("batch"));
        QCOMPARE(a.history.first().time, firstSeen);
        QVERIFY(!readAll(path).contains("token")); // nothing secret is kept

        QVERIFY(again.remove(QStringLiteral("a")).ok());
        TaskStore third(path);
        QVERIFY(third.load().ok());
        QCOMPARE(third.tasks().size(), 1);
    }

    void corruptFileIsKeptAsBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tasks.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"tasks\": [ {\"local_id\": \"x\", ");
        f.close();
        TaskStore store(path);
        const auto status = store.load();
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(QStringLiteral("damaged")), qPrintable(status.error().message));
        QVERIFY(!store.backupPath().isEmpty());
        QVERIFY(status.error().message.contains(store.backupPath()));
        QCOMPARE(readAll(store.backupPath()), QByteArray("{\"version\": 1, \"tasks\": [ {\"local_id\": \"x\", "));
        QVERIFY(store.tasks().isEmpty());
        QVERIFY(store.upsert(sampleTask(QStringLiteral("n"), 0)).ok()); // a new list is started
        TaskStore again(path);
        QVERIFY(again.load().ok());
        QCOMPARE(again.tasks().size(), 1);
    }

    void newerVersionIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tasks.json"));
        const QByteArray future = "{\"version\": 99, \"tasks\": []}";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(future);
        f.close();
        TaskStore store(path);
        QVERIFY(!store.load().ok());
        QVERIFY(store.isReadOnly());
        QVERIFY(!store.upsert(sampleTask(QStringLiteral("n"), 0)).ok());
        QCOMPARE(readAll(path), future);
    }

    void badEntriesAreSkippedNotFatal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tasks.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"tasks\": [{\"local_id\": \"ok\", \"backend\": \"slurm\"}, {\"nothing\": 1}]}");
        f.close();
        TaskStore store(path);
        const auto status = store.load();
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(QStringLiteral("could not be read")));
        QCOMPARE(store.tasks().size(), 1);
    }

    void recordStatusOnlyOnChange()
    {
        Task t = sampleTask(QStringLiteral("a"), 0);
        QVERIFY(!t.recordStatus(QStringLiteral("PENDING"), RunStatus::Scheduled, QStringLiteral("Pending (Priority)")));
        QVERIFY(t.recordStatus(QStringLiteral("PENDING"), RunStatus::Scheduled, QStringLiteral("Pending (Resources)")));
        QCOMPARE(t.history.size(), 2);
        QVERIFY(!t.isFinished());
        QVERIFY(t.recordStatus(QStringLiteral("TIMEOUT"), RunStatus::Failed, QStringLiteral("Timed out")));
        QVERIFY(t.isFinished());
        QCOMPARE(Task::fromJson(t.toJson()).value().toJson(), t.toJson());
    }

    void newIdsAreUnique()
    {
        QSet<QString> ids;
        for (int i = 0; i < 100; ++i)
            ids.insert(Task::newLocalId());
        QCOMPARE(ids.size(), 100);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d{8}-\\d{6}-[0-9a-f]{8}$")).match(*ids.begin()).hasMatch());
    }

    void defaultLocation()
    {
        QVERIFY(TaskStore::defaultFilePath().endsWith(QStringLiteral("/tasks.json")));
    }
};

QTEST_GUILESS_MAIN(TestTaskStore)
#include "TestTaskStore.moc"
