// The run page's Charts and System tabs following a RUNNING run on the MLflow test server (tests/peers/
// mlflow-server) through their shared LiveRunFeed: logged points reach the chart models within two intervals
// without resetting the user's zoom, new metrics get charts, a finished run stops being polled, and a server
// error shows a "Not updating" state rather than a crash. Offscreen.

#include "StoreWait.h"
#include "TestServerProcess.h"

#include "charts/ChartControls.h"
#include "charts/ChartGrid.h"
#include "charts/ChartsTab.h"
#include "charts/LiveRunFeed.h"
#include "charts/MetricChartView.h"
#include "charts/SystemTab.h"
#include "runs/RunPage.h"
#include "tracking/RestStore.h"
#include "util/Settings.h"

#include "ThrowawayHome.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace mltf;
using namespace mltf::ui;
using tracking::RunMonitor;

namespace {

constexpr int kIntervalMs = 1000;
const QString kLoss = QStringLiteral("loss");
const QString kCpu = QStringLiteral("system/cpu_utilization_percentage");

tracking::LogBatch points(const QString &runId, const QString &key, qint64 first, int n, qint64 t0)
{
    tracking::LogBatch batch;
    batch.runId = runId;
    for (int i = 0; i < n; ++i)
        batch.metrics.append(
            tracking::Metric{key, 1.0 / double(first + i + 1), t0 + 1000 * (first + i), first + i});
    return batch;
}

qsizetype pointsOf(const ChartGrid *grid, const QString &key)
{
    const MetricChartView *chart = grid->chart(key);
    return chart ? chart->data().raw().size() : -1;
}

} // namespace

class TestLiveCharts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void loggedPointsReachTheChartsWithinTwoIntervals();
    void finishedRunStopsBeingPolled();
    void serverErrorShowsAState();

private:
    QString newRun(const QString &name);
    bool log(const tracking::LogBatch &batch);
    // Shows `runId` on a new run page with the tabs polling every kIntervalMs, and waits for its loss chart.
    void open(const QString &runId);

    TestServerProcess m_server;
    std::shared_ptr<tracking::RestStore> m_store;
    QString m_experimentId;
    std::unique_ptr<RunPage> m_page;
    ChartsTab *m_charts = nullptr;
    SystemTab *m_system = nullptr;
};

void TestLiveCharts::initTestCase()
{
    mltf::test::useThrowawayHome();
    Settings::initialise();
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_store = std::make_shared<tracking::RestStore>(m_server.url());
    const auto created = awaitResult(m_store->createExperiment(QStringLiteral("live-charts"), {}));
    QVERIFY2(created.ok(), why(created));
    m_experimentId = created.value();
}

void TestLiveCharts::init()
{
    QVERIFY(m_server.setFaults({}));
}

void TestLiveCharts::cleanup()
{
    m_page.reset();
    m_charts = nullptr;
    m_system = nullptr;
}

QString TestLiveCharts::newRun(const QString &name)
{
    tracking::CreateRun create;
    create.experimentId = m_experimentId;
    create.runName = name;
    const auto run = awaitResult(m_store->createRun(create));
    return run.ok() ? run.value().info.runId : QString();
}

bool TestLiveCharts::log(const tracking::LogBatch &batch)
{
    const auto done = awaitResult(m_store->logBatch(batch));
    if (!done.ok())
        qWarning() << "log-batch failed:" << why(done);
    return done.ok();
}

void TestLiveCharts::open(const QString &runId)
{
    m_page = std::make_unique<RunPage>();
    m_page->resize(1200, 800);
    m_charts = m_page->findChild<ChartsTab *>();
    m_system = m_page->findChild<SystemTab *>();
    QVERIFY(m_charts && m_system && m_charts->liveFeed());
    // The interval box of either tab sets the feed's interval (and the setting); the other tab follows.
    m_charts->controls()->intervalBox()->setValue(kIntervalMs / 1000);
    QCOMPARE(m_charts->liveFeed()->intervalSeconds(), kIntervalMs / 1000);
    QCOMPARE(m_system->controls()->intervalSeconds(), kIntervalMs / 1000);
    QCOMPARE(Settings::value(Settings::Key::PollIntervalSeconds).toInt(), kIntervalMs / 1000);

    m_page->setStore(m_store);
    m_page->tabs()->setCurrentWidget(m_charts);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->loadRun(runId);
    QTRY_VERIFY_WITH_TIMEOUT(pointsOf(m_charts->grid(), kLoss) > 0, 10000);
}

