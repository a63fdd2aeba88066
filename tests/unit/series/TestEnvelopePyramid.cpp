#include "series/EnvelopePyramid.h"
#include "series/MetricSeries.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace mltf::series;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool same(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

// Random series whose steps and timestamps both rise (with repeats), with NaN/+Inf/-Inf, zeros, negatives,
// constant stretches and long runs of non-finite values (which make the pyramid search deep).
MetricSeries randomSeries(quint32 seed, qsizetype n)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    MetricSeries series;
    series.reserve(n);
    qint64 step = static_cast<qint64>(rng() % 5);
    qint64 time = 1795337313533 + static_cast<qint64>(rng() % 1000);
    double value = 1.0;
    qsizetype specialRun = 0;
    double specialValue = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const double r = unit(rng);
        step += r < 0.05 ? 0 : (r < 0.9 ? 1 : static_cast<qint64>(rng() % 50)); // repeats and gaps
        time += r < 0.1 ? 0 : static_cast<qint64>(rng() % 2000);
        double v = 0;
        if (specialRun > 0) {
            --specialRun;
            v = specialValue;
        } else {
            const double k = unit(rng);
            if (k < 0.01) {
                specialRun = static_cast<qsizetype>(rng() % 300);
                const double pick = unit(rng);
                specialValue = pick < 0.5 ? qQNaN() : (pick < 0.75 ? kInf : -kInf);
                v = specialValue;
            } else if (k < 0.03) {
                v = qQNaN();
            } else if (k < 0.04) {
                v = kInf;
            } else if (k < 0.05) {
                v = -kInf;
            } else if (k < 0.07) {
                v = 0.0;
            } else if (k < 0.08) {
                v = -0.0;
            } else if (k < 0.10) {
                v = value; // repeat
            } else {
                value = value * (0.9 + 0.2 * unit(rng)) + (unit(rng) - 0.55) * 0.1; // drifts through zero
                v = value;
            }
        }
        series.append(step, time, v);
    }
    return series;
}

// The reference: every point visited, columns from the documented formula.
Envelope bruteForce(const MetricSeries &s, const EnvelopeRequest &r)
{
    Envelope e;
    e.request = r;
    if (!(r.width > 0 && std::isfinite(r.x0) && std::isfinite(r.x1) && r.x0 <= r.x1))
        return e;
    const bool log = r.yScale == YScale::Log;
    const auto drawable = [log](double v) { return std::isfinite(v) && (!log || v > 0); };
    double scale = r.width / (r.x1 - r.x0);
    if (!std::isfinite(scale))
        scale = 0;
    const auto pointAt = [&](qsizetype i) { return EnvelopePoint{s.x(r.axis, i), s.value(i), i}; };

    struct Col
    {
        qsizetype count = 0;
        qsizetype first = -1, last = -1;
        double min = 0, max = 0;
        qsizetype marker[4] = {-1, -1, -1, -1};
    };
    std::vector<Col> cols(static_cast<size_t>(r.width));
    for (qsizetype i = 0; i < s.size(); ++i) {
        const double x = s.x(r.axis, i);
        const double v = s.value(i);
        if (x < r.x0) {
            if (drawable(v))
                e.before = pointAt(i);
            continue;
        }
        if (x > r.x1) {
            if (drawable(v) && !e.after)
                e.after = pointAt(i);
            continue;
        }
        ++e.pointCount;
        int c = static_cast<int>(std::min<double>(r.width - 1, std::floor((x - r.x0) * scale)));
        Col &col = cols[static_cast<size_t>(c)];
        ++col.count;
        if (drawable(v)) {
            if (col.first < 0) {
                col.first = i;
                col.min = col.max = v;
            }
            col.last = i;
            col.min = std::min(col.min, v);
            col.max = std::max(col.max, v);
        } else {
            const int kind = std::isnan(v) ? 0 : (v == kInf ? 1 : (v == -kInf ? 2 : 3));
            if (col.marker[kind] < 0)
                col.marker[kind] = i;
        }
    }
    for (int c = 0; c < r.width; ++c) {
        const Col &col = cols[static_cast<size_t>(c)];
        if (col.first >= 0) {
            EnvelopeColumn out;
            out.column = c;
            out.first = pointAt(col.first);
            out.last = pointAt(col.last);
            out.min = col.min;
            out.max = col.max;
            out.pointCount = col.count;
            e.columns.append(out);
            e.yMin = std::isnan(e.yMin) ? col.min : std::min(e.yMin, col.min);
            e.yMax = std::isnan(e.yMax) ? col.max : std::max(e.yMax, col.max);
        }
        std::vector<std::pair<qsizetype, int>> markers;
        for (int k = 0; k < 4; ++k) {
            if (col.marker[k] >= 0)
                markers.emplace_back(col.marker[k], k);
        }
        std::sort(markers.begin(), markers.end());
        for (const auto &[index, kind] : markers)
            e.markers.append(EnvelopeMarker{pointAt(index), c, static_cast<MarkerKind>(kind)});
    }
    return e;
}

