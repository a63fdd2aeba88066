#include "series/EnvelopePyramid.h"
#include "series/ExponentialMovingAverage.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace mltf::series;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// TensorBoard's resmoothDataset (vz_line_chart2/line-chart.ts), transcribed literally: pow() per point,
// non-finite values passed through and not counted.
std::vector<double> tensorBoardReference(const std::vector<double> &values, double weight)
{
    std::vector<double> out;
    double last = values.empty() ? qQNaN() : 0.0;
    int numAccum = 0;
    for (double next : values) {
        if (!std::isfinite(next)) {
            out.push_back(next);
            continue;
        }
        last = last * weight + (1 - weight) * next;
        ++numAccum;
        double debiasWeight = 1;
        if (weight != 1)
            debiasWeight = 1 - std::pow(weight, numAccum);
        out.push_back(last / debiasWeight);
    }
    return out;
}

MetricSeries seriesOf(const std::vector<double> &values)
{
    MetricSeries s;
    for (size_t i = 0; i < values.size(); ++i)
        s.append(static_cast<qint64>(i), 1000 + 10 * static_cast<qint64>(i), values[i]);
    return s;
}

std::vector<double> randomValues(quint32 seed, size_t n)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> values;
    double level = 5;
    for (size_t i = 0; i < n; ++i) {
        const quint32 k = rng() % 100;
        if (k == 0)
            values.push_back(qQNaN());
        else if (k == 1)
            values.push_back(kInf);
        else if (k == 2)
            values.push_back(-kInf);
        else {
            level *= 0.999;
            values.push_back(level + noise(rng));
        }
    }
    return values;
}

bool close(double expected, double actual)
{
    if (!std::isfinite(expected))
        return expected == actual || (std::isnan(expected) && std::isnan(actual));
    return std::abs(expected - actual) <= 1e-12 * std::max(1.0, std::abs(expected));
}

} // namespace

class TestExponentialMovingAverage : public QObject
{
    Q_OBJECT
private slots:
    void knownValues()
    {
        // w = 0.5: 1 -> 0.5/0.5 = 1; 3 -> 1.75/0.75; NaN passes through and does not count;
        // 5 -> 3.375/0.875.
        const MetricSeries s = ExponentialMovingAverage::smooth(seriesOf({1, 3, qQNaN(), 5}), 0.5);
        QCOMPARE(s.size(), 4);
        QCOMPARE(s.value(0), 1.0);
        QVERIFY(close(7.0 / 3.0, s.value(1)));
        QVERIFY(std::isnan(s.value(2)));
        QVERIFY(close(27.0 / 7.0, s.value(3)));
        // Steps and timestamps are those of the raw series.
        QCOMPARE(s.steps(), (std::vector<qint64>{0, 1, 2, 3}));
        QCOMPARE(s.timestamps(), (std::vector<qint64>{1000, 1010, 1020, 1030}));

        // w = 0.6 on 0, 1, 2 (TensorBoard's default weight).
        const MetricSeries t = ExponentialMovingAverage::smooth(seriesOf({0, 1, 2}), 0.6);
        QCOMPARE(t.value(0), 0.0);
        QVERIFY(close(0.4 / 0.64, t.value(1)));
        QVERIFY(close((0.24 + 0.8) / (1 - 0.216), t.value(2)));
    }

    void equalsTensorBoardReference_data()
    {
        QTest::addColumn<double>("weight");
        for (double w : {0.0, 0.3, 0.6, 0.9, 0.99, 0.999})
            QTest::addRow("w%g", w) << w;
    }

    void equalsTensorBoardReference()
    {
        QFETCH(double, weight);
        for (quint32 seed : {1u, 2u, 3u}) {
            const std::vector<double> values = randomValues(seed, 20000);
            const std::vector<double> expected = tensorBoardReference(values, weight);
            const MetricSeries smoothed = ExponentialMovingAverage::smooth(seriesOf(values), weight);
            QCOMPARE(smoothed.size(), qsizetype(expected.size()));
            for (qsizetype i = 0; i < smoothed.size(); ++i) {
                if (!close(expected[size_t(i)], smoothed.value(i)))
                    QFAIL(qPrintable(QStringLiteral("point %1: %2 vs %3")
                                         .arg(i)
                                         .arg(expected[size_t(i)], 0, 'g', 17)
                                         .arg(smoothed.value(i), 0, 'g', 17)));
            }
        }
    }