void TestLiveCharts::loggedPointsReachTheChartsWithinTwoIntervals()
{
    const QString runId = newRun(QStringLiteral("live-charts"));
    QVERIFY(!runId.isEmpty());
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(log(points(runId, kLoss, 0, 5, t0)));
    QVERIFY(log(points(runId, kCpu, 0, 5, t0)));
    open(runId);
    QCOMPARE(pointsOf(m_charts->grid(), kLoss), 5);
    QVERIFY(m_charts->controls()->isLive());
    QVERIFY(m_charts->controls()->intervalBox()->isVisible());
    QVERIFY(m_system->controls()->isLive());
    // The charts may show the first fetch before the monitor's first poll has come back.
    QTRY_COMPARE_WITH_TIMEOUT(m_charts->liveFeed()->monitor()->state(runId), RunMonitor::State::Live, 10000);

    // The user zooms in; new points arrive within two intervals and the zoom stays.
    MetricChartView *loss = m_charts->grid()->chart(kLoss);
    loss->zoomToX(1, 3);
    for (int round = 0; round < 2; ++round) {
        QVERIFY(log(points(runId, kLoss, 5 + 10 * round, 10, t0)));
        QElapsedTimer sinceLogged;
        sinceLogged.start();
        QTRY_COMPARE_WITH_TIMEOUT(pointsOf(m_charts->grid(), kLoss), 15 + 10 * round, 2 * kIntervalMs);
        qInfo("round %d: 10 points charted %lld ms after they were logged (interval %d ms)", round,
              sinceLogged.elapsed(), kIntervalMs);
        QVERIFY(loss->isZoomed());
        QCOMPARE(loss->visibleXRange(), qMakePair(1.0, 3.0));
    }
    QCOMPARE(loss->data().raw().step(24), qint64(24));
    // A picture of the live state for a look (MLTF_SCREENSHOT_DIR set: saved there as live-charts.png).
    if (const QString dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(m_page->grab().save(dir + QStringLiteral("/live-charts.png")));

    // The System tab is fed by the same polls (shown or not: it takes the series when it is shown).
    QVERIFY(log(points(runId, kCpu, 5, 3, t0)));
    QTRY_COMPARE_WITH_TIMEOUT(m_charts->liveFeed()->monitor()->series(runId, kCpu)->size(), qsizetype(8),
                              2 * kIntervalMs);
    m_page->tabs()->setCurrentWidget(m_system);
    QTRY_COMPARE_WITH_TIMEOUT(pointsOf(m_system->grid(), kCpu), 8, 5000);

    // A metric logged for the first time gets a chart (chosen, as it is not a system metric).
    m_page->tabs()->setCurrentWidget(m_charts);
    QVERIFY(log(points(runId, QStringLiteral("accuracy"), 0, 4, t0)));
    QTRY_COMPARE_WITH_TIMEOUT(pointsOf(m_charts->grid(), QStringLiteral("accuracy")), 4, 2 * kIntervalMs);
}

void TestLiveCharts::finishedRunStopsBeingPolled()
{
    const QString runId = newRun(QStringLiteral("finishing"));
    QVERIFY(!runId.isEmpty());
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(log(points(runId, kLoss, 0, 5, t0)));
    open(runId);
    QVERIFY(m_charts->controls()->isLive());

    // The last points and the end come together: the charts still get the points, then the badge goes.
    QVERIFY(log(points(runId, kLoss, 5, 7, t0)));
    tracking::UpdateRun finish;
    finish.runId = runId;
    finish.status = tracking::RunStatus::Finished;
    finish.endTime = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(awaitResult(m_store->updateRun(finish)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!m_charts->controls()->isLive(), 2 * kIntervalMs);
    QVERIFY(!m_system->controls()->isLive());
    QCOMPARE(pointsOf(m_charts->grid(), kLoss), 12);
    RunMonitor *monitor = m_charts->liveFeed()->monitor();
    QCOMPARE(monitor->state(runId), RunMonitor::State::Stopped);

    // No poll for four intervals.
    QSignalSpy polls(monitor, &RunMonitor::pollFinished);
    QVERIFY(!polls.wait(4 * kIntervalMs));
}

void TestLiveCharts::serverErrorShowsAState()
{
    const QString runId = newRun(QStringLiteral("faulty"));
    QVERIFY(!runId.isEmpty());
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(log(points(runId, kLoss, 0, 5, t0)));
    open(runId);

    QVERIFY(m_server.setFaults({{QStringLiteral("html500"), 2}}));
    QTRY_COMPARE_WITH_TIMEOUT(m_charts->controls()->liveText(), tr("● Not updating"), 3 * kIntervalMs);
    QCOMPARE(m_system->controls()->liveText(), tr("● Not updating"));
    QVERIFY(m_charts->controls()->isLive());
    qInfo() << "badge tooltip:"
            << m_charts->controls()->findChild<QWidget *>(QStringLiteral("liveBadge"))->toolTip();
    QCOMPARE(pointsOf(m_charts->grid(), kLoss), 5); // the charts keep what they had

    // It recovers (after two failures backed off 2 and 4 intervals) and follows the run again.
    QTRY_COMPARE_WITH_TIMEOUT(m_charts->controls()->liveText(), tr("● Live"), 12 * kIntervalMs);
    QVERIFY(log(points(runId, kLoss, 5, 10, t0)));
    QTRY_COMPARE_WITH_TIMEOUT(pointsOf(m_charts->grid(), kLoss), 15, 2 * kIntervalMs);
}

QTEST_MAIN(TestLiveCharts)
#include "TestLiveCharts.moc"
