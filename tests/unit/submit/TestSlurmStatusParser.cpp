#include "submit/SlurmStatusParser.h"
#include "submit/SlurmVersion.h"

#include <QFile>
#include <QtTest>

using mltf::submit::RunStatus;
using mltf::submit::SlurmJobInfo;
using mltf::submit::SlurmStatusParser;
using mltf::submit::SlurmVersion;

namespace {

QByteArray readData(const QString &name)
{
    QFile f(QStringLiteral(MLTF_TEST_DATA_DIR "/submit/slurm/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return f.readAll();
}

} // namespace

class TestSlurmStatusParser : public QObject
{
    Q_OBJECT

private slots:
    // Recorded on the test cluster (22.05): every state it can produce.
    void scontrolRecorded_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("runStatus");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("described");
        QTest::newRow("failed exit 3")
            << "1"
            << "FAILED" << int(RunStatus::Failed) << 3 << 0 << "Failed with exit code 3";
        QTest::newRow("completed") << "2"
                                   << "COMPLETED" << int(RunStatus::Finished) << 0 << 0 << "Completed";
        QTest::newRow("cancelled") << "3"
                                   << "CANCELLED" << int(RunStatus::Killed) << 0 << 15 << "Cancelled";
        QTest::newRow("timeout") << "4"
                                 << "TIMEOUT" << int(RunStatus::Failed) << 0 << 15
                                 << "Timed out: over its time limit of 00:01:00";
        QTest::newRow("running") << "5"
                                 << "RUNNING" << int(RunStatus::Running) << 0 << 0 << "Running on vm";
        QTest::newRow("pending") << "6"
                                 << "PENDING" << int(RunStatus::Scheduled) << 0 << 0 << "Pending (Resources)";
    }
    void scontrolRecorded()
    {
        QFETCH(QString, jobId);
        QFETCH(QString, state);
        QFETCH(int, runStatus);
        QFETCH(int, exitCode);
        QFETCH(int, signal);
        QFETCH(QString, described);
        const auto info = SlurmStatusParser::parseScontrol(
            QString::fromUtf8(readData("scontrol-show-job-22.05.txt")), jobId);
        QVERIFY(info.ok());
        QCOMPARE(info.value().state, state);
        QCOMPARE(int(info.value().runStatus()), runStatus);
        QCOMPARE(info.value().exitCode, exitCode);
        QCOMPARE(info.value().signal, signal);
        QCOMPARE(info.value().describe(), described);
        QCOMPARE(info.value().partition, QStringLiteral("debug"));
        QCOMPARE(info.value().standardOutput, QStringLiteral("/tmp/jt-%1.out").arg(jobId));
    }

    void scontrolDetails()
    {
        const QString text = QString::fromUtf8(readData("scontrol-show-job-22.05.txt"));
        const auto timeout = SlurmStatusParser::parseScontrol(text, QStringLiteral("4"));
        QVERIFY(timeout.ok());
        QCOMPARE(timeout.value().elapsedSeconds, 72);
        QCOMPARE(timeout.value().timeLimitSeconds, 60);
        QCOMPARE(timeout.value().reason, QStringLiteral("TimeLimit"));
        QCOMPARE(timeout.value().nodeList, QStringLiteral("vm"));
        QVERIFY(timeout.value().startTime.isValid());
        QVERIFY(timeout.value().isTerminal());

        const auto pending = SlurmStatusParser::parseScontrol(text, QStringLiteral("6"));
        QVERIFY(pending.ok());
        QCOMPARE(pending.value().nodeList, QString());
        QCOMPARE(pending.value().timeLimitSeconds, 0); // UNLIMITED
        QVERIFY(!pending.value().startTime.isValid());
        QVERIFY(!pending.value().isTerminal());
    }

    void scontrolUnknownJob()
    {
        const auto info = SlurmStatusParser::parseScontrol(
            QString::fromUtf8(readData("scontrol-unknown-job.txt")), QStringLiteral("999"));
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind, mltf::Error::Kind::NotFound);
        const auto other = SlurmStatusParser::parseScontrol(
            QString::fromUtf8(readData("scontrol-show-job-22.05.txt")), QStringLiteral("77"));
        QCOMPARE(other.error().kind, mltf::Error::Kind::NotFound);
        const auto garbage =
            SlurmStatusParser::parseScontrol(QStringLiteral("<html>oops</html>"), QStringLiteral("1"));
        QCOMPARE(garbage.error().kind, mltf::Error::Kind::Parse);
    }

