#include "series/ChartSeries.h"

#include <QTest>

#include <cmath>

using namespace mltf::series;

namespace {

std::vector<SeriesPoint> history(int from, int to, qint64 timeOffset = 0)
{
    std::vector<SeriesPoint> points;
    for (int i = from; i < to; ++i)
        points.push_back({i, 1795337313533 + timeOffset + 100 * i, 1.0 / (1 + i)});
    return points;
}

} // namespace

class TestChartSeries : public QObject
{
    Q_OBJECT
private slots:
    void liveMergesShowUpWithoutResettingTheView()
    {
        ChartSeries line(XAxis::Step);
        line.setSeries(MetricSeries::fromUnordered(history(0, 1000)));
        Envelope e = line.envelope(0, 2000, 400);
        QCOMPARE(e.pointCount, 1000);
        QVERIFY(!e.after);

        // The next poll returns the full history plus ten points: the same request now sees them.
        const MetricSeries::MergeResult r = line.merge(history(0, 1010));
        QCOMPARE(r.added, 10);
        e = line.envelope(0, 2000, 400);
        QCOMPARE(e.pointCount, 1010);
        QCOMPARE(e.columns.last().last.index, 1009);
        QCOMPARE(line.lastX(), 1009.0);
    }

    void resumedRunIsResortedForTheStepAxis()
    {
        ChartSeries line(XAxis::WallTime);
        line.setSeries(MetricSeries::fromUnordered(history(0, 100)));
        // The run restarted from a checkpoint at step 80 and logs steps 80.. again, later in time.
        line.merge(history(80, 120, 100000));
        QCOMPARE(line.raw().size(), 140);
        QVERIFY(line.raw().isSortedFor(XAxis::WallTime));
        Envelope e = line.envelope(line.firstX(), line.lastX(), 10000);
        QCOMPARE(e.pointCount, 140);

        line.setXAxis(XAxis::Step);
        QVERIFY(line.raw().isSortedFor(XAxis::Step));
        e = line.envelope(0, 200, 10000);
        QCOMPARE(e.pointCount, 140);
        // Steps 80..99 appear twice, side by side.
        QCOMPARE(line.raw().step(160 - 80), 80);
        QCOMPARE(line.raw().step(81), 80);

        // Back to time: still answerable.
        line.setXAxis(XAxis::RelativeTime);
        QVERIFY(line.raw().isSortedFor(XAxis::RelativeTime));
        QCOMPARE(line.envelope(line.firstX(), line.lastX(), 100).pointCount, 140);
        QCOMPARE(line.firstX(), 0.0);
    }

    void smoothingFollowsTheRawSeries()
    {
        ChartSeries line;
        line.setSeries(MetricSeries::fromUnordered(history(0, 500)));
        QVERIFY(!line.isSmoothed());
        QCOMPARE(line.smoothed().size(), 500); // the raw line when smoothing is off

        line.setSmoothingWeight(0.9);
        QVERIFY(line.isSmoothed());
        line.merge(history(500, 600));
        const MetricSeries expected = ExponentialMovingAverage::smooth(line.raw(), 0.9);
        QCOMPARE(line.smoothed().size(), 600);
        for (qsizetype i = 0; i < 600; ++i)
            QCOMPARE(line.smoothed().value(i), expected.value(i));

        const Envelope smooth = line.envelope(0, 600, 50, YScale::Log, ChartSeries::Line::Smoothed);
        const Envelope raw = line.envelope(0, 600, 50, YScale::Log, ChartSeries::Line::Raw);
        QCOMPARE(smooth.columns.size(), 50);
        QVERIFY(smooth.yMin > raw.yMin); // the falling tail lags behind when smoothed

        line.setSmoothingWeight(0);
        QVERIFY(!line.isSmoothed());
        QCOMPARE(line.envelope(0, 600, 50, YScale::Log, ChartSeries::Line::Smoothed).yMax, raw.yMax);
    }

    void hoverAndTimeOrigin()
    {
        ChartSeries line(XAxis::RelativeTime);
        line.setSeries(MetricSeries::fromUnordered(history(0, 10)));
        QCOMPARE(line.nearestIndex(0.26), 3); // points every 0.1 s
        line.setTimeOrigin(1795337313533 - 60000); // the run started a minute before its first point
        QCOMPARE(line.firstX(), 60.0);
        QCOMPARE(line.nearestIndex(60.31), 3);
        line.clear();
        QCOMPARE(line.nearestIndex(1), -1);
        QVERIFY(line.envelope(0, 1, 10).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChartSeries)
#include "TestChartSeries.moc"
