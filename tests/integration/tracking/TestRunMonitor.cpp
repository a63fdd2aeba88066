// RunMonitor against the MLflow test server: live points arrive within two intervals, finished runs stop
// being polled, server errors give a state and then recovery, one request in flight per run, and the bytes a
// poll fetches for a 200,000-point history compared with refetching the whole history. The test server's
// /__stats counts what it really sent.

#include "StoreWait.h"
#include "TestServerProcess.h"

#include "tracking/RestStore.h"
#include "tracking/RunMonitor.h"
#include "tracking/SearchSyntax.h"
#include "util/Settings.h"

#include "ThrowawayHome.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace mltf;
using namespace mltf::tracking;

namespace {

constexpr int kIntervalMs = 1000;

// GET (or DELETE: reset) /__stats of the test server.
QJsonObject serverStats(const QUrl &server, bool reset = false)
{
    QNetworkAccessManager nam;
    const QNetworkRequest request(server.resolved(QUrl(QStringLiteral("/__stats"))));
    QNetworkReply *reply = reset ? nam.deleteResource(request) : nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject stats = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return stats;
}

QJsonObject endpoint(const QJsonObject &stats, const char *name)
{
    return stats.value(QLatin1String("endpoints")).toObject().value(QLatin1String(name)).toObject();
}

qint64 count(const QJsonObject &stats, const char *name, const char *what)
{
    return endpoint(stats, name).value(QLatin1String(what)).toInteger();
}

// Points of `key` at steps first..first+n-1, timestamps in step order after `t0`.
LogBatch points(const QString &runId, const QString &key, qint64 first, int n, qint64 t0)
{
    LogBatch batch;
    batch.runId = runId;
    for (int i = 0; i < n; ++i)
        batch.metrics.append(Metric{key, 1.0 / double(first + i + 1), t0 + first + i, first + i});
    return batch;
}

int pointsIn(const QSignalSpy &appended)
{
    int n = 0;
    for (const QList<QVariant> &args : appended)
        n += int(args.at(2).value<std::vector<series::SeriesPoint>>().size());
    return n;
}

} // namespace

class TestRunMonitor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup() { m_monitor.reset(); }

    void intervalIsClampedAndDefaultsToTheSetting();
    void loggedPointsArriveWithinTwoIntervals();
    void finishedRunStopsBeingPolled();
    void serverErrorGivesAStateThenRecovers();
    void onlyOneRequestInFlightPerRun();
    void longGapsAreFetchedInWindowsOrReloaded();
    void bytesPerTickOnA200kHistory();

private:
    QString newRun(const QString &name);
    bool log(const LogBatch &batch);

    TestServerProcess m_server;
    std::shared_ptr<RestStore> m_store;
    std::unique_ptr<RunMonitor> m_monitor;
    QString m_experimentId;
};

