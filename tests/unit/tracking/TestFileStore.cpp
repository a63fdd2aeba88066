// FileStore on the bundled example store (resources/example-store/mlruns) and on small stores written here.

#include "../../integration/tracking/StoreWait.h"

#include "tracking/FileStore.h"
#include "tracking/FileStoreReader.h"
#include "tracking/SearchSyntax.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace mltf;
using namespace mltf::tracking;

namespace {

const QString kExperiment = QStringLiteral("514274819739157863");
const QString kRunWithWeights = QStringLiteral("af55f830388b42fb8aad376b1301563d"); // charlm-lr1e-3

QString exampleStore()
{
    return QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns");
}

// The metric file read independently of FileStoreReader: "timestamp value step" per line.
QList<MetricPoint> readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<MetricPoint> points;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.trimmed().split(' ');
        if (parts.size() < 2)
            continue;
        points.append(MetricPoint{parts.size() > 2 ? parts.at(2).toLongLong() : 0, parts.at(0).toLongLong(),
                                  parts.at(1).toDouble()});
    }
    return points;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

} // namespace

class TestFileStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void experimentsOfTheExampleStore();
    void fourRunsWithParamsTagsAndLatestMetrics();
    void everyHistoryMatchesItsFileLineForLine();
    void artifactsAreReadBesideTheRunWhenTheRecordedPathIsGone();
    void filtersOrdersAndPages_data();
    void filtersOrdersAndPages();
    void badFilterIsAClearError();
    void pagingFollowsTokens();
    void bulkIntervalSamples();
    void twoFieldLinesNanInfAndNestedKeys();
    void malformedMetricLineNamesFileAndLine();
    void missingThingsAreNotFound();
    void writingIsUnsupported();

private:
    std::unique_ptr<FileStore> m_store;
};

void TestFileStore::initTestCase()
{
    QVERIFY2(QFileInfo(exampleStore()).isDir(), qPrintable(exampleStore()));
    // git keeps no empty folders: the bundled copy has no .trash, and FileStore must not need one.
    QVERIFY(!QFileInfo::exists(exampleStore() + QStringLiteral("/.trash")));
    m_store = std::make_unique<FileStore>(exampleStore());
}

void TestFileStore::experimentsOfTheExampleStore()
{
    ExperimentSearch search;
    const auto result = awaitResult(m_store->searchExperiments(search));
    QVERIFY2(result.ok(), why(result));
    QStringList names;
    for (const Experiment &e : result.value().items)
        names << e.name;
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("Default"), QStringLiteral("charlm-sweep")}));

    const auto sweep = awaitResult(m_store->getExperimentByName(QStringLiteral("charlm-sweep")));
    QVERIFY2(sweep.ok(), why(sweep));
    QCOMPARE(sweep.value().experimentId, kExperiment);
    QCOMPARE(tagValue(sweep.value().tags, QStringLiteral("hardware")), QStringLiteral("NVIDIA H100 80GB HBM3"));
    QVERIFY(sweep.value().description().startsWith(QLatin1String("Real training runs")));
    QCOMPARE(sweep.value().creationTime, qint64(1795338537704));

    const auto byId = awaitResult(m_store->getExperiment(kExperiment));
    QVERIFY2(byId.ok(), why(byId));
    QCOMPARE(byId.value().name, QStringLiteral("charlm-sweep"));
}

