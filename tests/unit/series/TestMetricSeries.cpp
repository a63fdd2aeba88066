#include "series/MetricSeries.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace mltf::series;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<SeriesPoint> pointsOf(const MetricSeries &s)
{
    std::vector<SeriesPoint> out;
    for (qsizetype i = 0; i < s.size(); ++i)
        out.push_back(s.point(i));
    return out;
}

QString dump(const MetricSeries &s)
{
    QStringList parts;
    for (qsizetype i = 0; i < s.size(); ++i)
        parts << QStringLiteral("(%1,%2,%3)").arg(s.step(i)).arg(s.timestamp(i)).arg(s.value(i));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestMetricSeries : public QObject
{
    Q_OBJECT
private slots:
    void appendKeepsColumnsAndNonFiniteValues()
    {
        MetricSeries s;
        QVERIFY(s.isEmpty());
        const quint64 generation = s.generation();
        s.append(0, 1000, 0.5);
        s.append(1, 1010, qQNaN());
        s.append(2, 1020, kInf);
        s.append(SeriesPoint{3, 1030, -kInf});
        QCOMPARE(s.size(), 4);
        QCOMPARE(s.generation(), generation); // appends in order keep indexes valid
        QCOMPARE(s.steps(), (std::vector<qint64>{0, 1, 2, 3}));
        QCOMPARE(s.timestamps(), (std::vector<qint64>{1000, 1010, 1020, 1030}));
        QCOMPARE(s.value(0), 0.5);
        QVERIFY(std::isnan(s.value(1)));
        QCOMPARE(s.value(2), kInf);
        QCOMPARE(s.value(3), -kInf);
    }

    void outOfOrderAppendIsInsertedAtItsPlace()
    {
        MetricSeries s; // by time
        s.append(0, 100, 1.0);
        s.append(2, 300, 3.0);
        const quint64 generation = s.generation();
        s.append(1, 200, 2.0);
        QVERIFY(s.generation() != generation);
        QCOMPARE(s.steps(), (std::vector<qint64>{0, 1, 2}));
        QCOMPARE(s.values(), (std::vector<double>{1.0, 2.0, 3.0}));
        // Equal keys: the new point goes after the existing ones, duplicates are kept by append().
        s.append(1, 200, 2.0);
        QCOMPARE(s.size(), 4);
    }

    void fromUnorderedSortsLikeTheServerAndDropsDuplicates()
    {
        // MLflow returns get-history by timestamp, then step, then value; steps 3,1,2,2,0 logged at
        // timestamps 300,100,50,50,10 come back as steps 0,2,2,1,3 (protocols/mlflow-rest.md).
        const std::vector<SeriesPoint> logged{
            {3, 300, 0.3}, {1, 100, 0.1}, {2, 50, 0.25}, {2, 50, 0.2}, {0, 10, 0.0}, {1, 100, 0.1}};
        const MetricSeries byTime = MetricSeries::fromUnordered(logged);
        QCOMPARE(byTime.steps(), (std::vector<qint64>{0, 2, 2, 1, 3}));
        QCOMPARE(byTime.values(), (std::vector<double>{0.0, 0.2, 0.25, 0.1, 0.3}));
        QVERIFY(byTime.isSortedFor(XAxis::WallTime));
        QVERIFY(!byTime.isSortedFor(XAxis::Step));

        const MetricSeries byStep = MetricSeries::fromUnordered(logged, MetricSeries::Order::ByStep);
        QCOMPARE(byStep.steps(), (std::vector<qint64>{0, 1, 2, 2, 3}));
        QCOMPARE(byStep.timestamps(), (std::vector<qint64>{10, 100, 50, 50, 300}));
        QVERIFY(byStep.isSortedFor(XAxis::Step));
        QVERIFY(!byStep.isSortedFor(XAxis::RelativeTime));

        QCOMPARE(pointsOf(byTime.sortedBy(MetricSeries::Order::ByStep)).size(), size_t(5));
        QCOMPARE(byTime.sortedBy(MetricSeries::Order::ByStep).steps(), byStep.steps());
    }

    void nanDuplicatesAreDroppedButEqualKeysWithOtherValuesKept()
    {
        const std::vector<SeriesPoint> points{{1, 10, qQNaN()}, {1, 10, qQNaN()}, {1, 10, 2.0}, {1, 10, kInf}};
        const MetricSeries s = MetricSeries::fromUnordered(points);
        QCOMPARE(s.size(), 3);
        // -inf < finite < +inf < NaN inside equal keys.
        QCOMPARE(s.value(0), 2.0);
        QCOMPARE(s.value(1), kInf);
        QVERIFY(std::isnan(s.value(2)));
    }

    void fromColumnsTakesSortedColumnsAndSortsOthers()
    {
        MetricSeries s = MetricSeries::fromColumns({0, 1, 2}, {10, 20, 30}, {1, 2, 3});
        QCOMPARE(s.size(), 3);
        QVERIFY(s.isSortedFor(XAxis::Step));
        s = MetricSeries::fromColumns({2, 0, 1}, {30, 10, 20}, {3, 1, 2});
        QCOMPARE(s.values(), (std::vector<double>{1, 2, 3}));
        s = MetricSeries::fromColumns({0, 1, 2}, {10, 20}, {1, 2, 3}); // mismatched sizes: shortest wins
        QCOMPARE(s.size(), 2);
    }

    void mergeOfTheFullHistoryAddsOnlyNewPoints()
    {
        std::vector<SeriesPoint> history;
        for (int i = 0; i < 1000; ++i)
            history.push_back({i, 1000 + 10 * i, i % 7 == 0 ? qQNaN() : 1.0 / (i + 1)});
        MetricSeries s = MetricSeries::fromUnordered(history);
        const quint64 generation = s.generation();

        // The same history again (MLflow 2.x always returns everything): nothing changes.
        MetricSeries::MergeResult r = s.merge(history);
        QCOMPARE(r.added, 0);
        QVERIFY(!r.reordered);
        QCOMPARE(s.size(), 1000);
        QCOMPARE(s.generation(), generation);

        // The history plus ten new points, in server order: only the ten are appended, indexes stay valid.
        for (int i = 1000; i < 1010; ++i)
            history.push_back({i, 1000 + 10 * i, 0.5});
        r = s.merge(history);
        QCOMPARE(r.added, 10);
        QVERIFY(!r.reordered);
        QCOMPARE(s.size(), 1010);
        QCOMPARE(s.generation(), generation);

        // Only a tail that overlaps what is known (a paged fetch from an offset).
        std::vector<SeriesPoint> tail(history.end() - 5, history.end());
        tail.push_back({1010, 1000 + 10 * 1010, 0.25});
        r = s.merge(tail);
        QCOMPARE(r.added, 1);
        QCOMPARE(s.size(), 1011);
        QCOMPARE(s.generation(), generation);
        QCOMPARE(s.step(1010), 1010);
    }

    void mergeInsertsLatePointsAndReportsIt()
    {
        MetricSeries s;
        for (int i = 0; i < 10; ++i)
            s.append(i, 100 * i, i);
        const quint64 generation = s.generation();
        // Batch in arbitrary order with a point logged with an old timestamp and one with an equal key.
        const std::vector<SeriesPoint> batch{{11, 1100, 11}, {4, 450, 4.5}, {10, 1000, 10}, {9, 900, -1}};
        const MetricSeries::MergeResult r = s.merge(batch);
        QCOMPARE(r.added, 4);
        QVERIFY(r.reordered);
        QVERIFY(s.generation() != generation);
        QCOMPARE(s.timestamps(),
                 (std::vector<qint64>{0, 100, 200, 300, 400, 450, 500, 600, 700, 800, 900, 900, 1000, 1100}));
        QCOMPARE(s.value(10), 9.0);  // the stored point keeps its place before the new one with the same key
        QCOMPARE(s.value(11), -1.0);
    }

    void randomMergesEqualSortedUnion()
    {
        std::mt19937 rng(7);
        for (int round = 0; round < 30; ++round) {
            std::vector<SeriesPoint> all;
            for (int i = 0; i < 300; ++i) {
                const int kind = static_cast<int>(rng() % 10);
                const double v = kind == 0 ? qQNaN() : (kind == 1 ? kInf : static_cast<double>(rng() % 5));
                all.push_back({static_cast<qint64>(rng() % 50), static_cast<qint64>(rng() % 40), v});
            }
            MetricSeries::Order order = round % 2 ? MetricSeries::Order::ByStep : MetricSeries::Order::ByTime;
            MetricSeries merged(order);
            // Deliver in overlapping random batches, as polls of varying size would.
            for (size_t begin = 0; begin < all.size();) {
                const size_t end = std::min(all.size(), begin + 1 + rng() % 60);
                const size_t from = begin >= 20 ? begin - rng() % 20 : 0; // re-deliver some known points
                merged.merge(std::vector<SeriesPoint>(all.begin() + static_cast<std::ptrdiff_t>(from),
                                                      all.begin() + static_cast<std::ptrdiff_t>(end)));
                begin = end;
            }
            const MetricSeries expected = MetricSeries::fromUnordered(all, order);
            QCOMPARE(merged.size(), expected.size());
            QCOMPARE(merged.steps(), expected.steps());
            QCOMPARE(merged.timestamps(), expected.timestamps());
            // Same multiset of values per key (order inside equal keys depends on arrival).
            for (qsizetype i = 0; i < merged.size(); ++i) {
                bool found = false;
                for (qsizetype j = 0; j < expected.size() && !found; ++j) {
                    found = expected.step(j) == merged.step(i) && expected.timestamp(j) == merged.timestamp(i)
                            && (expected.value(j) == merged.value(i)
                                || (std::isnan(expected.value(j)) && std::isnan(merged.value(i))));
                }
                if (!found)
                    QFAIL(qPrintable(dump(merged)));
            }
        }
    }

    void xModes()
    {
        MetricSeries s;
        s.append(5, 1795337313533, 1.0);
        s.append(6, 1795337314033, 2.0);
        s.append(8, 1795337318533, 3.0);
        QCOMPARE(s.x(XAxis::Step, 2), 8.0);
        QCOMPARE(s.x(XAxis::WallTime, 1), 1795337314033.0);
        QCOMPARE(s.x(XAxis::RelativeTime, 0), 0.0);
        QCOMPARE(s.x(XAxis::RelativeTime, 1), 0.5); // seconds since the first timestamp
        QCOMPARE(s.x(XAxis::RelativeTime, 2), 5.0);
        QCOMPARE(s.timeOrigin(), 1795337313533);
        s.setTimeOrigin(1795337313033); // e.g. the run's start time
        QCOMPARE(s.x(XAxis::RelativeTime, 0), 0.5);
        s.setTimeOrigin(std::nullopt);
        QCOMPARE(s.x(XAxis::RelativeTime, 0), 0.0);
        QCOMPARE(s.firstX(XAxis::Step), 5.0);
        QCOMPARE(s.lastX(XAxis::RelativeTime), 5.0);
        QVERIFY(std::isnan(MetricSeries().firstX(XAxis::Step)));

        // In step order the relative origin is still the earliest timestamp, wherever it is stored.
        const MetricSeries byStep =
            MetricSeries::fromUnordered({{1, 2000, 0}, {2, 1000, 0}}, MetricSeries::Order::ByStep);
        QCOMPARE(byStep.x(XAxis::RelativeTime, 0), 1.0);
    }

    void searches()
    {
        MetricSeries s;
        const qint64 steps[] = {0, 10, 10, 10, 20, 40};
        for (qint64 step : steps)
            s.append(step, 1000 + step, 0.0);
        QCOMPARE(s.lowerBound(XAxis::Step, 10), 1);
        QCOMPARE(s.upperBound(XAxis::Step, 10), 4);
        QCOMPARE(s.lowerBound(XAxis::Step, -5), 0);
        QCOMPARE(s.upperBound(XAxis::Step, 100), 6);
        QCOMPARE(s.nearestIndex(XAxis::Step, 14), 1); // first of the equal x
        QCOMPARE(s.nearestIndex(XAxis::Step, 16), 4);
        QCOMPARE(s.nearestIndex(XAxis::Step, 30), 4); // tie: the earlier point
        QCOMPARE(s.nearestIndex(XAxis::Step, -100), 0);
        QCOMPARE(s.nearestIndex(XAxis::Step, 1e9), 5);
        QCOMPARE(s.nearestIndex(XAxis::Step, qQNaN()), -1);
        QCOMPARE(MetricSeries().nearestIndex(XAxis::Step, 1), -1);
    }

    void copiesGetTheirOwnGenerationMovesKeepIt()
    {
        MetricSeries s;
        s.append(1, 1, 1);
        const quint64 generation = s.generation();
        const MetricSeries copy = s;
        QVERIFY(copy.generation() != generation);
        QCOMPARE(copy.size(), 1);
        MetricSeries moved = std::move(s);
        QCOMPARE(moved.generation(), generation);
        QCOMPARE(moved.size(), 1);
        QVERIFY(s.isEmpty()); // NOLINT(bugprone-use-after-move): documented state
        QVERIFY(s.generation() != generation);
        moved.clear();
        QVERIFY(moved.generation() != generation);
    }

    void realServerSampleWithNaN()
    {
        // 37_scratch_get_history_nan_and_order.json: steps 0, 2, 1 by timestamp, the last value "NaN".
        const std::vector<SeriesPoint> fromServer{
            {0, 1795340000010, 0.5}, {2, 1795340000020, 0.25}, {1, 1795340000030, qQNaN()}};
        const MetricSeries s = MetricSeries::fromUnordered(fromServer);
        QCOMPARE(s.steps(), (std::vector<qint64>{0, 2, 1}));
        QVERIFY(!s.isSortedFor(XAxis::Step));
        QVERIFY(s.isSortedFor(XAxis::WallTime));
        QVERIFY(std::isnan(s.value(2)));
    }

    void convertsAnyPointStruct()
    {
        struct Foreign
        {
            qint64 step;
            qint64 timestamp;
            double value;
        };
        const QList<Foreign> foreign{{1, 2, 3.0}, {2, 3, 4.0}};
        const std::vector<SeriesPoint> points = SeriesPoint::from(foreign);
        QCOMPARE(points.size(), size_t(2));
        QCOMPARE(points[1].value, 4.0);
    }
};

QTEST_GUILESS_MAIN(TestMetricSeries)
#include "TestMetricSeries.moc"
