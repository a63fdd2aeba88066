// Decoding of recorded MLflow answers into entities, and the requests RestEndpoints build.

#include "tracking/EntityJson.h"
#include "tracking/RestEndpoints.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace mltf;
using namespace mltf::tracking;

namespace {

QByteArray recordedBody(const QString &file)
{
    QFile f(QStringLiteral(MLTF_TEST_DATA_DIR "/mlflow-rest/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject testCase = QJsonDocument::fromJson(f.readAll()).object();
    return QJsonDocument(testCase.value(QLatin1String("response")).toObject().value(QLatin1String("body")).toObject()).toJson();
}

QJsonObject bodyOf(const net::HttpRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class TestEntityJson : public QObject
{
    Q_OBJECT

private slots:
    void runFromRunsGet();
    void searchPagesAndEmptyAnswers();
    void experimentsAndArtifacts();
    void metricValues();
    void bulkIntervalIsGroupedByRun();
    void requestsCarryWhatTheServerNeeds();
    void logBatchIsSplitWithinTheLimits();
    void notJsonIsAParseError();
};

void TestEntityJson::runFromRunsGet()
{
    const auto run = rest::GetRun::decode(recordedBody(QStringLiteral("16_runs_get_found.json")));
    QVERIFY(run.ok());
    const Run &r = run.value();
    QCOMPARE(r.info.runId, QStringLiteral("55b4e7ef1e64432e925f50a6d335e3c7"));
    QCOMPARE(r.info.experimentId, QStringLiteral("3"));
    QCOMPARE(r.info.status, RunStatus::Finished);
    QCOMPARE(r.info.startTime, qint64(1795337980765));
    QCOMPARE(r.info.durationMs(0), qint64(1795338043966 - 1795337980765));
    QCOMPARE(r.displayName(), QStringLiteral("charlm-lr1e-3"));
    QCOMPARE(r.params.size(), 21);
    QCOMPARE(r.metrics.size(), 19);
    QCOMPARE(r.metric(QStringLiteral("learning_rate"))->value, 4.2836818542335566e-10);
    QCOMPARE(r.info.artifactUri, QStringLiteral("mlflow-artifacts:/3/55b4e7ef1e64432e925f50a6d335e3c7/artifacts"));
    QVERIFY(r.parentRunId().isEmpty());
}

void TestEntityJson::searchPagesAndEmptyAnswers()
{
    const auto page1 = rest::SearchRuns::decode(recordedBody(QStringLiteral("09_runs_search_page1.json")));
    QVERIFY(page1.ok());
    QCOMPARE(page1.value().items.size(), 2);
    QCOMPARE(page1.value().nextPageToken, QStringLiteral("eyJvZmZzZXQiOiAyfQ=="));
    QVERIFY(page1.value().hasMore());
    const auto empty = rest::SearchRuns::decode(recordedBody(QStringLiteral("11_runs_search_page3.json")));
    QVERIFY(empty.ok());
    QVERIFY(empty.value().items.isEmpty()); // {}: missing means empty
    QVERIFY(!empty.value().hasMore());
    // A run without data.
    const auto created = rest::CreateRun::decode(recordedBody(QStringLiteral("35_scratch_runs_create.json")));
    QVERIFY(created.ok());
    QVERIFY(created.value().metrics.isEmpty());
    QCOMPARE(created.value().tags.size(), 2);
    QCOMPARE(created.value().info.status, RunStatus::Running);
    QVERIFY(!created.value().info.hasEndTime());
    const auto updated = rest::UpdateRun::decode(recordedBody(QStringLiteral("38_scratch_runs_update.json")));
    QVERIFY(updated.ok());
    QCOMPARE(updated.value().endTime, qint64(1795340100000));
}

void TestEntityJson::experimentsAndArtifacts()
{
    const auto page = rest::SearchExperiments::decode(recordedBody(QStringLiteral("03_experiments_search_get.json")));
    QVERIFY(page.ok());
    QCOMPARE(page.value().items.size(), 4);
    QCOMPARE(page.value().items.first().name, QStringLiteral("charlm-sweep"));
    QVERIFY(page.value().items.first().description().startsWith(QLatin1String("Real training runs")));
    QVERIFY(page.value().items.last().tags.isEmpty()); // Default has no tags key
    const auto created = rest::CreateExperiment::decode(recordedBody(QStringLiteral("34_scratch_experiments_create.json")));
    QCOMPARE(created.value(), QStringLiteral("4"));

    const auto listing = rest::ListArtifacts::decode(recordedBody(QStringLiteral("26_artifacts_list_model.json")));
    QVERIFY(listing.ok());
    QCOMPARE(listing.value().files.size(), 5);
    QCOMPARE(listing.value().files.at(2).path, QStringLiteral("model/data"));
    QVERIFY(listing.value().files.at(2).isDir);
    QCOMPARE(listing.value().files.at(2).size, qint64(-1));
    QCOMPARE(listing.value().files.at(0).size, qint64(550));
    const auto none = rest::ListArtifacts::decode(R"({"root_uri":"mlflow-artifacts:/1/x/artifacts"})");
    QVERIFY(none.ok() && none.value().files.isEmpty());
}

void TestEntityJson::metricValues()
{
    bool ok = false;
    QVERIFY(std::isnan(EntityJson::metricValue(QStringLiteral("NaN"), &ok)) && ok);
    QCOMPARE(EntityJson::metricValue(QStringLiteral("Infinity"), &ok), std::numeric_limits<double>::infinity());
    QCOMPARE(EntityJson::metricValue(QStringLiteral("-Infinity"), &ok), -std::numeric_limits<double>::infinity());
    QCOMPARE(EntityJson::metricValue(QStringLiteral("1.5"), &ok), 1.5);
    QCOMPARE(EntityJson::metricValue(2.25, &ok), 2.25);
    EntityJson::metricValue(QStringLiteral("abc"), &ok);
    QVERIFY(!ok);
    QCOMPARE(EntityJson::metricValueToJson(std::nan("")).toString(), QStringLiteral("NaN"));
    QCOMPARE(EntityJson::metricValueToJson(-std::numeric_limits<double>::infinity()).toString(), QStringLiteral("-Infinity"));
    QCOMPARE(EntityJson::int64(QStringLiteral("1795340000010")), qint64(1795340000010));
    QCOMPARE(EntityJson::int64(QJsonValue(qint64(1795340000010))), qint64(1795340000010));
}

void TestEntityJson::bulkIntervalIsGroupedByRun()
{
    const QString a = QStringLiteral("55b4e7ef1e64432e925f50a6d335e3c7"), b = QStringLiteral("26ead4a9d48f404588ff3406175d9940");
    const auto result = rest::GetMetricHistoryBulkInterval::decode(
        recordedBody(QStringLiteral("22_bulk_interval_two_runs_max50.json")), {b, a, QStringLiteral("none")},
        QStringLiteral("train_loss"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().size(), 3);
    QCOMPARE(result.value().at(0).runId, b); // in query order
    QCOMPARE(result.value().at(1).points.size(), 51);
    QCOMPARE(result.value().at(1).points.last().step, qint64(2399));
    QVERIFY(result.value().at(2).points.isEmpty());
}

void TestEntityJson::requestsCarryWhatTheServerNeeds()
{
    const auto history = rest::GetMetricHistory::request(QStringLiteral("/api"), QStringLiteral("r"),
                                                         QStringLiteral("system/gpu"), QString());
    QCOMPARE(history.path, QStringLiteral("/api/2.0/mlflow/metrics/get-history"));
    QVERIFY(history.query.contains({QStringLiteral("max_results"), QStringLiteral("25000")})); // always sent
    QVERIFY(history.idempotent);

    ExperimentSearch es;
    const auto experiments = rest::SearchExperiments::request(QStringLiteral("/ajax-api"), es);
    QCOMPARE(experiments.method, QByteArray("POST"));
    QCOMPARE(experiments.path, QStringLiteral("/ajax-api/2.0/mlflow/experiments/search"));
    QCOMPARE(bodyOf(experiments).value(QLatin1String("max_results")).toInt(), 1000); // always sent
    QVERIFY(experiments.idempotent);

    RunSearch rs;
    rs.experimentIds = {QStringLiteral("3")};
    rs.orderBy = {QStringLiteral("metrics.`system/x` DESC")};
    const auto runs = rest::SearchRuns::request(QStringLiteral("/api"), rs);
    QCOMPARE(runs.contentType, QByteArray("application/json"));
    QCOMPARE(bodyOf(runs).value(QLatin1String("order_by")).toArray().first().toString(), rs.orderBy.first());
    QVERIFY(!bodyOf(runs).contains(QLatin1String("page_token")));

    LogBatch batch;
    batch.runId = QStringLiteral("r");
    batch.metrics = {{QStringLiteral("m"), std::nan(""), 5, 1}};
    const auto log = rest::LogBatch::request(QStringLiteral("/api"), batch);
    QVERIFY(!log.idempotent); // a repeated batch would duplicate points
    QCOMPARE(bodyOf(log).value(QLatin1String("metrics")).toArray().first().toObject().value(QLatin1String("value")).toString(),
             QStringLiteral("NaN"));

    UpdateRun update;
    update.runId = QStringLiteral("r");
    update.status = RunStatus::Killed;
    const QJsonObject u = bodyOf(rest::UpdateRun::request(QStringLiteral("/api"), update));
    QCOMPARE(u.value(QLatin1String("status")).toString(), QStringLiteral("KILLED"));
    QVERIFY(!u.contains(QLatin1String("end_time")));
}

void TestEntityJson::logBatchIsSplitWithinTheLimits()
{
    LogBatch batch;
    batch.runId = QStringLiteral("r");
    for (int i = 0; i < 2345; ++i)
        batch.metrics.append({QStringLiteral("m"), double(i), i, i});
    for (int i = 0; i < 250; ++i)
        batch.params.append({QStringLiteral("p%1").arg(i), QStringLiteral("v")});
    for (int i = 0; i < 101; ++i)
        batch.tags.append({QStringLiteral("t%1").arg(i), QStringLiteral("v")});
    const QList<LogBatch> parts = rest::LogBatch::split(batch);
    int metrics = 0, params = 0, tags = 0;
    for (const LogBatch &p : parts) {
        QVERIFY(p.metrics.size() <= 1000);
        QVERIFY(p.params.size() <= 100);
        QVERIFY(p.tags.size() <= 100);
        QVERIFY(p.metrics.size() + p.params.size() + p.tags.size() <= 1000);
        QCOMPARE(p.runId, QStringLiteral("r"));
        metrics += int(p.metrics.size());
        params += int(p.params.size());
        tags += int(p.tags.size());
    }
    QCOMPARE(metrics, 2345);
    QCOMPARE(params, 250);
    QCOMPARE(tags, 101);
    QCOMPARE(parts.first().metrics.first().value, 0.0); // order kept
    QCOMPARE(parts.size(), 3);
    QCOMPARE(rest::LogBatch::split(LogBatch()).size(), 1); // an empty batch is one (empty) request
}

void TestEntityJson::notJsonIsAParseError()
{
    const auto run = rest::GetRun::decode("<html>502</html>");
    QVERIFY(!run.ok());
    QCOMPARE(run.error().kind, Error::Kind::Parse);
    const auto shape = rest::GetRun::decode("{}");
    QVERIFY(!shape.ok());
    QVERIFY(shape.error().message.contains(QLatin1String("MLflow")));
}

QTEST_GUILESS_MAIN(TestEntityJson)
#include "TestEntityJson.moc"