QString describe(const EnvelopePoint &p)
{
    return QStringLiteral("(i=%1 x=%2 v=%3)").arg(p.index).arg(p.x, 0, 'g', 17).arg(p.value, 0, 'g', 17);
}

bool samePoint(const EnvelopePoint &a, const EnvelopePoint &b)
{
    return a.index == b.index && same(a.x, b.x) && same(a.value, b.value);
}

bool sameOptional(const std::optional<EnvelopePoint> &a, const std::optional<EnvelopePoint> &b)
{
    return a.has_value() == b.has_value() && (!a || samePoint(*a, *b));
}

// Empty string when equal, else the first difference.
QString difference(const Envelope &expected, const Envelope &actual)
{
    if (expected.pointCount != actual.pointCount)
        return QStringLiteral("pointCount %1 vs %2").arg(expected.pointCount).arg(actual.pointCount);
    if (expected.columns.size() != actual.columns.size())
        return QStringLiteral("columns %1 vs %2").arg(expected.columns.size()).arg(actual.columns.size());
    for (qsizetype i = 0; i < expected.columns.size(); ++i) {
        const EnvelopeColumn &e = expected.columns[i];
        const EnvelopeColumn &a = actual.columns[i];
        if (e.column != a.column || !samePoint(e.first, a.first) || !samePoint(e.last, a.last) || !same(e.min, a.min)
            || !same(e.max, a.max) || e.pointCount != a.pointCount) {
            return QStringLiteral("column #%1: expected col %2 first %3 last %4 min %5 max %6 n %7; got col %8 "
                                  "first %9 last %10 min %11 max %12 n %13")
                .arg(i)
                .arg(e.column)
                .arg(describe(e.first), describe(e.last))
                .arg(e.min)
                .arg(e.max)
                .arg(e.pointCount)
                .arg(a.column)
                .arg(describe(a.first), describe(a.last))
                .arg(a.min)
                .arg(a.max)
                .arg(a.pointCount);
        }
    }
    if (expected.markers.size() != actual.markers.size())
        return QStringLiteral("markers %1 vs %2").arg(expected.markers.size()).arg(actual.markers.size());
    for (qsizetype i = 0; i < expected.markers.size(); ++i) {
        const EnvelopeMarker &e = expected.markers[i];
        const EnvelopeMarker &a = actual.markers[i];
        if (e.column != a.column || e.kind != a.kind || !samePoint(e.point, a.point))
            return QStringLiteral("marker #%1: expected %2 kind %3, got %4 kind %5")
                .arg(i)
                .arg(describe(e.point))
                .arg(int(e.kind))
                .arg(describe(a.point))
                .arg(int(a.kind));
    }
    if (!sameOptional(expected.before, actual.before))
        return QStringLiteral("before differs");
    if (!sameOptional(expected.after, actual.after))
        return QStringLiteral("after differs");
    if (!same(expected.yMin, actual.yMin) || !same(expected.yMax, actual.yMax))
        return QStringLiteral("y range differs");
    return {};
}

QString describe(const EnvelopeRequest &r)
{
    return QStringLiteral("axis %1 [%2, %3] width %4 %5 method %6")
        .arg(int(r.axis))
        .arg(r.x0, 0, 'g', 17)
        .arg(r.x1, 0, 'g', 17)
        .arg(r.width)
        .arg(r.yScale == YScale::Log ? QStringLiteral("log") : QStringLiteral("linear"))
        .arg(int(r.method));
}

