// Submitting to the MLTF gateway end to end: sign-in at the test identity provider, the gateway test server
// running the tasks here, the MLflow test server receiving the metrics. Follows a task to FINISHED with
// points arriving while it runs, cancels one (run KILLED), sees one fail with its logs, and refuses bad
// input.

#include "GatewayTestBed.h"

#include "auth/JwtClaims.h"
#include "tracking/RestStore.h"
#include "tracking/RunMonitor.h"
#include "tracking/Store.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>

#include <unistd.h>

using namespace mltf;
using namespace mltf::submit;

class TestGatewayEndToEnd : public QObject
{
    Q_OBJECT

private:
    GatewayTestBed m_bed;

    tracking::RunStatus runStatus(const QString &runId)
    {
        const auto run = GatewayTestBed::await(m_bed.store->getRun(runId));
        return run.ok() ? run.value().info.status : tracking::RunStatus::Unknown;
    }

    int points(const QString &runId)
    {
        const auto history =
            GatewayTestBed::await(m_bed.store->getMetricHistory(runId, QStringLiteral("loss")));
        return history.ok() ? int(history.value().points.size()) : -1;
    }

    // Arms a fault of the gateway test server (see GatewayServer.h).
    void arm(const char *fault, int count = 1)
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(m_bed.gatewayUri + QStringLiteral("/_test/faults")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply =
            nam.post(request, QByteArray("{\"") + fault + "\": " + QByteArray::number(count) + '}');
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete reply;
    }

    QByteArray logsOf(const Task &task)
    {
        QSignalSpy logs(m_bed.submitter.get(), &Submitter::logsReceived);
        QSignalSpy error(m_bed.submitter.get(), &Submitter::taskError);
        m_bed.submitter->fetchLogs(task, 0);
        if (!QTest::qWaitFor([&] { return !logs.isEmpty() || !error.isEmpty(); }, 70000) || logs.isEmpty())
            return QByteArray("<no logs>");
        return logs.first().at(1).toByteArray();
    }

