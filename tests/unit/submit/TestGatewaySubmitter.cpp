// GatewaySubmitter's rules that need no server: the merged task status, the warnings before a submit, the
// CLI's default experiment name. The whole flow runs against real peers in tests/integration/gateway.

#include "project/MLProject.h"
#include "submit/GatewaySubmitter.h"

#include <QTest>

using namespace mltf;
using namespace mltf::submit;

class TestGatewaySubmitter : public QObject
{
    Q_OBJECT

private:
    static project::MLProject projectWithMain(bool stepsHasDefault = true)
    {
        project::Parameter steps;
        steps.name = QStringLiteral("steps");
        steps.type = QStringLiteral("int");
        steps.hasDefault = stepsHasDefault;
        steps.defaultValue = QStringLiteral("5");
        project::EntryPoint main;
        main.name = QStringLiteral("main");
        main.parameters = {steps};
        main.command = QStringLiteral("python train.py --steps {steps}");
        project::EntryPoint other = main;
        other.name = QStringLiteral("eval");
        project::MLProject p;
        p.entryPoints = {main, other};
        return p;
    }

private slots:
    void mergesStatuses_data()
    {
        QTest::addColumn<QString>("gateway");
        QTest::addColumn<RunStatus>("run");
        QTest::addColumn<QString>("state");
        QTest::addColumn<RunStatus>("merged");
        QTest::newRow("queued") << "SCHEDULED" << RunStatus::Running << "SCHEDULED" << RunStatus::Scheduled;
        QTest::newRow("running") << "RUNNING" << RunStatus::Running << "RUNNING" << RunStatus::Running;
        QTest::newRow("finished") << "FINISHED" << RunStatus::Running << "FINISHED" << RunStatus::Finished;
        QTest::newRow("failed") << "FAILED" << RunStatus::Unknown << "FAILED" << RunStatus::Failed;
        QTest::newRow("unknown is lost") << "UNKNOWN" << RunStatus::Running << "LOST" << RunStatus::Unknown;
        QTest::newRow("unmapped is lost")
            << "CANCELLED" << RunStatus::Running << "LOST" << RunStatus::Unknown;
        // A terminal run status wins over whatever the gateway says.
        QTest::newRow("run killed") << "RUNNING" << RunStatus::Killed << "KILLED" << RunStatus::Killed;
        QTest::newRow("run failed, gateway lost")
            << "UNKNOWN" << RunStatus::Failed << "FAILED" << RunStatus::Failed;
        QTest::newRow("run finished") << "FAILED" << RunStatus::Finished << "FINISHED" << RunStatus::Finished;
    }

    void mergesStatuses()
    {
        QFETCH(QString, gateway);
        QFETCH(RunStatus, run);
        QFETCH(QString, state);
        QFETCH(RunStatus, merged);
        const StatusChange c = GatewaySubmitter::mergeStatus(gateway, QString(), run);
        QCOMPARE(c.state, state);
        QCOMPARE(c.runStatus, merged);
        QVERIFY(!c.message.isEmpty());
        if (state == QLatin1String("LOST"))
            QVERIFY(c.message.startsWith(QLatin1String("Lost")));
    }

    void failureReasonIsShown()
    {
        const StatusChange c = GatewaySubmitter::mergeStatus(
            QStringLiteral("UNKNOWN"), QStringLiteral("Could not retrieve status from SSAM."),
            RunStatus::Running);
        QVERIFY2(c.message.contains(QLatin1String("Could not retrieve status from SSAM.")),
                 qPrintable(c.message));
    }

    void defaultExperimentIsNamedLikeTheCli()
    {
        QCOMPARE(GatewaySubmitter::defaultExperimentName(QStringLiteral("alice")),
                 QStringLiteral("default_alice"));
        QCOMPARE(GatewaySubmitter::defaultExperimentName(QStringLiteral("bob@cern.ch")),
                 QStringLiteral("default_bob"));
        QCOMPARE(GatewaySubmitter::defaultExperimentName(QString()), QStringLiteral("default_unknown_user"));
    }

    void noWarningsForMainWithDefaultsWithinTheTokenLifetime()
    {
        SubmitRequest r;
        r.gatewayConfig.insert(QStringLiteral("time"), QStringLiteral("01:00:00"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(GatewaySubmitter::warningsFor(projectWithMain(), r, now.addSecs(7200), now).isEmpty());
        r.params.insert(QStringLiteral("steps"), QStringLiteral("5")); // same as the default
        QVERIFY(GatewaySubmitter::warningsFor(projectWithMain(), r, now.addSecs(7200), now).isEmpty());
    }

    void warnsAboutEntryPointParamsAndWallTime()
    {
        SubmitRequest r;
        r.entryPoint = QStringLiteral("eval");
        r.params.insert(QStringLiteral("steps"), QStringLiteral("50"));
        r.gatewayConfig.insert(QStringLiteral("time"), 600); // a number: minutes, as sbatch reads it
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QStringList w = GatewaySubmitter::warningsFor(projectWithMain(), r, now.addSecs(3600), now);
        QCOMPARE(w.size(), 3);
        QVERIFY2(w.at(0).contains(QLatin1String("'eval'")), qPrintable(w.at(0)));
        QVERIFY2(w.at(1).contains(QLatin1String("steps")), qPrintable(w.at(1)));
        QVERIFY2(w.at(2).contains(QLatin1String("10.0 hours")), qPrintable(w.at(2)));
    }

    void warnsWhenMainCannotRunWithDefaults()
    {
        SubmitRequest r;
        r.params.insert(QStringLiteral("steps"), QStringLiteral("3"));
        const QStringList w = GatewaySubmitter::warningsFor(projectWithMain(false), r, QDateTime());
        QCOMPARE(w.size(), 1);
        QVERIFY2(w.first().contains(QLatin1String("cannot run that way")), qPrintable(w.first()));
    }

    void unlimitedWallTimeOutlastsAnyToken()
    {
        SubmitRequest r;
        r.gatewayConfig.insert(QStringLiteral("time"), QStringLiteral("UNLIMITED"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QStringList w = GatewaySubmitter::warningsFor(projectWithMain(), r, now.addDays(5), now);
        QCOMPARE(w.size(), 1);
        QVERIFY2(w.first().contains(QLatin1String("unlimited")), qPrintable(w.first()));
    }
};

QTEST_GUILESS_MAIN(TestGatewaySubmitter)
#include "TestGatewaySubmitter.moc"
