// MLflow filter and order_by syntax as FileStore and the test server evaluate it, and the page tokens.

#include "tracking/PageToken.h"
#include "tracking/SearchFilter.h"
#include "tracking/SearchOrder.h"
#include "tracking/SearchSyntax.h"

#include <QTest>

using namespace mltf;
using namespace mltf::tracking;

namespace {

Run makeRun(const QString &id, const QString &name, double loss, const QString &optimizer, qint64 start)
{
    Run r;
    r.info.runId = id;
    r.info.runName = name;
    r.info.status = RunStatus::Finished;
    r.info.startTime = start;
    r.metrics = {{QStringLiteral("loss"), loss, 1, 1}, {QStringLiteral("system/gpu"), loss * 100, 1, 1}};
    r.params = {{QStringLiteral("optimizer"), optimizer}};
    r.tags = {{QStringLiteral("mlflow.user"), QStringLiteral("ann")}};
    return r;
}

} // namespace

class TestSearchFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void errorsUseTheServerWording_data();
    void errorsUseTheServerWording();
    void orderPutsMissingValuesLast();
    void experimentsFilterAndOrder();
    void syntaxQuotesOnlyWhatNeedsIt();
    void pageTokens();
};

void TestSearchFilter::matches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("expected");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("metric <") << QStringLiteral("metrics.loss < 0.5") << true;
    QTest::newRow("metric >=") << QStringLiteral("metric.loss >= 0.5") << false;
    QTest::newRow("backticks") << QStringLiteral("metrics.`system/gpu` > 20") << true;
    QTest::newRow("double quotes") << QStringLiteral("metrics.\"system/gpu\" > 40") << false;
    QTest::newRow("param = and AND") << QStringLiteral("params.optimizer = 'adam' and metrics.loss < 1") << true;
    QTest::newRow("lower-case and") << QStringLiteral("params.optimizer = 'adam' AnD tags.`mlflow.user` = 'ann'") << true;
    QTest::newRow("param !=") << QStringLiteral("params.optimizer != 'adam'") << false;
    QTest::newRow("missing param") << QStringLiteral("params.nope = 'x'") << false;
    QTest::newRow("LIKE") << QStringLiteral("attributes.run_name LIKE 'run-%'") << true;
    QTest::newRow("LIKE is case-sensitive") << QStringLiteral("attributes.run_name LIKE 'RUN-%'") << false;
    QTest::newRow("ILIKE") << QStringLiteral("attributes.run_name ILIKE 'RUN-_'") << true;
    QTest::newRow("status") << QStringLiteral("attributes.status = 'FINISHED'") << true;
    QTest::newRow("IN") << QStringLiteral("tags.mlflow.user IN ('bob', 'ann')") << true;
    QTest::newRow("NOT IN") << QStringLiteral("params.optimizer NOT IN ('adam')") << false;
    QTest::newRow("start_time") << QStringLiteral("attributes.start_time > 100") << true;
}

void TestSearchFilter::matches()
{
    QFETCH(QString, filter);
    QFETCH(bool, expected);
    const auto parsed = SearchFilter::parse(filter, SearchFilter::Target::Runs);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().matches(makeRun(QStringLiteral("r1"), QStringLiteral("run-1"), 0.25, QStringLiteral("adam"), 1000)),
             expected);
}

void TestSearchFilter::errorsUseTheServerWording_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    QTest::newRow("unquoted slash") << QStringLiteral("metrics.system/gpu_0_utilization_percentage > 38")
                                    << QStringLiteral("Invalid comparison clause. Expected 'Identifier' found "
                                                      "'metrics.system/gpu_0_utilization_percentage'");
    QTest::newRow("bad comparator") << QStringLiteral("metrics.loss <<< 1")
                                    << QStringLiteral("Invalid comparator '<<<' not one of");
    QTest::newRow("bad attribute") << QStringLiteral("attributes.foo = 'x'") << QStringLiteral("Invalid attribute key 'foo'");
    QTest::newRow("bad entity") << QStringLiteral("things.x = 'y'") << QStringLiteral("Invalid entity type 'things'");
    QTest::newRow("metric string") << QStringLiteral("metrics.loss = 'x'")
                                   << QStringLiteral("Expected numeric value type for metric");
    QTest::newRow("unterminated") << QStringLiteral("params.a = 'x") << QStringLiteral("unterminated quote");
    QTest::newRow("OR") << QStringLiteral("params.a = 'x' or params.b = 'y'") << QStringLiteral("Invalid clause(s)");
}

void TestSearchFilter::errorsUseTheServerWording()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    const auto parsed = SearchFilter::parse(filter, SearchFilter::Target::Runs);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(parsed.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
}

