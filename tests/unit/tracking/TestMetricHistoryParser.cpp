// The fast get-history parser gives exactly what the QJsonDocument reader gives, on recorded answers and on
// the odd shapes a server may send.

#include "tracking/MetricHistoryParser.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace mltf;
using namespace mltf::tracking;

namespace {

QByteArray recordedBody(const char *file)
{
    QFile f(QStringLiteral(MLTF_TEST_DATA_DIR "/mlflow-rest/") + QLatin1String(file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject testCase = QJsonDocument::fromJson(f.readAll()).object();
    return QJsonDocument(testCase.value(QLatin1String("response")).toObject().value(QLatin1String("body")).toObject())
        .toJson(QJsonDocument::Indented);
}

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class TestMetricHistoryParser : public QObject
{
    Q_OBJECT

private slots:
    void recordedTrainLoss();
    void recordedNanAndOrder();
    void matchesTheReference_data();
    void matchesTheReference();
    void brokenBodiesGiveParseErrors_data();
    void brokenBodiesGiveParseErrors();
};

void TestMetricHistoryParser::recordedTrainLoss()
{
    const QByteArray body = recordedBody("19_metrics_get_history_train_loss.json");
    QVERIFY(!body.isEmpty());
    const auto page = MetricHistoryParser::parse(body);
    QVERIFY(page.ok());
    QCOMPARE(page.value().key, QStringLiteral("train_loss"));
    QCOMPARE(page.value().points.size(), 2400);
    QCOMPARE(page.value().points.first().value, 5.888943195343018);
    QCOMPARE(page.value().points.first().timestamp, qint64(1795337980789));
    QCOMPARE(page.value().points.last().step, qint64(2399));
    QVERIFY(page.value().nextPageToken.isEmpty());
}

void TestMetricHistoryParser::recordedNanAndOrder()
{
    const auto page = MetricHistoryParser::parse(recordedBody("37_scratch_get_history_nan_and_order.json"));
    QVERIFY(page.ok());
    QCOMPARE(page.value().points.size(), 3);
    // Server order (timestamp): steps 0, 2, 1; the NaN arrives as the string "NaN".
    QCOMPARE(page.value().points.at(1).step, qint64(2));
    QVERIFY(std::isnan(page.value().points.at(2).value));
    QList<MetricPoint> sorted = page.value().points;
    sortByStep(sorted);
    QCOMPARE(sorted.at(1).step, qint64(1));
}

void TestMetricHistoryParser::matchesTheReference_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("count");
    QTest::newRow("empty object") << QByteArray("{}") << 0;
    QTest::newRow("empty list") << QByteArray(R"({"metrics": []})") << 0;
    QTest::newRow("infinities") << QByteArray(R"({"metrics":[{"key":"k","value":"Infinity","timestamp":1,"step":0},)"
                                              R"({"key":"k","value":"-Infinity","timestamp":2,"step":1},)"
                                              R"({"key":"k","value":1.7976931348623157e+308,"timestamp":3,"step":2}]})")
                                << 3;
    QTest::newRow("numbers as strings") << QByteArray(R"({"metrics":[{"key":"k","value":"1.5","timestamp":"2","step":"3"}]})") << 1;
    QTest::newRow("other key order, extra fields, token")
        << QByteArray(R"({"next_page_token":"eyJvZmZzZXQiOiAxfQ==","extra":{"a":[1,{"b":"}"}]},)"
                      R"("metrics":[{"step":7,"run_id":"r","timestamp":9,"value":-2e-3,"key":"k"}]})")
        << 1;
    QTest::newRow("escaped key uses the fallback") << QByteArray(R"({"metrics":[{"key":"a\"b","value":1.0,"timestamp":1,"step":0}]})") << 1;
    QTest::newRow("missing step is 0") << QByteArray(R"({"metrics":[{"key":"k","value":1,"timestamp":1}]})") << 1;
    QTest::newRow("integral doubles") << QByteArray(R"({"metrics":[{"key":"k","value":3,"timestamp":1.0e3,"step":4.0}]})") << 1;
}

void TestMetricHistoryParser::matchesTheReference()
{
    QFETCH(QByteArray, body);
    QFETCH(int, count);
    const auto fast = MetricHistoryParser::parse(body);
    const auto reference = MetricHistoryParser::parseWithQJson(body);
    QVERIFY(fast.ok());
    QVERIFY(reference.ok());
    QCOMPARE(fast.value().points.size(), count);
    QCOMPARE(fast.value().points.size(), reference.value().points.size());
    QCOMPARE(fast.value().key, reference.value().key);
    QCOMPARE(fast.value().nextPageToken, reference.value().nextPageToken);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(fast.value().points.at(i).step, reference.value().points.at(i).step);
        QCOMPARE(fast.value().points.at(i).timestamp, reference.value().points.at(i).timestamp);
        QVERIFY(same(fast.value().points.at(i).value, reference.value().points.at(i).value));
    }
}

void TestMetricHistoryParser::brokenBodiesGiveParseErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("html") << QByteArray("<!doctype html><title>502 Bad Gateway</title>");
    QTest::newRow("truncated") << QByteArray(R"({"metrics":[{"key":"k","value":1.0,"timest)");
    QTest::newRow("metrics not a list") << QByteArray(R"({"metrics": 5})");
    QTest::newRow("empty") << QByteArray();
}

void TestMetricHistoryParser::brokenBodiesGiveParseErrors()
{
    QFETCH(QByteArray, body);
    const auto page = MetricHistoryParser::parse(body);
    QVERIFY(!page.ok());
    QCOMPARE(page.error().kind, Error::Kind::Parse);
    QVERIFY(!page.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestMetricHistoryParser)
#include "TestMetricHistoryParser.moc"
