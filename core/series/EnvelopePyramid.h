#pragma once

#include "series/Envelope.h"
#include "series/MetricSeries.h"

#include <vector>

namespace mltf::series {

// A min/max pyramid over the values of a MetricSeries that answers envelope queries in O(width * log n),
// whatever the number of points in the range.
//
// It indexes points by position, not by x: level 0 summarises blocks of kLeafSize consecutive points, each
// level above groups of kFanout blocks of the level below (only whole blocks are stored; the few points after
// the last whole block are read directly). A block keeps the min and max of its finite values, the smallest
// positive value (for log scales) and which kinds of non-finite values it holds. So one pyramid serves every
// x axis for which the series is sorted (MetricSeries::isSortedFor), and it takes about
// 32 bytes / kLeafSize * 8/7 = 1.2 bytes per point (11 MB for 10M points, 7 levels).
//
// A query finds each column's index range with a binary search on x, then the column's extremes from
// O(kFanout * log8 n) blocks, and first/last points and markers by descending the pyramid. Columns with few points are
// read directly instead (EnvelopeRequest::Method::Auto).
//
// update() indexes only the appended points when the series only grew since the last build or update
// (amortised O(1) per point); otherwise it rebuilds. Not thread-safe: build on a worker, then move.
class EnvelopePyramid
{
public:
    static constexpr qsizetype kLeafSize = 32;
    // Wide enough that few levels (few cache misses per column) are needed, small enough that the blocks
    // read at each end of a range stay within a few cache lines.
    static constexpr qsizetype kFanout = 8;

    EnvelopePyramid() = default;
    explicit EnvelopePyramid(const MetricSeries &series) { build(series); }

    void build(const MetricSeries &series);
    // Returns true when it had to rebuild from scratch (the series changed other than by appending).
    bool update(const MetricSeries &series);
    void clear();

    // True when the pyramid indexes exactly this content of `series`.
    bool isCurrentFor(const MetricSeries &series) const
    {
        return m_generation == series.generation() && m_indexedSize == series.size();
    }

    // The envelope of `series` for `request`. If the pyramid is not current for the series the answer is still
    // exact, computed by a linear pass (slower); keep it current with update().
    Envelope query(const MetricSeries &series, const EnvelopeRequest &request) const;

    qsizetype indexedSize() const { return m_indexedSize; }
    int levelCount() const { return static_cast<int>(m_levels.size()); }
    qsizetype memoryBytes() const;

    // Summary of a block of points (public for the implementation's helpers; not needed by callers).
    struct Block
    {
        double min;         // of finite values; +inf when none
        double max;         // of finite values; -inf when none
        double minPositive; // smallest finite value > 0; +inf when none
        quint8 flags;       // kHasNaN | kHasPositiveInfinity | kHasNegativeInfinity
    };
    static constexpr quint8 kHasNaN = 1;
    static constexpr quint8 kHasPositiveInfinity = 2;
    static constexpr quint8 kHasNegativeInfinity = 4;

private:
    void extend(const MetricSeries &series);

    std::vector<std::vector<Block>> m_levels;
    quint64 m_generation = 0;
    qsizetype m_indexedSize = 0;
};

} // namespace mltf::series
