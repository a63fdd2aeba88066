#pragma once

#include "series/SeriesPoint.h"
#include "series/XAxis.h"

#include <QList>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace mltf::series {

// The history of one metric as three parallel columns (struct of arrays): step, timestamp, value.
//
// Order. The points are always kept sorted by a key chosen at construction:
//  - Order::ByTime (default): (timestamp, step, value) - the order MLflow's get-history returns, so live
//    points almost always land at the end;
//  - Order::ByStep: (step, timestamp, value) - for step charts of runs whose steps go back in time
//    (a resumed run logs steps 800..1000 again after 1000).
// Values order -inf < finite < +inf < NaN inside equal (timestamp, step) keys so the same data always gives
// the same order. An index built on the series (EnvelopePyramid) needs x to be non-decreasing along the
// storage order; isSortedFor() says whether that holds for an axis (always for the axis of the key; for the
// other one only when steps and timestamps rise together). ChartSeries re-sorts when it does not.
//
// Adding points.
//  - append(): O(1) amortised when the point's key is >= the last key; otherwise it is inserted at its
//    place (O(n), and the indexes built on the series are rebuilt). append() keeps duplicates.
//  - merge(): set union with a batch in any order, for polling. A point equal to a stored one (same step,
//    timestamp and value; the primary key of MLflow's SQL store) is not added again, so a poll may deliver
//    the full history or only its tail. Points after the last stored key are appended; older new points
//    (a client logging with an old explicit timestamp) are merged in at their place in O(n + m).
//  - fromUnordered()/fromColumns(): sort once, O(n log n), and (fromUnordered) drop identical duplicates.
//
// generation() identifies the current content up to size(): it changes whenever existing points move or
// disappear (insertion, clear, re-sort) and every copy gets a new one, so an index that remembers
// (generation, size) knows whether it can just index the appended tail.
class MetricSeries
{
public:
    enum class Order {
        ByTime,
        ByStep,
    };

    struct MergeResult
    {
        qsizetype added = 0;    // points that were not in the series yet
        bool reordered = false; // some were inserted before existing points: indexes were invalidated
    };

    explicit MetricSeries(Order order = Order::ByTime);
    MetricSeries(const MetricSeries &other);
    MetricSeries &operator=(const MetricSeries &other);
    MetricSeries(MetricSeries &&other) noexcept;
    MetricSeries &operator=(MetricSeries &&other) noexcept;
    ~MetricSeries() = default;

    // Sorts the points into `order` and drops identical duplicates.
    static MetricSeries fromUnordered(const SeriesPoint *points, qsizetype count, Order order = Order::ByTime);
    static MetricSeries fromUnordered(const std::vector<SeriesPoint> &points, Order order = Order::ByTime);
    // Takes ownership of columns (equal sizes required; shorter ones win otherwise). Keeps duplicates;
    // sorts only if the columns are not in `order` already.
    static MetricSeries fromColumns(std::vector<qint64> steps, std::vector<qint64> timestamps,
                                    std::vector<double> values, Order order = Order::ByTime);
    // A copy sorted by another key (the time origin is kept).
    MetricSeries sortedBy(Order order) const;

    Order order() const { return m_order; }
    qsizetype size() const { return static_cast<qsizetype>(m_values.size()); }
    bool isEmpty() const { return m_values.empty(); }
    void reserve(qsizetype count);
    void clear();

    // The columns, for bulk readers (export, smoothing, indexes).
    const std::vector<qint64> &steps() const { return m_steps; }
    const std::vector<qint64> &timestamps() const { return m_timestamps; }
    const std::vector<double> &values() const { return m_values; }
    qint64 step(qsizetype i) const { return m_steps[static_cast<size_t>(i)]; }
    qint64 timestamp(qsizetype i) const { return m_timestamps[static_cast<size_t>(i)]; }
    double value(qsizetype i) const { return m_values[static_cast<size_t>(i)]; }
    SeriesPoint point(qsizetype i) const { return SeriesPoint{step(i), timestamp(i), value(i)}; }

    // x of point i for an axis (see XAxis for the units).
    double x(XAxis axis, qsizetype i) const
    {
        switch (axis) {
        case XAxis::Step:
            return static_cast<double>(step(i));
        case XAxis::WallTime:
            return static_cast<double>(timestamp(i));
        case XAxis::RelativeTime:
            return relativeSeconds(timestamp(i));
        }
        return 0;
    }
    double relativeSeconds(qint64 timestamp) const
    {
        return static_cast<double>(timestamp - timeOrigin()) / 1000.0;
    }
    // True when x(axis, i) never decreases with i, which range look-ups and envelopes rely on.
    bool isSortedFor(XAxis axis) const { return axis == XAxis::Step ? m_stepsSorted : m_timesSorted; }
    // x of the first and last stored point (NaN when empty); the x-range when isSortedFor(axis).
    double firstX(XAxis axis) const;
    double lastX(XAxis axis) const;

    // Origin of XAxis::RelativeTime in ms: the one set, else the earliest timestamp (0 when empty).
    qint64 timeOrigin() const { return m_explicitOrigin ? *m_explicitOrigin : m_minTimestamp; }
    void setTimeOrigin(std::optional<qint64> originMs) { m_explicitOrigin = originMs; }
    std::optional<qint64> explicitTimeOrigin() const { return m_explicitOrigin; }

    // Binary searches; they need isSortedFor(axis).
    qsizetype lowerBound(XAxis axis, double x) const; // first i with x(i) >= x, else size()
    qsizetype upperBound(XAxis axis, double x) const; // first i with x(i) > x, else size()
    qsizetype nearestIndex(XAxis axis, double x) const; // point with the closest x (first on ties); -1 if empty

    void append(qint64 step, qint64 timestamp, double value);
    void append(const SeriesPoint &point) { append(point.step, point.timestamp, point.value); }
    MergeResult merge(const SeriesPoint *points, qsizetype count);
    MergeResult merge(const std::vector<SeriesPoint> &points);
    MergeResult merge(const QList<SeriesPoint> &points);

    quint64 generation() const { return m_generation; }

private:
    struct Key
    {
        qint64 primary;
        qint64 secondary;
    };
    Key keyOf(qint64 step, qint64 timestamp) const;
    Key keyAt(qsizetype i) const { return keyOf(step(i), timestamp(i)); }
    bool lessByKey(const SeriesPoint &a, const SeriesPoint &b) const;
    qsizetype upperBoundByKey(Key key) const;
    void pushBack(qint64 step, qint64 timestamp, double value);
    void rebuildFrom(std::vector<SeriesPoint> &sortedPoints);
    void recomputeSortedness();
    void renew();

    Order m_order;
    std::vector<qint64> m_steps;
    std::vector<qint64> m_timestamps;
    std::vector<double> m_values;
    qint64 m_minTimestamp = 0;
    std::optional<qint64> m_explicitOrigin;
    bool m_stepsSorted = true;
    bool m_timesSorted = true;
    quint64 m_generation = 0;
};

} // namespace mltf::series