void TestRunMonitor::initTestCase()
{
    mltf::test::useThrowawayHome();
    Settings::initialise();
    qRegisterMetaType<std::vector<series::SeriesPoint>>();
    qRegisterMetaType<RunMonitor::State>();
    const QString error = m_server.start({QStringLiteral("--generate-history"), QStringLiteral("200000")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_store = std::make_shared<RestStore>(m_server.url());
    const auto created = awaitResult(m_store->createExperiment(QStringLiteral("monitor-test"), {}));
    QVERIFY2(created.ok(), why(created));
    m_experimentId = created.value();
}

void TestRunMonitor::init()
{
    QVERIFY(m_server.setFaults({}));
    m_monitor = std::make_unique<RunMonitor>(m_store);
    m_monitor->setIntervalSeconds(kIntervalMs / 1000);
}

QString TestRunMonitor::newRun(const QString &name)
{
    CreateRun create;
    create.experimentId = m_experimentId;
    create.runName = name;
    const auto run = awaitResult(m_store->createRun(create));
    return run.ok() ? run.value().info.runId : QString();
}

bool TestRunMonitor::log(const LogBatch &batch)
{
    const auto done = awaitResult(m_store->logBatch(batch));
    if (!done.ok())
        qWarning() << "log-batch failed:" << why(done);
    return done.ok();
}

void TestRunMonitor::intervalIsClampedAndDefaultsToTheSetting()
{
    RunMonitor fresh(m_store);
    QCOMPARE(fresh.intervalSeconds(), 5);
    fresh.setIntervalSeconds(0);
    QCOMPARE(fresh.intervalSeconds(), 1);
    fresh.setIntervalSeconds(100000);
    QCOMPARE(fresh.intervalSeconds(), 300);
    fresh.setIntervalSeconds(42);
    QCOMPARE(fresh.intervalSeconds(), 42);
}

void TestRunMonitor::loggedPointsArriveWithinTwoIntervals()
{
    const QString runId = newRun(QStringLiteral("live"));
    QVERIFY(!runId.isEmpty());
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(log(points(runId, QStringLiteral("loss"), 0, 5, t0)));

    QSignalSpy loaded(m_monitor.get(), &RunMonitor::seriesLoaded);
    QSignalSpy appended(m_monitor.get(), &RunMonitor::pointsAppended);
    QSignalSpy updated(m_monitor.get(), &RunMonitor::runUpdated);
    m_monitor->watch(runId);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10000);
    QCOMPARE(loaded.at(0).at(1).toString(), QStringLiteral("loss"));
    QCOMPARE(m_monitor->series(runId, QStringLiteral("loss"))->size(), 5);
    QCOMPARE(m_monitor->state(runId), RunMonitor::State::Live);
    QVERIFY(updated.size() >= 1);

    for (int round = 0; round < 3; ++round) {
        QVERIFY(log(points(runId, QStringLiteral("loss"), 5 + 10 * round, 10, t0)));
        QElapsedTimer sinceLogged;
        sinceLogged.start();
        QTRY_VERIFY_WITH_TIMEOUT(pointsIn(appended) >= 10 * (round + 1), 2 * kIntervalMs);
        qInfo("round %d: 10 points delivered %lld ms after they were logged (interval %d ms)", round,
              sinceLogged.elapsed(), kIntervalMs);
    }
    QCOMPARE(pointsIn(appended), 30); // each point once
    const series::MetricSeries *s = m_monitor->series(runId, QStringLiteral("loss"));
    QCOMPARE(s->size(), 35);
    for (qsizetype i = 0; i < s->size(); ++i) {
        QCOMPARE(s->step(i), qint64(i));
        QCOMPARE(s->value(i), 1.0 / double(i + 1));
    }

    // A metric that appears later is loaded too (every metric is watched when none is named).
    QVERIFY(log(points(runId, QStringLiteral("acc"), 0, 3, t0)));
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->series(runId, QStringLiteral("acc")), 2 * kIntervalMs);
    QCOMPARE(m_monitor->series(runId, QStringLiteral("acc"))->size(), 3);
}

void TestRunMonitor::finishedRunStopsBeingPolled()
{
    const QString runId = newRun(QStringLiteral("finishing"));
    QVERIFY(!runId.isEmpty());
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(log(points(runId, QStringLiteral("loss"), 0, 5, t0)));
    QSignalSpy states(m_monitor.get(), &RunMonitor::stateChanged);
    m_monitor->watch(runId);
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->state(runId), RunMonitor::State::Live, 10000);

    // The last points and the end come together: the last poll still fetches the points.
    QVERIFY(log(points(runId, QStringLiteral("loss"), 5, 7, t0)));
    UpdateRun finish;
    finish.runId = runId;
    finish.status = RunStatus::Finished;
    finish.endTime = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(awaitResult(m_store->updateRun(finish)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->state(runId), RunMonitor::State::Stopped, 2 * kIntervalMs);
    QCOMPARE(states.last().at(1).value<RunMonitor::State>(), RunMonitor::State::Stopped);
    QCOMPARE(m_monitor->series(runId, QStringLiteral("loss"))->size(), 12);
    QCOMPARE(m_monitor->run(runId)->info.status, RunStatus::Finished);

    // No request for five intervals.
    serverStats(m_server.url(), true);
    QSignalSpy polls(m_monitor.get(), &RunMonitor::pollFinished);
    QVERIFY(!polls.wait(5 * kIntervalMs));
    const QJsonObject stats = serverStats(m_server.url());
    QCOMPARE(stats.value(QLatin1String("requests")).toInteger(), 0);

    // Watching it again (e.g. other metrics) polls it once more, then it stops again.
    QVERIFY(log(points(runId, QStringLiteral("late"), 0, 2, t0)));
    m_monitor->watch(runId);
    QVERIFY(polls.wait(5000));
    QVERIFY(m_monitor->series(runId, QStringLiteral("late")));
    QCOMPARE(m_monitor->state(runId), RunMonitor::State::Stopped);
}

