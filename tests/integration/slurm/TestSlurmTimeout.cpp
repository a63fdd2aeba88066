// A job over its time limit ends TIMEOUT and its run FAILED. SLURM checks limits about every 30 s and the
// smallest limit is a minute, so this test takes one to two minutes; it runs beside the other SLURM tests.
#include "SlurmTestBed.h"

#include "submit/SlurmSubmitter.h"

#include <QtTest>

using namespace mltf::submit;
using mltf::tracking::RunStatus;

class TestSlurmTimeout : public QObject
{
    Q_OBJECT

    SlurmTestBed m_bed;

private slots:
    void initTestCase()
    {
        const QString problem = m_bed.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void overTheTimeLimitEndsTimeout()
    {
        SlurmSubmitter submitter({m_bed.localHost()}, m_bed.recorder(), nullptr);
        m_bed.copyProject();
        SubmitRequest r = m_bed.request(QStringLiteral("local"), {{QStringLiteral("steps"), QStringLiteral("600")},
                                                                 {QStringLiteral("sleep"), QStringLiteral("1")}});
        r.slurmResources.time = QStringLiteral("1"); // one minute
        const auto submitted = m_bed.submit(submitter, r);
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        QStringList seen;
        const Task task = m_bed.follow(submitter, submitted.value(), [](const Task &t) { return t.isFinished(); },
                                       200000, &seen, 2000);
        QVERIFY2(task.state() == QLatin1String("TIMEOUT"), qPrintable(seen.join(',')));
        QCOMPARE(task.runStatus(), RunStatus::Failed);
        QCOMPARE(task.slurmJob.timeLimitSeconds, 60);
        QCOMPARE(task.lastMessage, QStringLiteral("Timed out: over its time limit of 00:01:00"));
        const auto run = SlurmTestBed::await(m_bed.store()->getRun(task.runId));
        QVERIFY(run.ok());
        QCOMPARE(run.value().info.status, RunStatus::Failed);
        const auto history = SlurmTestBed::await(m_bed.store()->getMetricHistory(task.runId, QStringLiteral("loss")));
        QVERIFY(history.ok());
        QVERIFY(history.value().points.size() > 10); // it ran until SLURM stopped it
    }
};

QTEST_GUILESS_MAIN(TestSlurmTimeout)
#include "TestSlurmTimeout.moc"
