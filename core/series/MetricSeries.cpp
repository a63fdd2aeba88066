#include "series/MetricSeries.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace mltf::series {

namespace {

// Generations are unique across all series so a copy never looks like its source to an index.
std::atomic<quint64> g_lastGeneration{0};

quint64 nextGeneration()
{
    return ++g_lastGeneration;
}

// -inf < finite < +inf < NaN: a total order, so sorting and de-duplicating are well defined.
bool valueLess(double a, double b)
{
    if (std::isnan(b))
        return !std::isnan(a);
    if (std::isnan(a))
        return false;
    return a < b;
}

bool sameValue(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

MetricSeries::MetricSeries(Order order)
    : m_order(order)
    , m_generation(nextGeneration())
{
}

MetricSeries::MetricSeries(const MetricSeries &other)
    : m_order(other.m_order)
    , m_steps(other.m_steps)
    , m_timestamps(other.m_timestamps)
    , m_values(other.m_values)
    , m_minTimestamp(other.m_minTimestamp)
    , m_explicitOrigin(other.m_explicitOrigin)
    , m_stepsSorted(other.m_stepsSorted)
    , m_timesSorted(other.m_timesSorted)
    , m_generation(nextGeneration())
{
}

MetricSeries &MetricSeries::operator=(const MetricSeries &other)
{
    if (this != &other) {
        MetricSeries copy(other);
        *this = std::move(copy);
    }
    return *this;
}

MetricSeries::MetricSeries(MetricSeries &&other) noexcept
    : m_order(other.m_order)
    , m_steps(std::move(other.m_steps))
    , m_timestamps(std::move(other.m_timestamps))
    , m_values(std::move(other.m_values))
    , m_minTimestamp(other.m_minTimestamp)
    , m_explicitOrigin(other.m_explicitOrigin)
    , m_stepsSorted(other.m_stepsSorted)
    , m_timesSorted(other.m_timesSorted)
    , m_generation(other.m_generation)
{
    other.clear();
}

MetricSeries &MetricSeries::operator=(MetricSeries &&other) noexcept
{
    if (this != &other) {
        m_order = other.m_order;
        m_steps = std::move(other.m_steps);
        m_timestamps = std::move(other.m_timestamps);
        m_values = std::move(other.m_values);
        m_minTimestamp = other.m_minTimestamp;
        m_explicitOrigin = other.m_explicitOrigin;
        m_stepsSorted = other.m_stepsSorted;
        m_timesSorted = other.m_timesSorted;
        m_generation = other.m_generation;
        other.clear();
    }
    return *this;
}

MetricSeries MetricSeries::fromUnordered(const SeriesPoint *points, qsizetype count, Order order)
{
    MetricSeries series(order);
    if (!points || count <= 0)
        return series;
    std::vector<SeriesPoint> sorted(points, points + count);
    const auto less = [&series](const SeriesPoint &a, const SeriesPoint &b) { return series.lessByKey(a, b); };
    if (!std::is_sorted(sorted.begin(), sorted.end(), less))
        std::sort(sorted.begin(), sorted.end(), less);
    sorted.erase(std::unique(sorted.begin(), sorted.end(),
                             [](const SeriesPoint &a, const SeriesPoint &b) {
                                 return a.step == b.step && a.timestamp == b.timestamp
                                        && sameValue(a.value, b.value);
                             }),
                 sorted.end());
    series.rebuildFrom(sorted);
    return series;
}

MetricSeries MetricSeries::fromUnordered(const std::vector<SeriesPoint> &points, Order order)
{
    return fromUnordered(points.data(), static_cast<qsizetype>(points.size()), order);
}

MetricSeries MetricSeries::fromColumns(std::vector<qint64> steps, std::vector<qint64> timestamps,
                                       std::vector<double> values, Order order)
{
    const size_t n = std::min({steps.size(), timestamps.size(), values.size()});
    steps.resize(n);
    timestamps.resize(n);
    values.resize(n);
    MetricSeries series(order);
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; ++i) {
        const Key a = series.keyOf(steps[i - 1], timestamps[i - 1]);
        const Key b = series.keyOf(steps[i], timestamps[i]);
        sorted = a.primary < b.primary || (a.primary == b.primary && a.secondary <= b.secondary);
    }
    if (sorted) {
        series.m_steps = std::move(steps);
        series.m_timestamps = std::move(timestamps);
        series.m_values = std::move(values);
        series.recomputeSortedness();
        return series;
    }
    std::vector<SeriesPoint> points(n);
    for (size_t i = 0; i < n; ++i)
        points[i] = SeriesPoint{steps[i], timestamps[i], values[i]};
    std::stable_sort(points.begin(), points.end(),
                     [&series](const SeriesPoint &a, const SeriesPoint &b) { return series.lessByKey(a, b); });
    series.rebuildFrom(points);
    return series;
}

MetricSeries MetricSeries::sortedBy(Order order) const
{
    std::vector<SeriesPoint> points(static_cast<size_t>(size()));
    for (qsizetype i = 0; i < size(); ++i)
        points[static_cast<size_t>(i)] = point(i);
    MetricSeries series(order);
    std::stable_sort(points.begin(), points.end(),
                     [&series](const SeriesPoint &a, const SeriesPoint &b) { return series.lessByKey(a, b); });
    series.rebuildFrom(points);
    series.m_explicitOrigin = m_explicitOrigin;
    return series;
}

void MetricSeries::reserve(qsizetype count)
{
    if (count <= 0)
        return;
    m_steps.reserve(static_cast<size_t>(count));
    m_timestamps.reserve(static_cast<size_t>(count));
    m_values.reserve(static_cast<size_t>(count));
}

void MetricSeries::clear()
{
    m_steps.clear();
    m_timestamps.clear();
    m_values.clear();
    m_minTimestamp = 0;
    m_stepsSorted = true;
    m_timesSorted = true;
    renew();
}

double MetricSeries::firstX(XAxis axis) const
{
    return isEmpty() ? qQNaN() : x(axis, 0);
}

double MetricSeries::lastX(XAxis axis) const
{
    return isEmpty() ? qQNaN() : x(axis, size() - 1);
}

qsizetype MetricSeries::lowerBound(XAxis axis, double value) const
{
    qsizetype lo = 0;
    qsizetype hi = size();
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (x(axis, mid) < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

qsizetype MetricSeries::upperBound(XAxis axis, double value) const
{
    qsizetype lo = 0;
    qsizetype hi = size();
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (!(value < x(axis, mid)))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

qsizetype MetricSeries::nearestIndex(XAxis axis, double value) const
{
    if (isEmpty() || std::isnan(value))
        return -1;
    const qsizetype i = lowerBound(axis, value);
    if (i == 0)
        return 0;
    if (i == size())
        return size() - 1;
    // The first point of the group of equal x before i, so ties resolve to the earliest point.
    const double before = x(axis, i - 1);
    const qsizetype left = lowerBound(axis, before);
    return value - before <= x(axis, i) - value ? left : i;
}

void MetricSeries::append(qint64 step, qint64 timestamp, double value)
{
    const Key key = keyOf(step, timestamp);
    if (isEmpty()) {
        pushBack(step, timestamp, value);
        return;
    }
    const Key last = keyAt(size() - 1);
    if (key.primary > last.primary || (key.primary == last.primary && key.secondary >= last.secondary)) {
        pushBack(step, timestamp, value);
        return;
    }
    // Out of order: insert after the points with an equal key. Existing indexes move.
    const auto at = static_cast<std::ptrdiff_t>(upperBoundByKey(key));
    m_steps.insert(m_steps.begin() + at, step);
    m_timestamps.insert(m_timestamps.begin() + at, timestamp);
    m_values.insert(m_values.begin() + at, value);
    m_minTimestamp = std::min(m_minTimestamp, timestamp);
    recomputeSortedness();
    renew();
}

MetricSeries::MergeResult MetricSeries::merge(const SeriesPoint *points, qsizetype count)
{
    MergeResult result;
    if (!points || count <= 0)
        return result;
    std::vector<SeriesPoint> batch(points, points + count);
    const auto less = [this](const SeriesPoint &a, const SeriesPoint &b) { return lessByKey(a, b); };
    if (!std::is_sorted(batch.begin(), batch.end(), less))
        std::sort(batch.begin(), batch.end(), less);
    batch.erase(std::unique(batch.begin(), batch.end(),
                            [](const SeriesPoint &a, const SeriesPoint &b) {
                                return a.step == b.step && a.timestamp == b.timestamp
                                       && sameValue(a.value, b.value);
                            }),
                batch.end());

    const auto keyLess = [](Key a, Key b) {
        return a.primary < b.primary || (a.primary == b.primary && a.secondary < b.secondary);
    };
    const auto keyEqual = [](Key a, Key b) { return a.primary == b.primary && a.secondary == b.secondary; };

    std::vector<SeriesPoint> tail;    // new points that go after every stored point
    std::vector<SeriesPoint> inserts; // new points that go between stored points
    if (isEmpty()) {
        tail = std::move(batch);
    } else {
        const Key last = keyAt(size() - 1);
        // Walk the batch and the stored points together, both sorted by key.
        qsizetype j = 0;
        {
            const Key first = keyOf(batch.front().step, batch.front().timestamp);
            qsizetype lo = 0;
            qsizetype hi = size();
            while (lo < hi) {
                const qsizetype mid = lo + (hi - lo) / 2;
                if (keyLess(keyAt(mid), first))
                    lo = mid + 1;
                else
                    hi = mid;
            }
            j = lo;
        }
        for (const SeriesPoint &p : batch) {
            const Key key = keyOf(p.step, p.timestamp);
            if (keyLess(last, key)) {
                tail.push_back(p);
                continue;
            }
            while (j < size() && keyLess(keyAt(j), key))
                ++j;
            bool known = false;
            for (qsizetype g = j; g < size() && keyEqual(keyAt(g), key); ++g) {
                if (sameValue(value(g), p.value)) {
                    known = true;
                    break;
                }
            }
            if (known)
                continue;
            if (keyEqual(key, last))
                tail.push_back(p);
            else
                inserts.push_back(p);
        }
    }

    result.added = static_cast<qsizetype>(tail.size() + inserts.size());
    if (!inserts.empty()) {
        std::vector<SeriesPoint> merged;
        merged.reserve(static_cast<size_t>(size()) + inserts.size() + tail.size());
        // New points go after the stored ones with the same key, as append() would put them.
        size_t k = 0;
        for (qsizetype i = 0; i < size(); ++i) {
            const SeriesPoint stored = point(i);
            const Key storedKey = keyAt(i);
            while (k < inserts.size() && keyLess(keyOf(inserts[k].step, inserts[k].timestamp), storedKey))
                merged.push_back(inserts[k++]);
            merged.push_back(stored);
        }
        merged.insert(merged.end(), inserts.begin() + static_cast<std::ptrdiff_t>(k), inserts.end());
        merged.insert(merged.end(), tail.begin(), tail.end());
        rebuildFrom(merged);
        result.reordered = true;
        return result;
    }
    reserve(size() + static_cast<qsizetype>(tail.size()));
    for (const SeriesPoint &p : tail)
        pushBack(p.step, p.timestamp, p.value);
    return result;
}

MetricSeries::MergeResult MetricSeries::merge(const std::vector<SeriesPoint> &points)
{
    return merge(points.data(), static_cast<qsizetype>(points.size()));
}

MetricSeries::MergeResult MetricSeries::merge(const QList<SeriesPoint> &points)
{
    return merge(points.constData(), points.size());
}

MetricSeries::Key MetricSeries::keyOf(qint64 step, qint64 timestamp) const
{
    return m_order == Order::ByTime ? Key{timestamp, step} : Key{step, timestamp};
}

bool MetricSeries::lessByKey(const SeriesPoint &a, const SeriesPoint &b) const
{
    const Key ka = keyOf(a.step, a.timestamp);
    const Key kb = keyOf(b.step, b.timestamp);
    if (ka.primary != kb.primary)
        return ka.primary < kb.primary;
    if (ka.secondary != kb.secondary)
        return ka.secondary < kb.secondary;
    return valueLess(a.value, b.value);
}

qsizetype MetricSeries::upperBoundByKey(Key key) const
{
    qsizetype lo = 0;
    qsizetype hi = size();
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        const Key k = keyAt(mid);
        if (k.primary < key.primary || (k.primary == key.primary && k.secondary <= key.secondary))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void MetricSeries::pushBack(qint64 step, qint64 timestamp, double value)
{
    if (isEmpty()) {
        m_minTimestamp = timestamp;
    } else {
        m_minTimestamp = std::min(m_minTimestamp, timestamp);
        m_stepsSorted = m_stepsSorted && step >= m_steps.back();
        m_timesSorted = m_timesSorted && timestamp >= m_timestamps.back();
    }
    m_steps.push_back(step);
    m_timestamps.push_back(timestamp);
    m_values.push_back(value);
}

void MetricSeries::rebuildFrom(std::vector<SeriesPoint> &sortedPoints)
{
    const size_t n = sortedPoints.size();
    std::vector<qint64> steps(n);
    std::vector<qint64> timestamps(n);
    std::vector<double> values(n);
    for (size_t i = 0; i < n; ++i) {
        steps[i] = sortedPoints[i].step;
        timestamps[i] = sortedPoints[i].timestamp;
        values[i] = sortedPoints[i].value;
    }
    m_steps = std::move(steps);
    m_timestamps = std::move(timestamps);
    m_values = std::move(values);
    recomputeSortedness();
    renew();
}

void MetricSeries::recomputeSortedness()
{
    m_stepsSorted = std::is_sorted(m_steps.begin(), m_steps.end());
    m_timesSorted = std::is_sorted(m_timestamps.begin(), m_timestamps.end());
    m_minTimestamp = m_timestamps.empty() ? 0 : *std::min_element(m_timestamps.begin(), m_timestamps.end());
}

void MetricSeries::renew()
{
    m_generation = nextGeneration();
}

} // namespace mltf::series