void TestRunMonitor::serverErrorGivesAStateThenRecovers()
{
    const QString runId = newRun(QStringLiteral("faulty"));
    QVERIFY(!runId.isEmpty());
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(log(points(runId, QStringLiteral("loss"), 0, 5, t0)));
    m_monitor->watch(runId);
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->state(runId), RunMonitor::State::Live, 10000);

    QSignalSpy states(m_monitor.get(), &RunMonitor::stateChanged);
    QSignalSpy polls(m_monitor.get(), &RunMonitor::pollFinished);
    QVERIFY(m_server.setFaults({{QStringLiteral("html500"), 2}}));
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->state(runId), RunMonitor::State::Failing, 3 * kIntervalMs);
    QVERIFY(!states.isEmpty());
    const QString message = states.last().at(2).toString();
    QVERIFY2(!message.isEmpty() && !message.contains(QLatin1Char('<')), qPrintable(message));
    qInfo() << "error state message:" << message;

    // Two failures (retries 2 then 4 intervals apart), then the state goes back to Live.
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->state(runId), RunMonitor::State::Live, 12 * kIntervalMs);
    qInfo("recovered %lld ms after the first failure", clock.elapsed());
    QVERIFY(clock.elapsed() >= 4 * kIntervalMs); // backed off, did not hammer the server
    int failures = 0;
    for (const QList<QVariant> &args : polls)
        failures += args.at(1).toBool() ? 0 : 1;
    QCOMPARE(failures, 2);

    // And it still follows the run.
    QSignalSpy appended(m_monitor.get(), &RunMonitor::pointsAppended);
    QVERIFY(log(points(runId, QStringLiteral("loss"), 5, 10, t0)));
    QTRY_VERIFY_WITH_TIMEOUT(pointsIn(appended) == 10, 2 * kIntervalMs);

    // A run the server does not know is an error state too, not a crash.
    const QString missing = QStringLiteral("deadbeefdeadbeefdeadbeefdeadbeef");
    m_monitor->watch(missing);
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->state(missing), RunMonitor::State::Failing, 3 * kIntervalMs);
    m_monitor->unwatch(missing);
    QVERIFY(!m_monitor->isWatching(missing));
}

void TestRunMonitor::onlyOneRequestInFlightPerRun()
{
    const QString runId = newRun(QStringLiteral("slow"));
    QVERIFY(!runId.isEmpty());
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    LogBatch batch = points(runId, QStringLiteral("loss"), 0, 5, t0);
    batch.metrics += points(runId, QStringLiteral("acc"), 0, 5, t0).metrics;
    batch.metrics += points(runId, QStringLiteral("lr"), 0, 5, t0).metrics;
    QVERIFY(log(batch));

    // Each answer takes 1.5 intervals: ticks come while requests are open, and a poll makes four requests.
    QVERIFY(m_server.setFaults({{QStringLiteral("delay_ms"), 3 * kIntervalMs / 2}}));
    serverStats(m_server.url(), true);
    QSignalSpy polls(m_monitor.get(), &RunMonitor::pollFinished);
    m_monitor->watch(runId);
    QTRY_COMPARE_WITH_TIMEOUT(polls.size(), 2, 30000);
    QVERIFY(m_server.setFaults({}));
    const QJsonObject stats = serverStats(m_server.url());
    QCOMPARE(count(stats, "metrics/get-history", "requests"), 3);
    QVERIFY(count(stats, "runs/get", "requests") >= 2);
    QCOMPARE(stats.value(QLatin1String("max_open_per_run")).toInt(), 1);
    QCOMPARE(m_monitor->loadedKeys(runId),
             (QStringList{QStringLiteral("acc"), QStringLiteral("loss"), QStringLiteral("lr")}));
}

void TestRunMonitor::longGapsAreFetchedInWindowsOrReloaded()
{
    const QString runId = newRun(QStringLiteral("gaps"));
    QVERIFY(!runId.isEmpty());
    const QString key = QStringLiteral("loss");
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(log(points(runId, key, 0, 5, t0)));
    QSignalSpy loaded(m_monitor.get(), &RunMonitor::seriesLoaded);
    QSignalSpy appended(m_monitor.get(), &RunMonitor::pointsAppended);
    m_monitor->watch(runId, {key});
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->state(runId), RunMonitor::State::Live, 10000);
    // No ticks while the points are logged: the next poll sees the whole gap.
    m_monitor->setIntervalSeconds(RunMonitor::kMaxIntervalSeconds);

    // 6000 new steps: three windows of at most 2500 steps (each complete even on MLflow 2.x), no full reload.
    serverStats(m_server.url(), true);
    QVERIFY(log(points(runId, key, 5, 6000, t0)));
    m_monitor->pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(pointsIn(appended), 6000, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_monitor->isBusy(runId), 5000);
    QJsonObject stats = serverStats(m_server.url());
    QCOMPARE(count(stats, "metrics/get-history-bulk-interval", "requests"), 3);
    QCOMPARE(count(stats, "metrics/get-history", "requests"), 0);
    QCOMPARE(loaded.size(), 1);

    // 30000 new steps (more than eight windows): one full reload instead.
    serverStats(m_server.url(), true);
    QVERIFY(log(points(runId, key, 6005, 30000, t0)));
    m_monitor->pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_monitor->isBusy(runId), 5000);
    stats = serverStats(m_server.url());
    QCOMPARE(count(stats, "metrics/get-history", "requests"), 1);
    QCOMPARE(count(stats, "metrics/get-history-bulk-interval", "requests"), 0);
    const series::MetricSeries *s = m_monitor->series(runId, key);
    QCOMPARE(s->size(), 36005);
    for (qsizetype i = 0; i < s->size(); ++i)
        QCOMPARE(s->step(i), qint64(i));
}