void TestFileStore::fourRunsWithParamsTagsAndLatestMetrics()
{
    RunSearch search;
    search.experimentIds = {kExperiment};
    const auto result = awaitResult(m_store->searchRuns(search));
    QVERIFY2(result.ok(), why(result));
    const Runs &runs = result.value().items;
    QCOMPARE(runs.size(), 4);
    QVERIFY(result.value().nextPageToken.isEmpty());
    // Default order: newest start first.
    QStringList names;
    for (const Run &r : runs)
        names << r.displayName();
    QCOMPARE(names, (QStringList{QStringLiteral("charlm-lr5e-2"), QStringLiteral("charlm-lr3e-3"),
                                 QStringLiteral("charlm-lr1e-3"), QStringLiteral("charlm-lr3e-4")}));
    for (const Run &r : runs) {
        QCOMPARE(r.params.size(), 21);
        QCOMPARE(r.tags.size(), 8);
        QCOMPARE(r.metrics.size(), 19);
        QCOMPARE(r.info.status, RunStatus::Finished);
        QCOMPARE(r.info.userId, QStringLiteral("mltf-demo"));
        QCOMPARE(r.info.experimentId, kExperiment);
        QVERIFY(r.info.durationMs(0) > 50000);
        QCOMPARE(r.tag(QStringLiteral("mlflow.source.name")), QStringLiteral("train_charlm.py"));
        QCOMPARE(r.param(QStringLiteral("max_steps")).value_or(QString()), QStringLiteral("2400"));
        QCOMPARE(r.metric(QStringLiteral("train_loss"))->step, qint64(2399));
        QVERIFY(r.metric(QStringLiteral("system/gpu_0_utilization_percentage")).has_value());
    }
    const Run &lr1e3 = runs.at(2);
    QCOMPARE(lr1e3.info.runId, kRunWithWeights);
    QCOMPARE(lr1e3.param(QStringLiteral("betas")).value_or(QString()), QStringLiteral("(0.9, 0.95)"));
    QCOMPARE(lr1e3.metric(QStringLiteral("train_loss"))->value, 0.913014829158783);
    QCOMPARE(lr1e3.metric(QStringLiteral("val_loss"))->value, 1.0443005591630936);
}

void TestFileStore::everyHistoryMatchesItsFileLineForLine()
{
    const FileStoreReader reader(exampleStore());
    const QStringList runIds = reader.runIds(kExperiment);
    QCOMPARE(runIds.size(), 4);
    int totalPoints = 0;
    for (const QString &runId : runIds) {
        const auto keys = reader.metricKeys(runId);
        QVERIFY(keys.ok());
        QCOMPARE(keys.value().size(), 19);
        QVERIFY(keys.value().contains(QStringLiteral("system/gpu_0_utilization_percentage")));
        for (const QString &key : keys.value()) {
            const QString file = exampleStore() + QLatin1Char('/') + kExperiment + QLatin1Char('/') + runId +
                                 QStringLiteral("/metrics/") + key;
            QList<MetricPoint> expected = readLines(file);
            QVERIFY2(!expected.isEmpty(), qPrintable(file));
            std::stable_sort(expected.begin(), expected.end(),
                             [](const MetricPoint &a, const MetricPoint &b) { return a.step < b.step; });
            const auto history = awaitResult(m_store->getMetricHistory(runId, key));
            QVERIFY2(history.ok(), why(history));
            const QList<MetricPoint> &points = history.value().points;
            QCOMPARE(points.size(), expected.size());
            for (int i = 0; i < points.size(); ++i) {
                QCOMPARE(points.at(i).step, expected.at(i).step);
                QCOMPARE(points.at(i).timestamp, expected.at(i).timestamp);
                QCOMPARE(points.at(i).value, expected.at(i).value);
            }
            totalPoints += int(points.size());
            if (key == QLatin1String("train_loss") || key == QLatin1String("grad_norm"))
                QCOMPARE(points.size(), 2400);
            if (key == QLatin1String("tokens_per_second"))
                QCOMPARE(points.size(), 48);
            if (key == QLatin1String("val_loss"))
                QCOMPARE(points.size(), 13);
        }
    }
    QCOMPARE(totalPoints, 30682); // the sample data's documented total
}

