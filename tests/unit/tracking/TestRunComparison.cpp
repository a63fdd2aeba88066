// RunComparison (params/tags diffs, highlighted cells, names), MetricSummary and Csv.

#include "tracking/RunComparison.h"
#include "util/Csv.h"

#include <QTest>

#include <cmath>

using namespace mltf;
using namespace mltf::tracking;

namespace {

Run makeRun(const QString &id, const QString &name, const Params &params, const Tags &tags = {},
            const Metrics &metrics = {})
{
    Run run;
    run.info.runId = id;
    run.info.runName = name;
    run.params = params;
    run.tags = tags;
    run.metrics = metrics;
    return run;
}

QStringList keys(const QList<ComparisonRow> &rows)
{
    QStringList out;
    for (const ComparisonRow &row : rows)
        out.append(row.key);
    return out;
}

} // namespace

class TestRunComparison : public QObject
{
    Q_OBJECT

private slots:
    void paramsDifferKeyByKey()
    {
        const RunComparison c({makeRun("a", "A", {{"lr", "0.1"}, {"seed", "1"}, {"opt", "adam"}}),
                               makeRun("b", "B", {{"lr", "0.01"}, {"seed", "1"}, {"opt", "adam"}}),
                               makeRun("c", "C", {{"lr", "0.1"}, {"seed", "1"}})});
        QCOMPARE(keys(c.params()), (QStringList{"lr", "opt", "seed"}));
        QCOMPARE(c.differingParamKeys(), (QStringList{"lr", "opt"})); // a missing value differs
        QCOMPARE(keys(RunComparison::onlyDifferences(c.params())), (QStringList{"lr", "opt"}));

        const ComparisonRow lr = c.params()[0];
        QCOMPARE(lr.values[1], std::optional<QString>("0.01"));
        // 0.1 is the usual value (two runs): only the 0.01 cell stands out.
        QCOMPARE(lr.standsOut, (QList<bool>{false, true, false}));
        const ComparisonRow opt = c.params()[1];
        QVERIFY(!opt.values[2].has_value());
        QCOMPARE(opt.standsOut, (QList<bool>{false, false, true}));
        QCOMPARE(c.params()[2].standsOut, (QList<bool>{false, false, false}));
    }

    void allDistinctValuesAllStandOut()
    {
        const RunComparison c({makeRun("a", "A", {{"lr", "1"}}), makeRun("b", "B", {{"lr", "2"}})});
        QCOMPARE(c.params()[0].standsOut, (QList<bool>{true, true}));
    }

    void tagsAndMetricKeys()
    {
        const RunComparison c(
            {makeRun("a", "A", {}, {{"mlflow.runName", "A"}, {"host", "x"}}, {{"loss", 1, 0, 3}}),
             makeRun("b", "B", {}, {{"mlflow.runName", "B"}, {"host", "x"}}, {{"acc", 1, 0, 3}})});
        QCOMPARE(keys(RunComparison::onlyDifferences(c.tags())), (QStringList{"mlflow.runName"}));
        QCOMPARE(c.metricKeys(), (QStringList{"acc", "loss"}));
        QCOMPARE(c.latestMetric(0, "loss"), std::optional<double>(1));
        QVERIFY(!c.latestMetric(1, "loss"));
        QVERIFY(!c.latestMetric(5, "loss"));
    }

    void namesAreMadeUnique()
    {
        const RunComparison c({makeRun("aaaaaaaa1", "same", {}), makeRun("bbbbbbbb2", "same", {}),
                               makeRun("cccccccc3", "", {})});
        QCOMPARE(c.runNames(),
                 (QStringList{"same (aaaaaa)", "same (bbbbbb)", "cccccccc3"})); // unnamed: the id
    }

    void summaryOfAHistory()
    {
        // Unsorted, with a NaN and a duplicate step: last is the highest step, then the latest timestamp.
        const QList<MetricPoint> points{
            {2, 20, 0.5}, {0, 0, 3.0}, {1, 10, qQNaN()}, {2, 25, 0.7}, {1, 11, 0.2}};
        const MetricSummary s = MetricSummary::of(points);
        QCOMPARE(s.last, 0.7);
        QCOMPARE(s.min, 0.2);
        QCOMPARE(s.max, 3.0);
        QCOMPARE(s.count, 5);
        const MetricSummary empty = MetricSummary::of({});
        QVERIFY(std::isnan(empty.last) && std::isnan(empty.min) && empty.count == 0);
    }

    void csvQuotesWhatNeedsIt()
    {
        QCOMPARE(Csv::record({"a", "b,c", "say \"hi\"", "x\ny"}),
                 QByteArray("a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n"));
        QCOMPARE(Csv::table({"k", "v"}, {{"betas", "(0.9, 0.95)"}}),
                 QByteArray("k,v\r\nbetas,\"(0.9, 0.95)\"\r\n"));
        QCOMPARE(Csv::field(QStringLiteral("é")), QByteArray("\xc3\xa9"));
    }
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "TestRunComparison.moc"