    Error expectFailure(const SubmitRequest &request)
    {
        const int before = int(m_bed.tasks->tasks().size());
        const Result<Task> r = m_bed.submit(request);
        [&] {
            QVERIFY2(!r.ok(), "the submission should have failed");
            QCOMPARE(int(m_bed.tasks->tasks().size()), before); // nothing remembered
            QVERIFY(!m_bed.submitter->isSubmitting());
        }();
        return r.ok() ? Error() : r.error();
    }

private slots:
    void initTestCase()
    {
        const QString problem = m_bed.start();
        if (problem.startsWith(QLatin1String("SKIP ")))
            QSKIP(qPrintable(problem.mid(5)));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void submitsAndFollowsToFinished()
    {
        SubmitRequest request = m_bed.request(m_bed.project(12, 0.5, 0));
        request.params.insert(QStringLiteral("steps"), QStringLiteral("3")); // the gateway ignores it
        request.gatewayConfig.insert(QStringLiteral("time"), QStringLiteral("1-00:00:00"));
        QSignalSpy warnings(m_bed.submitter.get(), &GatewaySubmitter::warnings);
        QSignalSpy progress(m_bed.submitter.get(), &Submitter::submitProgress);
        const QString tokenBefore = m_bed.token();
        const Result<Task> submitted = m_bed.submit(request);
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        Task task = submitted.value();

        // The token was refreshed right before submitting; the warnings name both gateway limits.
        QVERIFY(m_bed.token() != tokenBefore);
        QCOMPARE(warnings.size(), 1);
        const QString said = warnings.first().first().toStringList().join(QLatin1Char('\n'));
        QVERIFY2(said.contains(QLatin1String("default parameters only")) &&
                     said.contains(QLatin1String("steps")),
                 qPrintable(said));
        QVERIFY2(said.contains(QLatin1String("access token")), qPrintable(said));
        bool uploadProgress = false;
        for (const auto &p : progress)
            uploadProgress |=
                p.at(0).value<Submitter::Step>() == Submitter::Step::Uploading && p.at(1).toLongLong() > 0;
        QVERIFY(uploadProgress);

        // What the CLI does: experiment default_<user>, run with its tags and the resolved params.
        QVERIFY(!task.gatewayId.isEmpty());
        QVERIFY(!task.runId.isEmpty());
        const auto experiment = GatewayTestBed::await(m_bed.store->getExperiment(task.experimentId));
        QVERIFY(experiment.ok());
        QCOMPARE(experiment.value().name, QStringLiteral("default_alice"));
        const auto run = GatewayTestBed::await(m_bed.store->getRun(task.runId));
        QVERIFY(run.ok());
        QCOMPARE(tracking::tagValue(run.value().tags, QStringLiteral("mlflow.user")),
                 QStringLiteral("alice"));
        QCOMPARE(tracking::tagValue(run.value().tags, QStringLiteral("mlflow.source.type")),
                 QStringLiteral("PROJECT"));
        QCOMPARE(tracking::tagValue(run.value().tags, QStringLiteral("mlflow.project.entryPoint")),
                 QStringLiteral("main"));
        QCOMPARE(task.params.value(QStringLiteral("steps")), QStringLiteral("3"));
        QCOMPARE(task.params.value(QStringLiteral("sleep")), QStringLiteral("0.5"));
        QVERIFY(m_bed.tasks->task(task.localId).has_value());

        // RUNNING with points arriving, then FINISHED (the gateway ran main's defaults: 12 steps).
        QStringList seen;
        task = m_bed.follow(
            task, [](const Task &t) { return t.state() == QLatin1String("RUNNING"); }, 30000, &seen);
        QCOMPARE(task.state(), QStringLiteral("RUNNING"));
        // Points arrive in the run's chart model: the RunMonitor that feeds the Charts tab.
        tracking::RunMonitor monitor(std::make_shared<tracking::RestStore>(QUrl(m_bed.trackingUri)));
        monitor.setIntervalSeconds(1);
        monitor.watch(task.runId, {QStringLiteral("loss")});
        const auto charted = [&] {
            const series::MetricSeries *loss = monitor.series(task.runId, QStringLiteral("loss"));
            return loss ? int(loss->size()) : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(charted() >= 1, 15000);
        const int early = charted();
        QTRY_VERIFY_WITH_TIMEOUT(charted() > early, 15000);
        task = m_bed.follow(
            task, [](const Task &t) { return t.isFinished(); }, 60000, &seen);
        QCOMPARE(task.runStatus(), RunStatus::Finished);
        QCOMPARE(task.state(), QStringLiteral("FINISHED"));
        QCOMPARE(points(task.runId), 12);
        QCOMPARE(runStatus(task.runId), tracking::RunStatus::Finished);
        QVERIFY2(seen.contains(QStringLiteral("RUNNING")), qPrintable(seen.join(QLatin1Char(' '))));
        const auto stored = m_bed.tasks->task(task.localId);
        QVERIFY(stored.has_value());
        QVERIFY(stored->history.size() >= 3); // SCHEDULED, RUNNING, FINISHED
        QCOMPARE(stored->history.first().state, QStringLiteral("SCHEDULED"));

        const QByteArray logs = logsOf(task);
        QVERIFY2(logs.contains("step 11 loss"), logs.constData());
        // The gateway gives logs once: the second read comes from the kept file, also after a restart.
        QVERIFY2(logsOf(task) == logs, "the logs were not kept");
        GatewaySubmitter restarted(m_bed.client.get(), m_bed.store.get(), m_bed.recorder.get(),
                                   m_bed.tasks.get());
        restarted.setLogFolder(m_bed.submitter->logFolder());
        QSignalSpy again(&restarted, &Submitter::logsReceived);
        restarted.fetchLogs(task, 10);
        QTRY_VERIFY_WITH_TIMEOUT(!again.isEmpty(), 5000);
        QCOMPARE(again.first().at(1).toByteArray(), logs.mid(10));
        QCOMPARE(again.first().at(2).toLongLong(), qint64(logs.size()));
    }

    void cancelledTaskEndsKilled()
    {
        const Result<Task> submitted = m_bed.submit(m_bed.request(m_bed.project(300, 0.2, 0)));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        Task task = m_bed.follow(
            submitted.value(), [](const Task &t) { return t.state() == QLatin1String("RUNNING"); }, 30000);
        QCOMPARE(task.state(), QStringLiteral("RUNNING"));
        QTRY_VERIFY_WITH_TIMEOUT(points(task.runId) >= 1, 15000);

        QSignalSpy updated(m_bed.submitter.get(), &Submitter::taskUpdated);
        m_bed.submitter->cancel(task);
        QVERIFY(updated.wait(20000));
        task = updated.first().first().value<Task>();
        QCOMPARE(task.runStatus(), RunStatus::Killed);
        QVERIFY(task.runClosed);
        QCOMPARE(runStatus(task.runId), tracking::RunStatus::Killed);
        // The process is gone: no more points.
        const int after = points(task.runId);
        QTest::qWait(1500);
        QCOMPARE(points(task.runId), after);
        // The gateway forgot the task; the run's KILLED stays the answer.
        task = m_bed.follow(
            task, [](const Task &) { return true; }, 10000);
        QCOMPARE(task.runStatus(), RunStatus::Killed);
    }

    void failingTaskShowsFailureAndLogs()
    {
        const Result<Task> submitted = m_bed.submit(m_bed.request(m_bed.project(2, 0.1, 3)));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        const Task task = m_bed.follow(
            submitted.value(), [](const Task &t) { return t.isFinished(); }, 30000);
        QCOMPARE(task.runStatus(), RunStatus::Failed);
        QCOMPARE(task.state(), QStringLiteral("FAILED"));
        QCOMPARE(runStatus(task.runId), tracking::RunStatus::Failed);
        const QByteArray logs = logsOf(task);
        QVERIFY2(logs.contains("giving up with exit code 3"), logs.constData());
    }

    void refusesAProjectOverTheSizeLimit()
    {
        const QString dir = m_bed.project(1, 0, 0);
        QFile big(dir + QStringLiteral("/checkpoint.bin"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(20000, 'x'));
        big.close();
        project::Packer::Options options;
        options.sizeLimit = 10000;
        m_bed.submitter->setPackerOptions(options);
        const Error e = expectFailure(m_bed.request(dir));
        m_bed.submitter->setPackerOptions({});
        QVERIFY2(e.message.contains(QLatin1String("limit")), qPrintable(e.message));
    }

    void refusesAnUnreadableFile()
    {
        if (::geteuid() == 0)
            QSKIP("running as root: every file is readable");
        const QString dir = m_bed.project(1, 0, 0);
        QFile secret(dir + QStringLiteral("/data.csv"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("a,b\n");
        secret.close();
        QVERIFY(secret.setPermissions(QFileDevice::Permissions()));
        const Error e = expectFailure(m_bed.request(dir));
        QVERIFY2(e.message.contains(QLatin1String("data.csv")), qPrintable(e.message));
    }

    void leavesOutASymlinkOutOfTheProject()
    {
        const QString dir = m_bed.project(1, 0, 0);
        QVERIFY(QFile::link(QStringLiteral("/etc/hostname"), dir + QStringLiteral("/outside.txt")));
        QSignalSpy warnings(m_bed.submitter.get(), &GatewaySubmitter::warnings);
        const Result<Task> submitted = m_bed.submit(m_bed.request(dir));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first()
                     .first()
                     .toStringList()
                     .join(QLatin1Char('\n'))
                     .contains(QLatin1String("outside.txt")),
                 qPrintable(warnings.first().first().toStringList().join(QLatin1Char('\n'))));
    }

    void reports401DuringUpload()
    {
        arm("upload_401");
        const Error e = expectFailure(m_bed.request(m_bed.project(1, 0, 0)));
        QCOMPARE(e.kind, Error::Kind::Unauthorized);
        QCOMPARE(e.httpStatus, 401);
        QVERIFY2(e.message.contains(QLatin1String("Sign in again")), qPrintable(e.message));
    }

private:
    // A project with `megabytes` of incompressible weights: the upload stays that large.
    QString bigProject(int megabytes)
    {
        const QString dir = m_bed.project(1, 0, 0);
        QFile noise(dir + QStringLiteral("/weights.bin"));
        noise.open(QIODevice::WriteOnly);
        QByteArray bytes(megabytes * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        noise.write(bytes);
        return dir;
    }

    QSet<QString> runIdsOfDefaultExperiment()
    {
        QSet<QString> ids;
        const auto experiment =
            GatewayTestBed::await(m_bed.store->getExperimentByName(QStringLiteral("default_alice")));
        if (!experiment.ok())
            return ids;
        tracking::RunSearch search;
        search.experimentIds = {experiment.value().experimentId};
        const auto page = GatewayTestBed::await(m_bed.store->searchRuns(search));
        for (const tracking::Run &run : page.ok() ? page.value().items : QList<tracking::Run>())
            ids.insert(run.info.runId);
        return ids;
    }

private slots:
    void reportsAConnectionDroppedMidUpload()
    {
        const QString dir = bigProject(2);
        // Qt resends a request whose reused connection was closed before an answer: drop the resends too.
        arm("upload_drop", 5);
        const Error e = expectFailure(m_bed.request(dir));
        arm("upload_drop", 0);
        QCOMPARE(e.kind, Error::Kind::Network);
        QVERIFY2(e.message.contains(QLatin1String("broke off")), qPrintable(e.message));
    }

    void reportsAnHtml500()
    {
        arm("upload_500_html");
        const Error e = expectFailure(m_bed.request(m_bed.project(1, 0, 0)));
        QCOMPARE(e.httpStatus, 500);
        QVERIFY2(!e.message.contains(QLatin1String("<")), qPrintable(e.message)); // no markup for people
        QVERIFY2(e.detail.contains(QLatin1String("Internal Server Error")), qPrintable(e.detail));
    }

    void doubleSubmitGivesOneTask()
    {
        const int before = int(m_bed.tasks->tasks().size());
        QSignalSpy ok(m_bed.submitter.get(), &Submitter::submitted);
        QSignalSpy failed(m_bed.submitter.get(), &Submitter::submitFailed);
        const SubmitRequest request = m_bed.request(m_bed.project(1, 0, 0));
        m_bed.submitter->submit(request);
        m_bed.submitter->submit(request); // the double click
        QVERIFY(ok.wait(60000));
        QCOMPARE(ok.size(), 1);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(int(m_bed.tasks->tasks().size()), before + 1);
        QSignalSpy rows(m_bed.submitter.get(), &Submitter::taskUpdated);
        bool listed = false;
        m_bed.client->listJobs(this, [&](const Result<QVector<GatewayClient::TaskRow>> &r) {
            for (const auto &row : r.ok() ? r.value() : QVector<GatewayClient::TaskRow>())
                listed |= row.gatewayId == ok.first().first().value<Task>().gatewayId;
        });
        QTRY_VERIFY_WITH_TIMEOUT(listed, 20000);
    }

    void cancellingDuringTheUploadEndsTheRunKilled()
    {
        const QSet<QString> before = runIdsOfDefaultExperiment();
        QSignalSpy failed(m_bed.submitter.get(), &Submitter::submitFailed);
        QMetaObject::Connection cancelOnUpload =
            connect(m_bed.submitter.get(), &Submitter::submitProgress, this,
                    [this](Submitter::Step step, qint64 done) {
                        if (step == Submitter::Step::Uploading && done > 0)
                            m_bed.submitter->cancelSubmit();
                    });
        m_bed.submitter->submit(m_bed.request(bigProject(16)));
        QVERIFY(failed.wait(60000));
        disconnect(cancelOnUpload);
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Cancelled);
        const QSet<QString> created = runIdsOfDefaultExperiment() - before;
        QCOMPARE(created.size(), 1);
        const QString runId = *created.begin();
        QTRY_COMPARE_WITH_TIMEOUT(runStatus(runId), tracking::RunStatus::Killed, 10000);
    }

    void cancellingWhilePackingLeavesNothing()
    {
        QSignalSpy failed(m_bed.submitter.get(), &Submitter::submitFailed);
        QSignalSpy progress(m_bed.submitter.get(), &Submitter::submitProgress);
        m_bed.submitter->submit(m_bed.request(m_bed.project(1, 0, 0)));
        m_bed.submitter->cancelSubmit();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Cancelled);
        QVERIFY(!m_bed.submitter->isSubmitting());
    }
};

QTEST_GUILESS_MAIN(TestGatewayEndToEnd)
#include "TestGatewayEndToEnd.moc"