void TestFileStore::artifactsAreReadBesideTheRunWhenTheRecordedPathIsGone()
{
    const auto root = awaitResult(m_store->listArtifacts(kRunWithWeights, QString()));
    QVERIFY2(root.ok(), why(root));
    QVERIFY(root.value().rootUri.startsWith(QLatin1String("file:///home/researcher/")));
    QStringList paths;
    for (const FileInfo &f : root.value().files)
        paths << f.path + (f.isDir ? QStringLiteral("/") : QString());
    QCOMPARE(paths, (QStringList{QStringLiteral("model/"), QStringLiteral("samples.txt"), QStringLiteral("train.log")}));
    QCOMPARE(root.value().files.at(1).size, qint64(416));
    QCOMPARE(root.value().files.at(2).size, qint64(2005));
    QCOMPARE(root.value().files.at(0).size, qint64(-1));

    const auto data = awaitResult(m_store->listArtifacts(kRunWithWeights, QStringLiteral("model/data/")));
    QVERIFY2(data.ok(), why(data));
    QCOMPARE(data.value().files.size(), 2);
    QCOMPARE(data.value().files.at(0).path, QStringLiteral("model/data/model.pth"));
    QCOMPARE(data.value().files.at(0).size, qint64(6725774));

    // The weights are bundled for one run only.
    const auto other = awaitResult(m_store->listArtifacts(QStringLiteral("0df1a162c53e4e829710021c6b8725e0"),
                                                          QStringLiteral("model/data")));
    QVERIFY2(other.ok(), why(other));
    QCOMPARE(other.value().files.size(), 1);
    QCOMPARE(other.value().files.at(0).name(), QStringLiteral("pickle_module_info.txt"));

    const auto file = awaitResult(m_store->listArtifacts(kRunWithWeights, QStringLiteral("train.log")));
    QVERIFY2(file.ok(), why(file));
    QVERIFY(file.value().files.isEmpty());

    const auto escape = awaitResult(m_store->listArtifacts(kRunWithWeights, QStringLiteral("../../..")));
    QVERIFY(!escape.ok());
    QCOMPARE(escape.error().kind, Error::Kind::InvalidInput);
}

void TestFileStore::filtersOrdersAndPages_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("orderBy");
    QTest::addColumn<QStringList>("expected");
    const QString lr3e4 = QStringLiteral("charlm-lr3e-4"), lr1e3 = QStringLiteral("charlm-lr1e-3"),
                  lr3e3 = QStringLiteral("charlm-lr3e-3"), lr5e2 = QStringLiteral("charlm-lr5e-2");
    QTest::newRow("param =") << QStringLiteral("params.learning_rate = '0.001'") << QStringList() << QStringList{lr1e3};
    QTest::newRow("metric <, order ASC") << QStringLiteral("metrics.val_loss < 1.0")
                                          << QStringList{QStringLiteral("metrics.val_loss ASC")} << QStringList{lr5e2, lr3e3};
    QTest::newRow("order DESC, all") << QString() << QStringList{QStringLiteral("metrics.val_loss DESC")}
                                     << QStringList{lr3e4, lr1e3, lr3e3, lr5e2};
    QTest::newRow("slash key in backticks")
        << SearchSyntax::identifier(SearchSyntax::Entity::Metric, QStringLiteral("system/gpu_0_utilization_percentage")) +
               QStringLiteral(" >= 0 and attributes.status = 'FINISHED'")
        << QStringList{QStringLiteral("attributes.start_time ASC")} << QStringList{lr3e4, lr1e3, lr3e3, lr5e2};
    QTest::newRow("LIKE on run_name") << QStringLiteral("attributes.run_name LIKE 'charlm-lr3%'") << QStringList()
                                      << QStringList{lr3e3, lr3e4};
    QTest::newRow("ILIKE tag, AND") << QStringLiteral("tags.gpu ILIKE '%h100%' and params.optimizer = 'AdamW'")
                                    << QStringList() << QStringList{lr5e2, lr3e3, lr1e3, lr3e4};
    QTest::newRow("nothing") << QStringLiteral("params.optimizer != 'AdamW'") << QStringList() << QStringList();
}

void TestFileStore::filtersOrdersAndPages()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, orderBy);
    QFETCH(QStringList, expected);
    RunSearch search;
    search.experimentIds = {kExperiment};
    search.filter = filter;
    search.orderBy = orderBy;
    const auto result = awaitResult(m_store->searchRuns(search));
    QVERIFY2(result.ok(), why(result));
    QStringList names;
    for (const Run &r : result.value().items)
        names << r.displayName();
    QCOMPARE(names, expected);
}