void TestSearchFilter::orderPutsMissingValuesLast()
{
    QList<Run> runs{makeRun(QStringLiteral("a"), QStringLiteral("a"), 0.5, QStringLiteral("sgd"), 1),
                    makeRun(QStringLiteral("b"), QStringLiteral("b"), 0.1, QStringLiteral("adam"), 3),
                    makeRun(QStringLiteral("c"), QStringLiteral("c"), 0.3, QStringLiteral("adam"), 2)};
    runs[2].metrics.clear(); // c has no loss
    for (bool ascending : {true, false}) {
        const auto order = SearchOrder::parse({QStringLiteral("metrics.loss ") + (ascending ? "ASC" : "DESC")},
                                              SearchFilter::Target::Runs);
        QVERIFY(order.ok());
        QList<Run> sorted = runs;
        order.value().sort(sorted);
        QCOMPARE(sorted.last().info.runId, QStringLiteral("c"));
        QCOMPARE(sorted.first().info.runId, ascending ? QStringLiteral("b") : QStringLiteral("a"));
    }
    // Default: newest start first.
    const auto none = SearchOrder::parse({}, SearchFilter::Target::Runs);
    QList<Run> sorted = runs;
    none.value().sort(sorted);
    QCOMPARE(sorted.first().info.runId, QStringLiteral("b"));
    QCOMPARE(sorted.last().info.runId, QStringLiteral("a"));
    // A second key breaks ties.
    const auto two = SearchOrder::parse({QStringLiteral("params.optimizer"), QStringLiteral("attributes.start_time ASC")},
                                        SearchFilter::Target::Runs);
    QVERIFY(two.ok());
    sorted = runs;
    two.value().sort(sorted);
    QCOMPARE(sorted.at(0).info.runId, QStringLiteral("c"));
    QCOMPARE(sorted.at(1).info.runId, QStringLiteral("b"));
    QVERIFY(!SearchOrder::parse({QStringLiteral("metrics.loss SIDEWAYS")}, SearchFilter::Target::Runs).ok());
}

void TestSearchFilter::experimentsFilterAndOrder()
{
    Experiment a, b;
    a.experimentId = QStringLiteral("1");
    a.name = QStringLiteral("acceptance-exp");
    a.creationTime = 10;
    a.tags = {{QStringLiteral("team"), QStringLiteral("cpp")}};
    b.experimentId = QStringLiteral("2");
    b.name = QStringLiteral("Default");
    b.creationTime = 20;
    const auto like = SearchFilter::parse(QStringLiteral("name LIKE 'acc%'"), SearchFilter::Target::Experiments);
    QVERIFY(like.ok());
    QVERIFY(like.value().matches(a));
    QVERIFY(!like.value().matches(b));
    const auto tag = SearchFilter::parse(QStringLiteral("tags.team = 'cpp'"), SearchFilter::Target::Experiments);
    QVERIFY(tag.ok() && tag.value().matches(a) && !tag.value().matches(b));
    QVERIFY(!SearchFilter::parse(QStringLiteral("metrics.loss < 1"), SearchFilter::Target::Experiments).ok());

    QList<Experiment> list{a, b};
    SearchOrder::parse({}, SearchFilter::Target::Experiments).value().sort(list);
    QCOMPARE(list.first().name, QStringLiteral("Default")); // newest first
    SearchOrder::parse({QStringLiteral("name ASC")}, SearchFilter::Target::Experiments).value().sort(list);
    QCOMPARE(list.first().name, QStringLiteral("Default")); // 'D' < 'a'
}

void TestSearchFilter::syntaxQuotesOnlyWhatNeedsIt()
{
    using E = SearchSyntax::Entity;
    QCOMPARE(SearchSyntax::identifier(E::Metric, QStringLiteral("val_loss")), QStringLiteral("metrics.val_loss"));
    QCOMPARE(SearchSyntax::identifier(E::Metric, QStringLiteral("system/gpu_0_utilization_percentage")),
             QStringLiteral("metrics.`system/gpu_0_utilization_percentage`"));
    QCOMPARE(SearchSyntax::identifier(E::Tag, QStringLiteral("mlflow.user")), QStringLiteral("tags.`mlflow.user`"));
    QCOMPARE(SearchSyntax::identifier(E::Param, QStringLiteral("2nd")), QStringLiteral("params.`2nd`"));
    QCOMPARE(SearchSyntax::orderBy(E::Attribute, QStringLiteral("start_time"), false),
             QStringLiteral("attributes.start_time DESC"));
    QCOMPARE(SearchSyntax::stringLiteral(QStringLiteral("it's")), QStringLiteral("'it\\'s'"));
    // What the syntax builds, the parser reads back.
    const auto parsed = SearchFilter::parse(SearchSyntax::identifier(E::Tag, QStringLiteral("mlflow.user")) +
                                                QStringLiteral(" = ") + SearchSyntax::stringLiteral(QStringLiteral("ann")),
                                            SearchFilter::Target::Runs);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().clauses().first().identifier.key, QStringLiteral("mlflow.user"));
}

void TestSearchFilter::pageTokens()
{
    QCOMPARE(PageToken::encode(2), QStringLiteral("eyJvZmZzZXQiOiAyfQ==")); // as the server writes it
    QCOMPARE(PageToken::decode(QStringLiteral("eyJvZmZzZXQiOiA0fQ==")).value(), qint64(4));
    QCOMPARE(PageToken::decode(QString()).value(), qint64(0));
    const auto garbage = PageToken::decode(QStringLiteral("garbage"));
    QVERIFY(!garbage.ok());
    QCOMPARE(garbage.error().message, QStringLiteral("Invalid page token, could not base64-decode"));
    QVERIFY(!PageToken::decode(QStringLiteral("e30=")).ok()); // {} : no offset
}

QTEST_GUILESS_MAIN(TestSearchFilter)
#include "TestSearchFilter.moc"