    void zeroWeightAndConstantSeriesAreExact()
    {
        const std::vector<double> values = randomValues(9, 500);
        const MetricSeries unchanged = ExponentialMovingAverage::smooth(seriesOf(values), 0.0);
        for (size_t i = 0; i < values.size(); ++i)
            QVERIFY(close(values[i], unchanged.value(qsizetype(i))) && (std::isnan(values[i]) || values[i] == unchanged.value(qsizetype(i))));

        // A constant learning rate stays exactly that value, NaN gaps included.
        const MetricSeries lr = ExponentialMovingAverage::smooth(seriesOf({1e-3, 1e-3, qQNaN(), 1e-3, 1e-3}), 0.9);
        QCOMPARE(lr.value(0), 1e-3);
        QCOMPARE(lr.value(4), 1e-3);
        QVERIFY(std::isnan(lr.value(2)));
    }

    void weightIsClamped()
    {
        QCOMPARE(ExponentialMovingAverage::clampWeight(1.5), 0.999);
        QCOMPARE(ExponentialMovingAverage::clampWeight(1.0), 0.999);
        QCOMPARE(ExponentialMovingAverage::clampWeight(-1), 0.0);
        QCOMPARE(ExponentialMovingAverage::clampWeight(qQNaN()), 0.0);
        QCOMPARE(ExponentialMovingAverage(0.6).weight(), 0.6);
    }

    void incrementalUpdateEqualsFullSmoothing()
    {
        const std::vector<double> values = randomValues(4, 10000);
        const MetricSeries full = seriesOf(values);
        const MetricSeries expected = ExponentialMovingAverage::smooth(full, 0.95);

        MetricSeries raw;
        MetricSeries smoothed;
        ExponentialMovingAverage ema(0.95);
        QVERIFY(ema.update(raw, smoothed)); // first call computes from scratch
        EnvelopePyramid pyramid(smoothed);
        std::mt19937 rng(4);
        for (qsizetype i = 0; i < full.size();) {
            const qsizetype chunk = std::min<qsizetype>(full.size() - i, 1 + rng() % 200);
            for (qsizetype k = 0; k < chunk; ++k, ++i)
                raw.append(full.point(i));
            QVERIFY(!ema.update(raw, smoothed)); // only the new points
            QVERIFY(!pyramid.update(smoothed)); // and the smoothed series only grew
        }
        QCOMPARE(smoothed.size(), expected.size());
        for (qsizetype i = 0; i < smoothed.size(); ++i)
            QVERIFY(expected.value(i) == smoothed.value(i) || std::isnan(expected.value(i)));

        // A late point inserted in the middle changes every smoothed value after it: recompute.
        raw.append(raw.step(10), raw.timestamp(10), 100.0);
        QVERIFY(ema.update(raw, smoothed));
        QCOMPARE(smoothed.size(), raw.size());
        QVERIFY(pyramid.update(smoothed));

        // A new weight recomputes too.
        ema.setWeight(0.5);
        QVERIFY(ema.update(raw, smoothed));
    }

    void smoothedSeriesGetsItsOwnEnvelope()
    {
        const MetricSeries raw = seriesOf(randomValues(5, 5000));
        const MetricSeries smoothed = ExponentialMovingAverage::smooth(raw, 0.9);
        const EnvelopePyramid pyramid(smoothed);
        EnvelopeRequest r;
        r.x0 = smoothed.firstX(XAxis::Step);
        r.x1 = smoothed.lastX(XAxis::Step);
        r.width = 100;
        const Envelope e = pyramid.query(smoothed, r);
        QCOMPARE(e.columns.size(), 100);
        QCOMPARE(e.pointCount, raw.size());
        // Smoothing narrows the band: the smoothed extremes lie within the raw finite extremes.
        const Envelope rawEnvelope = EnvelopePyramid(raw).query(raw, r);
        QVERIFY(e.yMin >= rawEnvelope.yMin);
        QVERIFY(e.yMax <= rawEnvelope.yMax);
    }
};

QTEST_GUILESS_MAIN(TestExponentialMovingAverage)
#include "TestExponentialMovingAverage.moc"