void TestFileStore::badFilterIsAClearError()
{
    RunSearch search;
    search.experimentIds = {kExperiment};
    search.filter = QStringLiteral("metrics.system/gpu_0_utilization_percentage > 38");
    const auto result = awaitResult(m_store->searchRuns(search));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(result.error().message, QStringLiteral("Invalid comparison clause. Expected 'Identifier' found "
                                                    "'metrics.system/gpu_0_utilization_percentage'"));
}

void TestFileStore::pagingFollowsTokens()
{
    RunSearch search;
    search.experimentIds = {kExperiment};
    search.maxResults = 3;
    const auto first = awaitResult(m_store->searchRuns(search));
    QVERIFY2(first.ok(), why(first));
    QCOMPARE(first.value().items.size(), 3);
    QVERIFY(first.value().hasMore());
    search.pageToken = first.value().nextPageToken;
    const auto second = awaitResult(m_store->searchRuns(search));
    QVERIFY2(second.ok(), why(second));
    QCOMPARE(second.value().items.size(), 1);
    QVERIFY(!second.value().hasMore());
    QCOMPARE(second.value().items.first().displayName(), QStringLiteral("charlm-lr3e-4"));

    search.pageToken = QStringLiteral("garbage!");
    const auto bad = awaitResult(m_store->searchRuns(search));
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QLatin1String("Invalid page token")));
}

void TestFileStore::bulkIntervalSamples()
{
    BulkIntervalQuery query;
    query.runIds = {kRunWithWeights};
    query.metricKey = QStringLiteral("train_loss");
    query.maxResults = 50;
    const auto result = awaitResult(m_store->getMetricHistoryBulkInterval(query));
    QVERIFY2(result.ok(), why(result));
    QCOMPARE(result.value().size(), 1);
    const auto &points = result.value().first().points;
    QVERIFY2(points.size() >= 50 && points.size() <= 52, qPrintable(QString::number(points.size())));
    QCOMPARE(points.first().step, qint64(0));
    QCOMPARE(points.last().step, qint64(2399));
}

void TestFileStore::twoFieldLinesNanInfAndNestedKeys()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.path() + QStringLiteral("/mlruns"); // no .trash
    const QString artifacts = dir.path() + QStringLiteral("/elsewhere/artifacts");
    writeFile(root + QStringLiteral("/7/meta.yaml"),
              "artifact_location: file:///nowhere/7\nexperiment_id: '7'\nlifecycle_stage: active\nname: small\n");
    writeFile(root + QStringLiteral("/7/abc/meta.yaml"),
              "artifact_uri: " + QUrl::fromLocalFile(artifacts).toEncoded() +
                  "\nend_time: null\nexperiment_id: '7'\nlifecycle_stage: active\nrun_id: abc\nrun_name: ''\n"
                  "start_time: 1000\nstatus: 1\nuser_id: me\n");
    writeFile(root + QStringLiteral("/7/abc/tags/mlflow.runName"), "named-by-tag");
    writeFile(root + QStringLiteral("/7/abc/metrics/old"), "100 0.5\n200 0.25\n");
    writeFile(root + QStringLiteral("/7/abc/metrics/odd"), "1 nan 0\n2 inf 1\n3 -inf 2\n4 1e-05 3\n");
    writeFile(root + QStringLiteral("/7/abc/metrics/system/gpu"), "5 42.0 0");
    writeFile(artifacts + QStringLiteral("/recorded.txt"), "x");

    FileStore store(root);
    const auto run = awaitResult(store.getRun(QStringLiteral("abc")));
    QVERIFY2(run.ok(), why(run));
    QCOMPARE(run.value().displayName(), QStringLiteral("named-by-tag"));
    QCOMPARE(run.value().info.status, RunStatus::Running);
    QVERIFY(!run.value().info.hasEndTime());
    QCOMPARE(run.value().metrics.size(), 3);

    const auto old = awaitResult(store.getMetricHistory(QStringLiteral("abc"), QStringLiteral("old")));
    QVERIFY2(old.ok(), why(old));
    QCOMPARE(old.value().points.size(), 2);
    QCOMPARE(old.value().points.at(1).step, qint64(0)); // two-field lines are step 0
    QCOMPARE(old.value().points.at(1).value, 0.25);

    const auto odd = awaitResult(store.getMetricHistory(QStringLiteral("abc"), QStringLiteral("odd")));
    QVERIFY2(odd.ok(), why(odd));
    QCOMPARE(odd.value().points.size(), 4);
    QVERIFY(std::isnan(odd.value().points.at(0).value));
    QVERIFY(std::isinf(odd.value().points.at(1).value) && odd.value().points.at(1).value > 0);
    QVERIFY(std::isinf(odd.value().points.at(2).value) && odd.value().points.at(2).value < 0);
    QCOMPARE(odd.value().points.at(3).value, 1e-05);

    const auto nested = awaitResult(store.getMetricHistory(QStringLiteral("abc"), QStringLiteral("system/gpu")));
    QVERIFY2(nested.ok(), why(nested));
    QCOMPARE(nested.value().points.size(), 1);

    // meta.yaml's artifact location exists here, so it is used.
    const auto listing = awaitResult(store.listArtifacts(QStringLiteral("abc"), QString()));
    QVERIFY2(listing.ok(), why(listing));
    QCOMPARE(listing.value().files.size(), 1);
    QCOMPARE(listing.value().files.first().path, QStringLiteral("recorded.txt"));
}

