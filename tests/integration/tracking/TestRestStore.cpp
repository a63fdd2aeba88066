// RestStore against the MLflow test server (seeded with the example store), or against the MLflow server named
// in MLTF_TEST_TRACKING_URI: then the test creates its own experiment and runs there and skips what needs the
// test server's generated data.

#include "StoreWait.h"
#include "TestServerProcess.h"

#include "net/HttpClient.h"
#include "tracking/RestStore.h"
#include "tracking/SearchSyntax.h"
#include "util/Settings.h"

#include <QDateTime>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cmath>
#include <limits>
#include <memory>

using namespace mltf;
using namespace mltf::tracking;

class TestRestStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createAndGetRun();
    void logBatchIsSplitAndHistoryComesBackSorted();
    void updateRunAndSetTag();
    void searchRunsPagesFiltersAndOrders();
    void badFilterGivesTheServerMessage();
    void experimentsSearchAndLookup();
    void bulkIntervalSamplesEachRun();
    void artifactsAreListedOneLevelAtATime();
    void bigHistoryLoadsWithoutBlockingTheUiThread();
    void historyPagesLikeMlflow3AreFollowed();
    void cancellingAHistoryLoadIsClean();

private:
    bool usingTestServer() const { return !m_external; }
    QString newRun(const QString &name, const Tags &tags = {});

    TestServerProcess m_server;
    bool m_external = false;
    QUrl m_url;
    std::unique_ptr<RestStore> m_store;
    QString m_experimentId;
    QString m_tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
};