void TestRunMonitor::bytesPerTickOnA200kHistory()
{
    const auto generated = awaitResult(m_store->getExperimentByName(QStringLiteral("generated")));
    QVERIFY2(generated.ok(), why(generated));
    RunSearch search;
    search.experimentIds = {generated.value().experimentId};
    search.filter = QStringLiteral("attributes.run_name = 'big-history'");
    const auto found = awaitResult(m_store->searchRuns(search));
    QVERIFY2(found.ok() && found.value().items.size() == 1, why(found));
    const QString runId = found.value().items.first().info.runId;
    const QString key = QStringLiteral("big_loss");
    const qint64 history = 200000;
    const qint64 t0 = found.value().items.first().metric(key)->timestamp - (history - 1);

    QSignalSpy loaded(m_monitor.get(), &RunMonitor::seriesLoaded);
    QSignalSpy appended(m_monitor.get(), &RunMonitor::pointsAppended);
    QSignalSpy polls(m_monitor.get(), &RunMonitor::pollFinished);
    QElapsedTimer clock;
    clock.start();
    m_monitor->watch(runId, {key});
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 120000);
    QCOMPARE(m_monitor->series(runId, key)->size(), history);
    qInfo("first load of %lld points: %lld ms", history, clock.elapsed());
    QTRY_VERIFY_WITH_TIMEOUT(!m_monitor->isBusy(runId), 10000);

    // Each round: at a tick boundary log 10 points, wait until they are delivered and that poll has ended.
    constexpr int kRounds = 5;
    serverStats(m_server.url(), true);
    for (int round = 0; round < kRounds; ++round) {
        polls.clear();
        QVERIFY(polls.wait(3 * kIntervalMs));
        QVERIFY(log(points(runId, key, history + 10 * round, 10, t0)));
        QTRY_VERIFY_WITH_TIMEOUT(pointsIn(appended) == 10 * (round + 1), 2 * kIntervalMs);
        QTRY_VERIFY_WITH_TIMEOUT(!m_monitor->isBusy(runId), 2 * kIntervalMs);
    }
    const QJsonObject live = serverStats(m_server.url());
    QCOMPARE(m_monitor->series(runId, key)->size(), history + 10 * kRounds);
    QCOMPARE(count(live, "metrics/get-history", "requests"), 0);
    const qint64 runGets = count(live, "runs/get", "requests");
    const qint64 windows = count(live, "metrics/get-history-bulk-interval", "requests");
    QCOMPARE(windows, qint64(kRounds)); // one window per tick that had new points
    const double runGetBytes = double(count(live, "runs/get", "bytes")) / double(runGets);
    const double windowBytes =
        double(count(live, "metrics/get-history-bulk-interval", "bytes")) / double(windows);
    const double perTick = runGetBytes + windowBytes;

    // The naive way: every tick, the whole history again.
    serverStats(m_server.url(), true);
    clock.restart();
    const auto full = awaitResult(m_store->getMetricHistory(runId, key), 120000);
    QVERIFY2(full.ok(), why(full));
    const qint64 fullMs = clock.elapsed();
    const QJsonObject naive = serverStats(m_server.url());
    const double naiveBytes = double(count(naive, "metrics/get-history", "bytes"));
    QCOMPARE(full.value().points.size(), history + 10 * kRounds);

    qInfo("bytes per tick with 10 new points in a %lld-point history: monitor %.0f (runs/get %.0f + "
          "bulk-interval window %.0f; %lld runs/get over %d rounds); naive full get-history %.0f (%lld ms); "
          "ratio %.0fx",
          history, perTick, runGetBytes, windowBytes, runGets, kRounds, naiveBytes, fullMs,
          naiveBytes / perTick);
    QVERIFY(naiveBytes / perTick > 1000);
}

QTEST_GUILESS_MAIN(TestRunMonitor)
#include "TestRunMonitor.moc"