void TestFileStore::malformedMetricLineNamesFileAndLine()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/1/meta.yaml"), "experiment_id: '1'\nname: broken\n");
    writeFile(root + QStringLiteral("/1/r1/meta.yaml"), "run_id: r1\nexperiment_id: '1'\nstatus: 3\n");
    writeFile(root + QStringLiteral("/1/r1/metrics/loss"), "1 0.5 0\n2 zero 1\n");
    FileStore store(root);
    const auto history = awaitResult(store.getMetricHistory(QStringLiteral("r1"), QStringLiteral("loss")));
    QVERIFY(!history.ok());
    QCOMPARE(history.error().kind, Error::Kind::Parse);
    QVERIFY2(history.error().message.contains(QLatin1String("line 2")), qPrintable(history.error().message));
    QVERIFY2(history.error().message.contains(QLatin1String("loss")), qPrintable(history.error().message));

    writeFile(root + QStringLiteral("/1/r2/meta.yaml"), "run_id: [unclosed\n");
    const auto badYaml = awaitResult(store.getRun(QStringLiteral("r2")));
    QVERIFY(!badYaml.ok());
    QCOMPARE(badYaml.error().kind, Error::Kind::Parse);
}

void TestFileStore::missingThingsAreNotFound()
{
    const auto run = awaitResult(m_store->getRun(QStringLiteral("deadbeefdeadbeefdeadbeefdeadbeef")));
    QVERIFY(!run.ok());
    QCOMPARE(run.error().kind, Error::Kind::NotFound);
    const auto experiment = awaitResult(m_store->getExperimentByName(QStringLiteral("nope")));
    QVERIFY(!experiment.ok());
    QCOMPARE(experiment.error().kind, Error::Kind::NotFound);
    const auto key = awaitResult(m_store->getMetricHistory(kRunWithWeights, QStringLiteral("no_such_metric")));
    QVERIFY2(key.ok(), why(key));
    QVERIFY(key.value().points.isEmpty());

    FileStore missing(QStringLiteral("/nonexistent/mlruns"));
    const auto experiments = awaitResult(missing.searchExperiments({}));
    QVERIFY(!experiments.ok());
    QVERIFY(experiments.error().message.contains(QLatin1String("/nonexistent/mlruns")));
}

void TestFileStore::writingIsUnsupported()
{
    QVERIFY(!m_store->canWrite());
    const auto created = awaitResult(m_store->createExperiment(QStringLiteral("x"), {}));
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind, Error::Kind::Unsupported);
    const auto logged = awaitResult(m_store->logBatch({}));
    QVERIFY(!logged.ok());
    QCOMPARE(logged.error().kind, Error::Kind::Unsupported);
}

QTEST_GUILESS_MAIN(TestFileStore)
#include "TestFileStore.moc"