// Random requests: the whole range, inner ranges, ranges around single points, ranges outside the data and
// partly overlapping it, widths from 1 to more than the number of points.
std::vector<EnvelopeRequest> randomRequests(const MetricSeries &s, std::mt19937 &rng, int count)
{
    std::vector<EnvelopeRequest> requests;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const XAxis axes[] = {XAxis::Step, XAxis::WallTime, XAxis::RelativeTime};
    for (int q = 0; q < count; ++q) {
        EnvelopeRequest r;
        r.axis = axes[rng() % 3];
        r.yScale = rng() % 3 == 0 ? YScale::Log : YScale::Linear;
        const double lo = s.isEmpty() ? 0 : s.firstX(r.axis);
        const double hi = s.isEmpty() ? 10 : s.lastX(r.axis);
        const double span = std::max(hi - lo, 1.0);
        const int shape = static_cast<int>(rng() % 7);
        if (shape == 0) {
            r.x0 = lo;
            r.x1 = hi;
        } else if (shape == 1 && !s.isEmpty()) { // exactly one x value (duplicates included)
            r.x0 = r.x1 = s.x(r.axis, static_cast<qsizetype>(rng() % static_cast<quint32>(s.size())));
        } else if (shape == 2) { // entirely before or after the data
            const bool before = rng() % 2;
            r.x0 = before ? lo - span * (1 + unit(rng)) : hi + span * unit(rng) + 1;
            r.x1 = r.x0 + span * unit(rng);
        } else if (shape == 3) { // overlapping one end
            r.x0 = lo - span * unit(rng);
            r.x1 = lo + span * unit(rng);
        } else if (shape == 4 && !s.isEmpty()) { // boundaries exactly on points
            double a = s.x(r.axis, static_cast<qsizetype>(rng() % static_cast<quint32>(s.size())));
            double b = s.x(r.axis, static_cast<qsizetype>(rng() % static_cast<quint32>(s.size())));
            r.x0 = std::min(a, b);
            r.x1 = std::max(a, b);
        } else { // random inner range, sometimes tiny
            double a = lo + span * unit(rng);
            double b = a + span * unit(rng) * (rng() % 2 ? 1.0 : 0.001);
            r.x0 = a;
            r.x1 = b;
        }
        const int widthShape = static_cast<int>(rng() % 4);
        r.width = widthShape == 0 ? 1 : (widthShape == 1 ? 1 + static_cast<int>(rng() % 8)
                                                         : 1 + static_cast<int>(rng() % 3000));
        requests.push_back(r);
    }
    return requests;
}

} // namespace