    void scontrolSynthetic_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<int>("runStatus");
        QTest::addColumn<QString>("described");
        QTest::newRow("oom") << "101" << int(RunStatus::Failed)
                             << "Out of memory: the job used more memory than it asked for";
        QTest::newRow("node fail") << "102" << int(RunStatus::Failed) << "A node of the job failed";
        QTest::newRow("preempted") << "103" << int(RunStatus::Failed)
                                   << "Preempted by a job with a higher priority";
        QTest::newRow("completing") << "104" << int(RunStatus::Running) << "Completing";
        QTest::newRow("boot fail") << "105" << int(RunStatus::Failed) << "A node failed to boot";
        QTest::newRow("deadline") << "106" << int(RunStatus::Failed) << "Missed its deadline";
    }
    void scontrolSynthetic()
    {
        QFETCH(QString, jobId);
        QFETCH(int, runStatus);
        QFETCH(QString, described);
        const auto info = SlurmStatusParser::parseScontrol(
            QString::fromUtf8(readData("scontrol-show-job-synthetic.txt")), jobId);
        QVERIFY(info.ok());
        QCOMPARE(int(info.value().runStatus()), runStatus);
        QCOMPARE(info.value().describe(), described);
    }

    void scontrolPathsWithSpaces()
    {
        const auto info = SlurmStatusParser::parseScontrol(
            QString::fromUtf8(readData("scontrol-show-job-synthetic.txt")), QStringLiteral("107"));
        QVERIFY(info.ok());
        QCOMPARE(info.value().standardOutput,
                 QStringLiteral("/home/a user/mltf jobs/t1/.mltf/slurm-107.out"));
    }

    void squeueJson2205()
    {
        const QByteArray json = readData("squeue-all-states-22.05.json");
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1795420100, Qt::UTC);
        struct Expect
        {
            const char *id;
            const char *state;
            RunStatus status;
            int exitCode;
            int signal;
        };
        const Expect expected[] = {
            {"1", "FAILED", RunStatus::Failed, 3, 0},     {"2", "COMPLETED", RunStatus::Finished, 0, 0},
            {"3", "CANCELLED", RunStatus::Killed, 0, 15}, {"4", "TIMEOUT", RunStatus::Failed, 0, 15},
            {"5", "RUNNING", RunStatus::Running, 0, 0},   {"6", "PENDING", RunStatus::Scheduled, 0, 0},
        };
        for (const Expect &e : expected) {
            const auto info = SlurmStatusParser::parseSqueueJson(json, QString::fromLatin1(e.id), now);
            QVERIFY2(info.ok(), e.id);
            QCOMPARE(info.value().state, QString::fromLatin1(e.state));
            QCOMPARE(info.value().runStatus(), e.status);
            QCOMPARE(info.value().exitCode, e.exitCode);
            QCOMPARE(info.value().signal, e.signal);
        }
        const auto timeout = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("4"), now);
        QCOMPARE(timeout.value().timeLimitSeconds, 60);
        QCOMPARE(timeout.value().elapsedSeconds, 72);
        QCOMPARE(timeout.value().standardOutput, QStringLiteral("/tmp/jt-4.out"));
        const auto pending = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("6"), now);
        QCOMPARE(pending.value().reason, QStringLiteral("Resources"));
        QCOMPARE(pending.value().timeLimitSeconds, 0);
        QCOMPARE(pending.value().elapsedSeconds, 0);
        // 22.05 lists every job whatever -j says: a job not in the list is not found.
        QCOMPARE(SlurmStatusParser::parseSqueueJson(json, QStringLiteral("999")).error().kind,
                 mltf::Error::Kind::NotFound);
        QCOMPARE(SlurmStatusParser::parseSqueueJson("not json", QStringLiteral("1")).error().kind,
                 mltf::Error::Kind::Parse);
    }

    void squeueJson2302()
    {
        const QByteArray json = readData("squeue-23.02-synthetic.json");
        const auto failed = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("301"));
        QVERIFY(failed.ok());
        QCOMPARE(failed.value().state, QStringLiteral("FAILED"));
        QCOMPARE(failed.value().exitCode, 3);
        QCOMPARE(failed.value().timeLimitSeconds, 30 * 60);
        QCOMPARE(failed.value().elapsedSeconds, 60);
        QCOMPARE(failed.value().standardOutput, QStringLiteral("/home/u/mltf-jobs/t/.mltf/slurm-301.out"));
        const auto pending = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("302"));
        QCOMPARE(pending.value().runStatus(), RunStatus::Scheduled);
        QCOMPARE(pending.value().timeLimitSeconds, 0);
        QVERIFY(!pending.value().startTime.isValid()); // an expected start is not a start
        const auto cancelled = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("303"));
        QCOMPARE(cancelled.value().runStatus(), RunStatus::Killed);
        QCOMPARE(cancelled.value().signal, 15);
    }

    void squeueJson2411()
    {
        // Recorded on SLURM 24.11 (Debian 13): the same six jobs as the 22.05 recording.
        const QByteArray json = readData("squeue-all-states-24.11.json");
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1795450900, Qt::UTC);
        struct Expect
        {
            const char *id;
            const char *state;
            RunStatus status;
            int exitCode;
            int signal;
        };
        const Expect expected[] = {
            {"1", "FAILED", RunStatus::Failed, 3, 0},     {"2", "COMPLETED", RunStatus::Finished, 0, 0},
            {"3", "CANCELLED", RunStatus::Killed, 0, 15}, {"4", "TIMEOUT", RunStatus::Failed, 0, 15},
            {"5", "RUNNING", RunStatus::Running, 0, 0},   {"6", "PENDING", RunStatus::Scheduled, 0, 0},
        };
        for (const Expect &e : expected) {
            const auto info = SlurmStatusParser::parseSqueueJson(json, QString::fromLatin1(e.id), now);
            QVERIFY2(info.ok(), e.id);
            QCOMPARE(info.value().state, QString::fromLatin1(e.state));
            QCOMPARE(info.value().runStatus(), e.status);
            QCOMPARE(info.value().exitCode, e.exitCode);
            QCOMPARE(info.value().signal, e.signal);
            QCOMPARE(info.value().partition, QStringLiteral("debug"));
        }
        const auto failed = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("1"), now);
        QCOMPARE(failed.value().reason, QStringLiteral("NonZeroExitCode"));
        QCOMPARE(failed.value().describe(), QStringLiteral("Failed with exit code 3"));
        QCOMPARE(failed.value().timeLimitSeconds, 0); // no --time: unlimited
        const auto timeout = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("4"), now);
        QCOMPARE(timeout.value().timeLimitSeconds, 60);
        QCOMPARE(timeout.value().elapsedSeconds, 87);
        QCOMPARE(timeout.value().standardOutput, QStringLiteral("/tmp/jt-4.out"));
        const auto running = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("5"), now);
        QCOMPARE(running.value().nodeList, QStringLiteral("vm"));
        QCOMPARE(running.value().elapsedSeconds, 13);
        const auto pending = SlurmStatusParser::parseSqueueJson(json, QStringLiteral("6"), now);
        QCOMPARE(pending.value().reason, QStringLiteral("Resources"));
        QCOMPARE(pending.value().elapsedSeconds, 0);
        QVERIFY(!pending.value().startTime.isValid()); // 24.11 gives the expected start
        QVERIFY(pending.value().nodeList.isEmpty());
        // A job SLURM no longer knows: exit 1, nothing on stdout, this on stderr.
        QVERIFY(
            SlurmStatusParser::saysUnknownJob(QString::fromUtf8(readData("squeue-unknown-job-24.11.txt"))));
        QCOMPARE(SlurmStatusParser::parseSqueueJson(QByteArray(), QStringLiteral("1")).error().kind,
                 mltf::Error::Kind::Parse);
    }

    void slurmVersion_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("json");
        QTest::newRow("Debian 12") << "slurm-wlm 22.05.8\n"
                                   << "22.05" << false;
        QTest::newRow("Debian 13") << "slurm-wlm 24.11.5\n"
                                   << "24.11" << true;
        QTest::newRow("upstream 23.02") << "slurm 23.02.0"
                                        << "23.02" << true;
        QTest::newRow("no configuration")
            << "squeue: error: resolve_ctls_from_dns_srv: res_nsearch error: Unknown host"
            << "unknown" << false;
        QTest::newRow("no squeue") << "sh: 1: squeue: not found"
                                   << "unknown" << false;
        QTest::newRow("empty") << ""
                               << "unknown" << false;
    }

    void slurmVersion()
    {
        QFETCH(QString, output);
        const SlurmVersion v = SlurmVersion::parse(output);
        QTEST(v.toString(), "version");
        QTEST(v.listsOneJobAsJson(), "json");
    }

    void sacct_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("runStatus");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("completed") << "201"
                                   << "COMPLETED" << int(RunStatus::Finished) << 0;
        QTest::newRow("failed") << "202"
                                << "FAILED" << int(RunStatus::Failed) << 3;
        QTest::newRow("cancelled by uid") << "203"
                                          << "CANCELLED" << int(RunStatus::Killed) << 0;
        QTest::newRow("timeout") << "204"
                                 << "TIMEOUT" << int(RunStatus::Failed) << 0;
        QTest::newRow("oom") << "205"
                             << "OUT_OF_MEMORY" << int(RunStatus::Failed) << 0;
        QTest::newRow("node fail") << "206"
                                   << "NODE_FAIL" << int(RunStatus::Failed) << 0;
        QTest::newRow("preempted") << "207"
                                   << "PREEMPTED" << int(RunStatus::Failed) << 0;
        QTest::newRow("pending") << "208"
                                 << "PENDING" << int(RunStatus::Scheduled) << 0;
    }
    void sacct()
    {
        QFETCH(QString, jobId);
        QFETCH(QString, state);
        QFETCH(int, runStatus);
        QFETCH(int, exitCode);
        const auto info =
            SlurmStatusParser::parseSacct(QString::fromUtf8(readData("sacct-synthetic.txt")), jobId);
        QVERIFY(info.ok());
        QCOMPARE(info.value().state, state);
        QCOMPARE(int(info.value().runStatus()), runStatus);
        QCOMPARE(info.value().exitCode, exitCode);
    }

    void sacctDetails()
    {
        const QString text = QString::fromUtf8(readData("sacct-synthetic.txt"));
        const auto nodeFail = SlurmStatusParser::parseSacct(text, QStringLiteral("206"));
        QCOMPARE(nodeFail.value().timeLimitSeconds, 86400);
        QCOMPARE(nodeFail.value().nodeList, QStringLiteral("gpu[01-02]"));
        const auto pending = SlurmStatusParser::parseSacct(text, QStringLiteral("208"));
        QCOMPARE(pending.value().nodeList, QString());
        QCOMPARE(pending.value().reason, QStringLiteral("Priority"));
        QCOMPARE(pending.value().describe(), QStringLiteral("Pending (Priority)"));
        const auto disabled = SlurmStatusParser::parseSacct(
            QStringLiteral("Slurm accounting storage is disabled\n"), QStringLiteral("1"));
        QCOMPARE(disabled.error().kind, mltf::Error::Kind::Unsupported);
    }

    void durations()
    {
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("00:01:00")), 60);
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("1-00:00:00")), 86400);
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("2-03")), 2 * 86400 + 3 * 3600);
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("2-03:04")), 2 * 86400 + 3 * 3600 + 4 * 60);
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("05:06")), 5 * 60 + 6);
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("30")), 30 * 60);
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("UNLIMITED")), 0);
        QCOMPARE(SlurmStatusParser::parseDuration(QStringLiteral("Partition_Limit")), -1);
        QCOMPARE(SlurmJobInfo::formatDuration(3723), QStringLiteral("01:02:03"));
        QCOMPARE(SlurmJobInfo::formatDuration(90061), QStringLiteral("1-01:01:01"));
    }

    void stateNamesWithFlags()
    {
        QCOMPARE(SlurmJobInfo::runStatusForState(QStringLiteral("CANCELLED by 1000")), RunStatus::Killed);
        QCOMPARE(SlurmJobInfo::runStatusForState(QStringLiteral("RUNNING,COMPLETING")), RunStatus::Running);
        QCOMPARE(SlurmJobInfo::runStatusForState(QStringLiteral("REQUEUED")), RunStatus::Scheduled);
        QCOMPARE(SlurmJobInfo::runStatusForState(QStringLiteral("SOMETHING_NEW")), RunStatus::Unknown);
    }

    void jsonRoundTrip()
    {
        const auto info = SlurmStatusParser::parseScontrol(
            QString::fromUtf8(readData("scontrol-show-job-22.05.txt")), QStringLiteral("4"));
        QVERIFY(info.ok());
        QCOMPARE(SlurmJobInfo::fromJson(info.value().toJson()), info.value());
    }
};

QTEST_GUILESS_MAIN(TestSlurmStatusParser)
#include "TestSlurmStatusParser.moc"