void TestRestStore::initTestCase()
{
    Settings::initialise();
    const QString external = qEnvironmentVariable("MLTF_TEST_TRACKING_URI");
    if (!external.isEmpty()) {
        m_external = true;
        m_url = QUrl(external);
    } else {
        const QString error = m_server.start({QStringLiteral("--seed"), TestServerProcess::exampleStore(),
                                              QStringLiteral("--generate-history"), QStringLiteral("200000")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_url = m_server.url();
    }
    m_store = std::make_unique<RestStore>(m_url);
    const auto created = awaitResult(m_store->createExperiment(QStringLiteral("mltf-rest-test-") + m_tag,
                                                               {{QStringLiteral("purpose"), QStringLiteral("test")}}));
    QVERIFY2(created.ok(), why(created));
    m_experimentId = created.value();
}

QString TestRestStore::newRun(const QString &name, const Tags &tags)
{
    CreateRun create;
    create.experimentId = m_experimentId;
    create.runName = name;
    create.userId = QStringLiteral("tester");
    create.tags = tags;
    const auto run = awaitResult(m_store->createRun(create));
    if (!run.ok()) {
        qWarning() << run.error().message;
        return {};
    }
    return run.value().info.runId;
}

void TestRestStore::createAndGetRun()
{
    CreateRun create;
    create.experimentId = m_experimentId;
    create.runName = QStringLiteral("first");
    create.userId = QStringLiteral("tester");
    create.startTime = 1795300000000;
    create.tags = {{QStringLiteral("mlflow.user"), QStringLiteral("tester")}};
    const auto created = awaitResult(m_store->createRun(create));
    QVERIFY2(created.ok(), why(created));
    QCOMPARE(created.value().info.status, RunStatus::Running);
    QCOMPARE(created.value().info.startTime, qint64(1795300000000));

    const auto run = awaitResult(m_store->getRun(created.value().info.runId));
    QVERIFY2(run.ok(), why(run));
    QCOMPARE(run.value().info.runId, created.value().info.runId);
    QCOMPARE(run.value().displayName(), QStringLiteral("first"));
    QCOMPARE(run.value().info.userId, QStringLiteral("tester"));
    QCOMPARE(run.value().tag(QStringLiteral("mlflow.user")), QStringLiteral("tester"));
    QVERIFY(run.value().metrics.isEmpty()); // omitted by the server: missing means empty
    QVERIFY(run.value().params.isEmpty());

    const auto missing = awaitResult(m_store->getRun(QStringLiteral("deadbeefdeadbeefdeadbeefdeadbeef")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::NotFound);
    QCOMPARE(missing.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    QVERIFY(missing.error().message.contains(QLatin1String("deadbeef")));
}

void TestRestStore::logBatchIsSplitAndHistoryComesBackSorted()
{
    const QString runId = newRun(QStringLiteral("batch"));
    QVERIFY(!runId.isEmpty());
    LogBatch batch;
    batch.runId = runId;
    // 2500 points logged in reverse step order (timestamps rising), plus a duplicate step and NaN: more than two
    // requests' worth, so RestStore must split.
    const qint64 t0 = 1795300000000;
    for (int i = 0; i < 2500; ++i)
        batch.metrics.append({QStringLiteral("loss"), 1.0 / (2500 - i), t0 + i, qint64(2499 - i)});
    batch.metrics.append({QStringLiteral("loss"), 42.0, t0 + 5000, 7}); // a second point at step 7
    batch.metrics.append({QStringLiteral("nan_metric"), std::numeric_limits<double>::quiet_NaN(), t0, 0});
    batch.metrics.append({QStringLiteral("system/gpu_0_utilization_percentage"), 55.5, t0, 0});
    for (int i = 0; i < 150; ++i)
        batch.params.append({QStringLiteral("p%1").arg(i), QString::number(i)});
    for (int i = 0; i < 120; ++i)
        batch.tags.append({QStringLiteral("t%1").arg(i), QStringLiteral("v%1").arg(i)});
    const auto logged = awaitResult(m_store->logBatch(batch));
    QVERIFY2(logged.ok(), why(logged));

    const auto history = awaitResult(m_store->getMetricHistory(runId, QStringLiteral("loss")));
    QVERIFY2(history.ok(), why(history));
    const QList<MetricPoint> &points = history.value().points;
    QCOMPARE(points.size(), 2501);
    for (int i = 1; i < points.size(); ++i)
        QVERIFY2(points.at(i - 1).step <= points.at(i).step, "history must be sorted by step");
    QCOMPARE(points.first().step, qint64(0));
    QCOMPARE(points.last().step, qint64(2499));
    // Both points of step 7, the earlier one first.
    QCOMPARE(points.at(7).step, qint64(7));
    QCOMPARE(points.at(8).step, qint64(7));
    QVERIFY(points.at(7).timestamp < points.at(8).timestamp);
    QCOMPARE(points.at(8).value, 42.0);

    const auto nan = awaitResult(m_store->getMetricHistory(runId, QStringLiteral("nan_metric")));
    QVERIFY2(nan.ok(), why(nan));
    QCOMPARE(nan.value().points.size(), 1);
    QVERIFY(std::isnan(nan.value().points.first().value));

    const auto slash = awaitResult(m_store->getMetricHistory(runId, QStringLiteral("system/gpu_0_utilization_percentage")));
    QVERIFY2(slash.ok(), why(slash));
    QCOMPARE(slash.value().points.size(), 1);

    const auto unknown = awaitResult(m_store->getMetricHistory(runId, QStringLiteral("no_such_metric")));
    QVERIFY2(unknown.ok(), why(unknown));
    QVERIFY(unknown.value().points.isEmpty());

    const auto run = awaitResult(m_store->getRun(runId));
    QVERIFY2(run.ok(), why(run));
    QCOMPARE(run.value().params.size(), 150);
    QCOMPARE(run.value().tag(QStringLiteral("t119")), QStringLiteral("v119"));
    QCOMPARE(run.value().metric(QStringLiteral("loss"))->step, qint64(2499)); // latest = max step
}

void TestRestStore::updateRunAndSetTag()
{
    const QString runId = newRun(QStringLiteral("to-update"));
    QVERIFY(!runId.isEmpty());
    UpdateRun update;
    update.runId = runId;
    update.status = RunStatus::Finished;
    update.endTime = QDateTime::currentMSecsSinceEpoch();
    update.runName = QStringLiteral("updated");
    const auto info = awaitResult(m_store->updateRun(update));
    QVERIFY2(info.ok(), why(info));
    QCOMPARE(info.value().status, RunStatus::Finished);
    QCOMPARE(info.value().endTime, *update.endTime);

    const auto tagged = awaitResult(m_store->setTag(runId, QStringLiteral("mlflow.note.content"), QStringLiteral("hello")));
    QVERIFY2(tagged.ok(), why(tagged));
    const auto run = awaitResult(m_store->getRun(runId));
    QVERIFY2(run.ok(), why(run));
    QCOMPARE(run.value().description(), QStringLiteral("hello"));
    QCOMPARE(run.value().displayName(), QStringLiteral("updated"));
    QVERIFY(isTerminal(run.value().info.status));
}

void TestRestStore::searchRunsPagesFiltersAndOrders()
{
    const QString gpu = QStringLiteral("system/gpu_0_utilization_percentage");
    for (int i = 0; i < 5; ++i) {
        const QString runId = newRun(QStringLiteral("page-%1").arg(i), {{QStringLiteral("group"), QStringLiteral("paging")}});
        QVERIFY(!runId.isEmpty());
        LogBatch batch;
        batch.runId = runId;
        batch.metrics = {{gpu, 10.0 * i, 1795300000000, 0}};
        batch.params = {{QStringLiteral("idx"), QString::number(i)}};
        QVERIFY(awaitResult(m_store->logBatch(batch)).ok());
    }

    // All five, two per page, following the tokens until none (or an empty page) is left.
    RunSearch search;
    search.experimentIds = {m_experimentId};
    search.filter = QStringLiteral("tags.group = 'paging'");
    search.maxResults = 2;
    QStringList names;
    int pages = 0;
    do {
        const auto page = awaitResult(m_store->searchRuns(search));
        QVERIFY2(page.ok(), why(page));
        QVERIFY(page.value().items.size() <= 2);
        for (const Run &r : page.value().items)
            names << r.displayName();
        search.pageToken = page.value().hasMore() ? page.value().nextPageToken : QString();
        QVERIFY(++pages < 10);
    } while (!search.pageToken.isEmpty());
    QCOMPARE(names.size(), 5);

    // A '/' key, quoted by SearchSyntax, in the filter and the order.
    search = RunSearch();
    search.experimentIds = {m_experimentId};
    search.filter = SearchSyntax::identifier(SearchSyntax::Entity::Metric, gpu) + QStringLiteral(" >= 20 and ") +
                    SearchSyntax::identifier(SearchSyntax::Entity::Tag, QStringLiteral("group")) + QStringLiteral(" = ") +
                    SearchSyntax::stringLiteral(QStringLiteral("paging"));
    search.orderBy = {SearchSyntax::orderBy(SearchSyntax::Entity::Metric, gpu, false)};
    search.maxResults = 10;
    const auto ordered = awaitResult(m_store->searchRuns(search));
    QVERIFY2(ordered.ok(), why(ordered));
    QStringList order;
    for (const Run &r : ordered.value().items)
        order << r.param(QStringLiteral("idx")).value_or(QString());
    QCOMPARE(order, (QStringList{QStringLiteral("4"), QStringLiteral("3"), QStringLiteral("2")}));
}

void TestRestStore::badFilterGivesTheServerMessage()
{
    RunSearch search;
    search.experimentIds = {m_experimentId};
    search.filter = QStringLiteral("metrics.system/gpu_0_utilization_percentage > 38"); // no backticks
    const auto result = awaitResult(m_store->searchRuns(search));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(result.error().httpStatus, 400);
    QVERIFY2(result.error().message.contains(QLatin1String("Invalid comparison clause")), why(result));

    search.filter.clear();
    search.maxResults = 50001;
    const auto tooMany = awaitResult(m_store->searchRuns(search));
    QVERIFY(!tooMany.ok());
    QVERIFY2(tooMany.error().message.contains(QLatin1String("50000")), why(tooMany));
}

void TestRestStore::experimentsSearchAndLookup()
{
    ExperimentSearch search;
    search.maxResults = 1;
    QStringList names;
    for (int page = 0; page < 1000; ++page) {
        const auto result = awaitResult(m_store->searchExperiments(search));
        QVERIFY2(result.ok(), why(result));
        for (const Experiment &e : result.value().items)
            names << e.name;
        if (!result.value().hasMore())
            break;
        search.pageToken = result.value().nextPageToken;
    }
    QVERIFY(names.contains(QStringLiteral("mltf-rest-test-") + m_tag));

    search = ExperimentSearch();
    search.filter = QStringLiteral("name LIKE 'mltf-rest-test-%1%'").arg(m_tag);
    const auto filtered = awaitResult(m_store->searchExperiments(search));
    QVERIFY2(filtered.ok(), why(filtered));
    QCOMPARE(filtered.value().items.size(), 1);
    QCOMPARE(filtered.value().items.first().experimentId, m_experimentId);
    QCOMPARE(tagValue(filtered.value().items.first().tags, QStringLiteral("purpose")), QStringLiteral("test"));

    const auto byName = awaitResult(m_store->getExperimentByName(QStringLiteral("mltf-rest-test-") + m_tag));
    QVERIFY2(byName.ok(), why(byName));
    QCOMPARE(byName.value().experimentId, m_experimentId);
    const auto byId = awaitResult(m_store->getExperiment(m_experimentId));
    QVERIFY2(byId.ok(), why(byId));
    QCOMPARE(byId.value().name, byName.value().name);

    const auto missing = awaitResult(m_store->getExperimentByName(QStringLiteral("no-such-experiment-") + m_tag));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::NotFound);

    const auto duplicate = awaitResult(m_store->createExperiment(QStringLiteral("mltf-rest-test-") + m_tag, {}));
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, QStringLiteral("RESOURCE_ALREADY_EXISTS"));
}

void TestRestStore::bulkIntervalSamplesEachRun()
{
    QStringList runIds;
    for (int r = 0; r < 2; ++r) {
        const QString runId = newRun(QStringLiteral("bulk-%1").arg(r));
        QVERIFY(!runId.isEmpty());
        LogBatch batch;
        batch.runId = runId;
        for (int i = 0; i < 1000; ++i)
            batch.metrics.append({QStringLiteral("loss"), double(i), 1795300000000 + i, qint64(i)});
        QVERIFY(awaitResult(m_store->logBatch(batch)).ok());
        runIds << runId;
    }
    BulkIntervalQuery query;
    query.runIds = runIds;
    query.metricKey = QStringLiteral("loss");
    query.maxResults = 50;
    const auto result = awaitResult(m_store->getMetricHistoryBulkInterval(query));
    QVERIFY2(result.ok(), why(result));
    QCOMPARE(result.value().size(), 2);
    for (int r = 0; r < 2; ++r) {
        const MetricHistory &h = result.value().at(r);
        QCOMPARE(h.runId, runIds.at(r));
        QVERIFY2(h.points.size() >= 50 && h.points.size() <= 52, qPrintable(QString::number(h.points.size())));
        QCOMPARE(h.points.first().step, qint64(0));
        QCOMPARE(h.points.last().step, qint64(999));
    }
    query.maxResults = 2501;
    const auto invalid = awaitResult(m_store->getMetricHistoryBulkInterval(query));
    QVERIFY(!invalid.ok());
    QCOMPARE(invalid.error().kind, Error::Kind::InvalidInput);
}

void TestRestStore::artifactsAreListedOneLevelAtATime()
{
    if (!usingTestServer())
        QSKIP("needs the example store's artifacts (test server only)");
    const QString runId = QStringLiteral("af55f830388b42fb8aad376b1301563d");
    const auto root = awaitResult(m_store->listArtifacts(runId, QString()));
    QVERIFY2(root.ok(), why(root));
    QVERIFY(root.value().rootUri.startsWith(QLatin1String("mlflow-artifacts:/")));
    QStringList paths;
    for (const FileInfo &f : root.value().files)
        paths << f.path + (f.isDir ? QStringLiteral("/") : QString());
    QCOMPARE(paths, (QStringList{QStringLiteral("model/"), QStringLiteral("samples.txt"), QStringLiteral("train.log")}));
    QCOMPARE(root.value().files.at(2).size, qint64(2005));

    const auto data = awaitResult(m_store->listArtifacts(runId, QStringLiteral("model/data")));
    QVERIFY2(data.ok(), why(data));
    QCOMPARE(data.value().files.size(), 2);
    QCOMPARE(data.value().files.first().path, QStringLiteral("model/data/model.pth"));
    QCOMPARE(data.value().files.first().name(), QStringLiteral("model.pth"));
    QCOMPARE(data.value().files.first().size, qint64(6725774));

    const auto file = awaitResult(m_store->listArtifacts(runId, QStringLiteral("train.log")));
    QVERIFY2(file.ok(), why(file));
    QVERIFY(file.value().files.isEmpty()); // a file, not a folder: no "files"

    const auto outside = awaitResult(m_store->listArtifacts(runId, QStringLiteral("../x")));
    QVERIFY(!outside.ok());
    QCOMPARE(outside.error().kind, Error::Kind::InvalidInput);
}

void TestRestStore::bigHistoryLoadsWithoutBlockingTheUiThread()
{
    if (!usingTestServer())
        QSKIP("needs the test server's generated 200,000-point history");
    RunSearch search;
    search.experimentIds = {awaitResult(m_store->getExperimentByName(QStringLiteral("generated"))).value().experimentId};
    search.filter = QStringLiteral("attributes.run_name = 'big-history'");
    const auto runs = awaitResult(m_store->searchRuns(search));
    QVERIFY2(runs.ok(), why(runs));
    QCOMPARE(runs.value().items.size(), 1);

    // A timer on the UI thread keeps ticking while the body arrives and is parsed and sorted.
    int ticks = 0;
    QTimer timer;
    timer.setInterval(5);
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    timer.start();
    auto future = m_store->getMetricHistory(runs.value().items.first().info.runId, QStringLiteral("big_loss"));
    const auto history = awaitResult(future);
    timer.stop();
    QVERIFY2(history.ok(), why(history));
    QCOMPARE(history.value().points.size(), 200000);
    QCOMPARE(history.value().points.last().step, qint64(199999));
    QVERIFY2(ticks >= 3, qPrintable(QStringLiteral("the UI thread ticked only %1 times").arg(ticks)));
}

void TestRestStore::historyPagesLikeMlflow3AreFollowed()
{
    if (!usingTestServer())
        QSKIP("needs the test server's MLflow 3.x paging mode");
    TestServerProcess paging;
    const QString error = paging.start({QStringLiteral("--seed"), TestServerProcess::exampleStore(),
                                        QStringLiteral("--history-page-size"), QStringLiteral("1000")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    RestStore store(paging.url());
    const QString runId = QStringLiteral("af55f830388b42fb8aad376b1301563d");
    const auto paged = awaitResult(store.getMetricHistory(runId, QStringLiteral("train_loss")));
    QVERIFY2(paged.ok(), why(paged));
    const auto whole = awaitResult(m_store->getMetricHistory(runId, QStringLiteral("train_loss")));
    QVERIFY2(whole.ok(), why(whole));
    QCOMPARE(paged.value().points.size(), 2400);
    QCOMPARE(paged.value().points.size(), whole.value().points.size());
    for (int i = 0; i < 2400; ++i) {
        QCOMPARE(paged.value().points.at(i).step, whole.value().points.at(i).step);
        QCOMPARE(paged.value().points.at(i).value, whole.value().points.at(i).value);
    }
}

void TestRestStore::cancellingAHistoryLoadIsClean()
{
    if (!usingTestServer())
        QSKIP("needs the test server's generated history");
    const auto experiment = awaitResult(m_store->getExperimentByName(QStringLiteral("generated")));
    QVERIFY(experiment.ok());
    RunSearch search;
    search.experimentIds = {experiment.value().experimentId};
    const auto runs = awaitResult(m_store->searchRuns(search));
    QVERIFY(runs.ok() && !runs.value().items.isEmpty());
    auto future = m_store->getMetricHistory(runs.value().items.first().info.runId, QStringLiteral("big_loss"));
    future.cancel();
    const auto result = awaitResult(future);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Cancelled);
    // The store keeps working.
    const auto again = awaitResult(m_store->getExperiment(m_experimentId));
    QVERIFY2(again.ok(), why(again));
}

QTEST_GUILESS_MAIN(TestRestStore)
#include "TestRestStore.moc"