class TestEnvelopePyramid : public QObject
{
    Q_OBJECT
private slots:
    void equalsBruteForce_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<qsizetype>("size");
        const qsizetype sizes[] = {0, 1, 2, 3, 31, 32, 33, 64, 65, 100, 1000, 4097, 20000, 100000};
        for (quint32 seed : {1u, 2u, 3u}) {
            for (qsizetype n : sizes)
                QTest::addRow("seed%u-n%lld", seed, static_cast<long long>(n)) << seed << n;
        }
    }

    void equalsBruteForce()
    {
        QFETCH(quint32, seed);
        QFETCH(qsizetype, size);
        const MetricSeries series = randomSeries(seed, size);
        QVERIFY(series.isSortedFor(XAxis::Step));
        QVERIFY(series.isSortedFor(XAxis::WallTime));
        const EnvelopePyramid pyramid(series);
        QVERIFY(pyramid.isCurrentFor(series));
        std::mt19937 rng(seed * 7919u + static_cast<quint32>(size));
        const int queries = size >= 20000 ? 25 : 60;
        for (EnvelopeRequest r : randomRequests(series, rng, queries)) {
            const Envelope expected = bruteForce(series, r);
            for (auto method :
                 {EnvelopeRequest::Method::Pyramid, EnvelopeRequest::Method::Scan, EnvelopeRequest::Method::Auto}) {
                r.method = method;
                const Envelope actual = pyramid.query(series, r);
                const QString diff = difference(expected, actual);
                if (!diff.isEmpty())
                    QFAIL(qPrintable(describe(r) + QStringLiteral(": ") + diff));
            }
        }
    }

    void outputIsBoundedByWidth()
    {
        const MetricSeries series = randomSeries(42, 100000);
        const EnvelopePyramid pyramid(series);
        for (int width : {1, 2, 7, 640, 2000}) {
            for (YScale y : {YScale::Linear, YScale::Log}) {
                EnvelopeRequest r;
                r.axis = XAxis::Step;
                r.x0 = series.firstX(XAxis::Step) - 100; // so `before` and `after` exist on a sub-range too
                r.x1 = series.lastX(XAxis::Step);
                r.width = width;
                r.yScale = y;
                const Envelope e = pyramid.query(series, r);
                QVERIFY(e.pointCount == series.size());
                QVERIFY(e.columns.size() <= width);
                QVERIFY(e.markers.size() <= 4 * width);
                QVERIFY(e.polyline().size() <= 2 * width + 2);
                QCOMPARE(e.upperBand().size(), e.columns.size());
                QCOMPARE(e.lowerBand().size(), e.columns.size());
                QVERIFY(!e.columns.isEmpty());
            }
        }
    }

    void polylineKeepsEveryColumnsExtremes()
    {
        const MetricSeries series = randomSeries(5, 20000);
        const EnvelopePyramid pyramid(series);
        EnvelopeRequest r;
        r.axis = XAxis::WallTime;
        r.x0 = series.firstX(r.axis);
        r.x1 = series.lastX(r.axis);
        r.width = 300;
        const Envelope e = pyramid.query(series, r);
        const QList<QPointF> line = e.polyline(Envelope::Edges::Exclude);
        QVERIFY(line.size() <= 2 * r.width);
        // x never decreases and every column's min and max are drawn.
        for (qsizetype i = 1; i < line.size(); ++i)
            QVERIFY(line[i].x() >= line[i - 1].x());
        for (const EnvelopeColumn &c : e.columns) {
            bool hasMin = false;
            bool hasMax = false;
            for (const QPointF &p : line) {
                if (p.x() >= c.first.x && p.x() <= c.last.x) {
                    hasMin = hasMin || p.y() == c.min;
                    hasMax = hasMax || p.y() == c.max;
                }
            }
            QVERIFY2(hasMin && hasMax, qPrintable(QStringLiteral("column %1").arg(c.column)));
        }
    }

    void zoomedInPolylineIsTheRawPoints()
    {
        MetricSeries series;
        for (int i = 0; i < 10; ++i)
            series.append(i * 10, 1000 + i, i % 2 ? 1.0 : 2.0);
        const EnvelopePyramid pyramid(series);
        EnvelopeRequest r;
        r.x0 = 15; // between points 1 and 2
        r.x1 = 55;
        r.width = 800;
        const Envelope e = pyramid.query(series, r);
        const QList<QPointF> expected{{10, 1}, {20, 2}, {30, 1}, {40, 2}, {50, 1}, {60, 2}};
        QCOMPARE(e.polyline(), expected);
        QCOMPARE(e.polyline(Envelope::Edges::Exclude), expected.mid(1, 4));
        QCOMPARE(e.yMin, 1.0);
        QCOMPARE(e.yMax, 2.0);
    }

    void markersReportNonFiniteAndNonPositiveOnLog()
    {
        MetricSeries series;
        const double values[] = {1.0, qQNaN(), qQNaN(), kInf, -kInf, 0.0, -3.0, 4.0};
        for (int i = 0; i < 8; ++i)
            series.append(i, 100 * i, values[i]);
        const EnvelopePyramid pyramid(series);
        EnvelopeRequest r;
        r.x0 = 0;
        r.x1 = 7;
        r.width = 1;
        Envelope e = pyramid.query(series, r);
        QCOMPARE(e.columns.size(), 1);
        QCOMPARE(e.columns[0].min, -3.0);
        QCOMPARE(e.columns[0].max, 4.0);
        QCOMPARE(e.columns[0].pointCount, 8);
        QCOMPARE(e.markers.size(), 3); // one per kind in the column, the first of each
        QCOMPARE(e.markers[0].kind, MarkerKind::NaN);
        QCOMPARE(e.markers[0].point.index, 1);
        QCOMPARE(e.markers[1].kind, MarkerKind::PositiveInfinity);
        QCOMPARE(e.markers[1].point.x, 3.0);
        QCOMPARE(e.markers[2].kind, MarkerKind::NegativeInfinity);

        r.yScale = YScale::Log;
        e = pyramid.query(series, r);
        QCOMPARE(e.columns[0].min, 1.0);
        QCOMPARE(e.columns[0].max, 4.0);
        QCOMPARE(e.markers.size(), 4);
        QCOMPARE(e.markers[3].kind, MarkerKind::NonPositive);
        QCOMPARE(e.markers[3].point.value, 0.0);
        QCOMPARE(e.markers[3].point.index, 5);

        r.width = 8; // one point per column: each non-finite point is its own marker
        r.yScale = YScale::Linear;
        e = pyramid.query(series, r);
        QCOMPARE(e.markers.size(), 4);
        QCOMPARE(e.columns.size(), 4);
    }

    void incrementalAppendEqualsFullRebuild()
    {
        for (quint32 seed : {11u, 12u, 13u}) {
            const MetricSeries full = randomSeries(seed, 50000);
            MetricSeries growing;
            EnvelopePyramid incremental(growing);
            std::mt19937 rng(seed);
            qsizetype i = 0;
            while (i < full.size()) {
                const qsizetype chunk = std::min<qsizetype>(full.size() - i, 1 + rng() % (rng() % 4 ? 40 : 3000));
                for (qsizetype k = 0; k < chunk; ++k, ++i)
                    growing.append(full.point(i));
                QVERIFY(!incremental.update(growing)); // appends never force a rebuild
                QVERIFY(incremental.isCurrentFor(growing));
                if (rng() % 20 == 0) {
                    for (EnvelopeRequest r : randomRequests(growing, rng, 3)) {
                        r.method = EnvelopeRequest::Method::Pyramid;
                        const QString diff = difference(bruteForce(growing, r), incremental.query(growing, r));
                        QVERIFY2(diff.isEmpty(), qPrintable(describe(r) + QStringLiteral(": ") + diff));
                    }
                }
            }
            const EnvelopePyramid rebuilt(growing);
            QCOMPARE(incremental.levelCount(), rebuilt.levelCount());
            QCOMPARE(incremental.indexedSize(), rebuilt.indexedSize());
            for (EnvelopeRequest r : randomRequests(growing, rng, 30)) {
                r.method = EnvelopeRequest::Method::Pyramid;
                const QString diff = difference(rebuilt.query(growing, r), incremental.query(growing, r));
                QVERIFY2(diff.isEmpty(), qPrintable(describe(r) + QStringLiteral(": ") + diff));
            }
        }
    }

    void insertionForcesRebuildAndStaleIndexStaysExact()
    {
        MetricSeries series = randomSeries(21, 5000);
        EnvelopePyramid pyramid(series);
        // An older point arrives: existing indexes move, so the pyramid must rebuild.
        series.append(series.step(100), series.timestamp(100), 1e9);
        QVERIFY(!pyramid.isCurrentFor(series));
        std::mt19937 rng(21);
        const auto requests = randomRequests(series, rng, 20);
        // A stale pyramid still answers exactly (by a linear pass).
        for (EnvelopeRequest r : requests) {
            r.method = EnvelopeRequest::Method::Pyramid;
            const QString diff = difference(bruteForce(series, r), pyramid.query(series, r));
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
        QVERIFY(pyramid.update(series));
        QVERIFY(pyramid.isCurrentFor(series));
        for (EnvelopeRequest r : requests) {
            r.method = EnvelopeRequest::Method::Pyramid;
            const QString diff = difference(bruteForce(series, r), pyramid.query(series, r));
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
        // A copy is a different series to the pyramid: it rebuilds instead of trusting the old blocks.
        MetricSeries copy = series;
        QVERIFY(!pyramid.isCurrentFor(copy));
        QVERIFY(pyramid.update(copy));
    }

    void memoryStaysSmall()
    {
        const MetricSeries series = randomSeries(3, 100000);
        const EnvelopePyramid pyramid(series);
        const qsizetype seriesBytes = series.size() * qsizetype(2 * sizeof(qint64) + sizeof(double));
        QVERIFY2(pyramid.memoryBytes() * 8 < seriesBytes, qPrintable(QString::number(pyramid.memoryBytes())));
    }

    void invalidRequestsGiveEmptyEnvelopes()
    {
        const MetricSeries series = randomSeries(4, 1000);
        const EnvelopePyramid pyramid(series);
        EnvelopeRequest r;
        r.x0 = 10;
        r.x1 = 5; // reversed
        r.width = 100;
        QVERIFY(pyramid.query(series, r).isEmpty());
        r.x1 = 20;
        r.width = 0;
        QVERIFY(pyramid.query(series, r).isEmpty());
        r.width = 100;
        r.x1 = qQNaN();
        QVERIFY(pyramid.query(series, r).isEmpty());
        QVERIFY(pyramid.query(MetricSeries(), r).isEmpty());
    }

    void unsortedAxisIsRefusedWithAWarning()
    {
        MetricSeries series; // time order, but steps go back (a resumed run)
        series.append(10, 1000, 1.0);
        series.append(20, 2000, 2.0);
        series.append(15, 3000, 3.0);
        QVERIFY(!series.isSortedFor(XAxis::Step));
        const EnvelopePyramid pyramid(series);
        EnvelopeRequest r;
        r.x0 = 0;
        r.x1 = 30;
        r.width = 10;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not sorted")));
        QVERIFY(pyramid.query(series, r).isEmpty());
        r.axis = XAxis::WallTime;
        r.x1 = 5000;
        QCOMPARE(pyramid.query(series, r).columns.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestEnvelopePyramid)
#include "TestEnvelopePyramid.moc"
