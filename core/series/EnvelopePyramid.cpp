#include "series/EnvelopePyramid.h"

#include "util/Logging.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mltf::series {

namespace {

using Block = EnvelopePyramid::Block;
using Levels = std::vector<std::vector<Block>>;

constexpr qsizetype kLeaf = EnvelopePyramid::kLeafSize;
constexpr qsizetype kFanout = EnvelopePyramid::kFanout;
constexpr double kInf = std::numeric_limits<double>::infinity();
// Below this many points per column on average one linear pass is faster than the pyramid (measured with
// BenchSeries: the crossover is between 32 and 128).
constexpr qsizetype kScanPointsPerColumn = 64;
// Block runs of one decomposed range: two per level at most (a level per 3 bits of a 64-bit size).
constexpr int kMaxBlockRuns = 2 * 32;

Block emptyBlock()
{
    return Block{kInf, -kInf, kInf, 0};
}

inline void addValue(Block &block, double v)
{
    if (std::isfinite(v)) {
        if (v < block.min)
            block.min = v;
        if (v > block.max)
            block.max = v;
        if (v > 0 && v < block.minPositive)
            block.minPositive = v;
    } else if (std::isnan(v)) {
        block.flags |= EnvelopePyramid::kHasNaN;
    } else {
        block.flags |= v > 0 ? EnvelopePyramid::kHasPositiveInfinity : EnvelopePyramid::kHasNegativeInfinity;
    }
}

inline void addBlock(Block &into, const Block &other)
{
    into.min = std::min(into.min, other.min);
    into.max = std::max(into.max, other.max);
    into.minPositive = std::min(into.minPositive, other.minPositive);
    into.flags |= other.flags;
}

Block leafBlockSlow(const double *values)
{
    Block block = emptyBlock();
    for (qsizetype i = 0; i < kLeaf; ++i)
        addValue(block, values[i]);
    return block;
}

// Most blocks hold only finite values: one branch-free pass (vectorisable), the general one otherwise. The
// selects below ignore NaN, and an infinity ends up as min or max, so a non-finite block is always noticed.
Block leafBlock(const double *values)
{
    double min = kInf;
    double max = -kInf;
    double minPositive = kInf;
    bool anyNaN = false;
    for (qsizetype i = 0; i < kLeaf; ++i) {
        const double v = values[i];
        min = v < min ? v : min;
        max = v > max ? v : max;
        minPositive = (v > 0 && v < minPositive) ? v : minPositive;
        anyNaN |= v != v;
    }
    if (anyNaN || !std::isfinite(min) || !std::isfinite(max))
        return leafBlockSlow(values);
    return Block{min, max, minPositive, 0};
}

Block combine(const Block *blocks)
{
    Block block = blocks[0];
    for (qsizetype i = 1; i < kFanout; ++i)
        addBlock(block, blocks[i]);
    return block;
}

// What a search looks for: a drawable point, or a point for a marker of some kind.
enum class Target {
    DrawableLinear,
    DrawableLog,
    NaN,
    PositiveInfinity,
    NegativeInfinity,
    NonPositive,
};

inline bool pointMatches(double v, Target target)
{
    switch (target) {
    case Target::DrawableLinear:
        return std::isfinite(v);
    case Target::DrawableLog:
        return std::isfinite(v) && v > 0;
    case Target::NaN:
        return std::isnan(v);
    case Target::PositiveInfinity:
        return v == kInf;
    case Target::NegativeInfinity:
        return v == -kInf;
    case Target::NonPositive:
        return v <= 0 && v != -kInf; // false for NaN
    }
    return false;
}

inline bool blockMatches(const Block &block, Target target)
{
    switch (target) {
    case Target::DrawableLinear:
        return block.min <= block.max;
    case Target::DrawableLog:
        return block.minPositive < kInf;
    case Target::NaN:
        return block.flags & EnvelopePyramid::kHasNaN;
    case Target::PositiveInfinity:
        return block.flags & EnvelopePyramid::kHasPositiveInfinity;
    case Target::NegativeInfinity:
        return block.flags & EnvelopePyramid::kHasNegativeInfinity;
    case Target::NonPositive:
        return block.min <= 0;
    }
    return false;
}

Target markerTarget(MarkerKind kind)
{
    switch (kind) {
    case MarkerKind::NaN:
        return Target::NaN;
    case MarkerKind::PositiveInfinity:
        return Target::PositiveInfinity;
    case MarkerKind::NegativeInfinity:
        return Target::NegativeInfinity;
    case MarkerKind::NonPositive:
        return Target::NonPositive;
    }
    return Target::NaN;
}

// Range look-ups over the values, through the pyramid's blocks when there are any (levels may be null: then
// every look-up reads the values directly).
class RangeReader
{
public:
    RangeReader(const double *values, const Levels *levels)
        : m_values(values)
        , m_levels(levels && !levels->empty() ? levels : nullptr)
    {
    }

    Block aggregate(qsizetype a, qsizetype b) const
    {
        Block result = emptyBlock();
        const Decomposition d = decompose(a, b);
        for (qsizetype i = a; i < d.headEnd; ++i)
            addValue(result, m_values[i]);
        for (int r = 0; r < d.count; ++r) {
            const Run &run = d.runs[r];
            const Block *blocks = level(run.level);
            for (qsizetype j = run.begin; j < run.end; ++j)
                addBlock(result, blocks[j]);
        }
        for (qsizetype i = d.tailBegin; i < b; ++i)
            addValue(result, m_values[i]);
        return result;
    }

    // First/last index in [a, b) matching target, -1 if none. O(kFanout * log n + kLeafSize).
    qsizetype findFirst(qsizetype a, qsizetype b, Target target) const
    {
        const Decomposition d = decompose(a, b);
        for (qsizetype i = a; i < d.headEnd; ++i) {
            if (pointMatches(m_values[i], target))
                return i;
        }
        for (int r = 0; r < d.count; ++r) {
            const Run &run = d.runs[r];
            const Block *blocks = level(run.level);
            for (qsizetype j = run.begin; j < run.end; ++j) {
                if (blockMatches(blocks[j], target))
                    return descendFirst(run.level, j, target);
            }
        }
        for (qsizetype i = d.tailBegin; i < b; ++i) {
            if (pointMatches(m_values[i], target))
                return i;
        }
        return -1;
    }

    qsizetype findLast(qsizetype a, qsizetype b, Target target) const
    {
        const Decomposition d = decompose(a, b);
        for (qsizetype i = b - 1; i >= d.tailBegin; --i) {
            if (pointMatches(m_values[i], target))
                return i;
        }
        for (int r = d.count - 1; r >= 0; --r) {
            const Run &run = d.runs[r];
            const Block *blocks = level(run.level);
            for (qsizetype j = run.end - 1; j >= run.begin; --j) {
                if (blockMatches(blocks[j], target))
                    return descendLast(run.level, j, target);
            }
        }
        for (qsizetype i = d.headEnd - 1; i >= a; --i) {
            if (pointMatches(m_values[i], target))
                return i;
        }
        return -1;
    }

private:
    // Blocks [begin, end) of one level.
    struct Run
    {
        int level;
        qsizetype begin;
        qsizetype end;
    };

    // [a, b) = values [a, headEnd) + the blocks of runs[0..count) in position order + values [tailBegin, b).
    struct Decomposition
    {
        qsizetype headEnd = 0;
        qsizetype tailBegin = 0;
        int count = 0;
        Run runs[kMaxBlockRuns];
    };

    const Block *level(int k) const { return (*m_levels)[static_cast<size_t>(k)].data(); }

    Decomposition decompose(qsizetype a, qsizetype b) const
    {
        Decomposition d;
        const qsizetype lo = (a + kLeaf - 1) / kLeaf;
        const qsizetype hi = b / kLeaf;
        if (!m_levels || lo >= hi) {
            d.headEnd = b;
            d.tailBegin = b;
            return d;
        }
        d.headEnd = lo * kLeaf;
        d.tailBegin = hi * kLeaf;
        // Bottom-up: at each level take the blocks up to the next multiple of kFanout on the left and down from
        // the last one on the right; what lies between is whole blocks of the level above. Left runs come in
        // increasing position, right runs in decreasing position.
        Run right[kMaxBlockRuns / 2];
        int rightCount = 0;
        qsizetype l = lo;
        qsizetype h = hi;
        const int levels = static_cast<int>(m_levels->size());
        for (int k = 0; l < h; ++k) {
            const qsizetype up = (l + kFanout - 1) / kFanout * kFanout;
            const qsizetype down = h / kFanout * kFanout;
            if (up >= down || k + 1 >= levels) {
                d.runs[d.count++] = Run{k, l, h};
                break;
            }
            if (l < up)
                d.runs[d.count++] = Run{k, l, up};
            if (down < h)
                right[rightCount++] = Run{k, down, h};
            l = up / kFanout;
            h = down / kFanout;
        }
        while (rightCount > 0)
            d.runs[d.count++] = right[--rightCount];
        return d;
    }

    qsizetype descendFirst(int k, qsizetype j, Target target) const
    {
        while (k > 0) {
            --k;
            const Block *children = level(k);
            qsizetype child = j * kFanout;
            while (child < j * kFanout + kFanout - 1 && !blockMatches(children[child], target))
                ++child;
            j = child;
        }
        const qsizetype begin = j * kLeaf;
        for (qsizetype i = begin; i < begin + kLeaf; ++i) {
            if (pointMatches(m_values[i], target))
                return i;
        }
        return -1; // not reached: the block said it holds a match
    }

    qsizetype descendLast(int k, qsizetype j, Target target) const
    {
        while (k > 0) {
            --k;
            const Block *children = level(k);
            qsizetype child = j * kFanout + kFanout - 1;
            while (child > j * kFanout && !blockMatches(children[child], target))
                --child;
            j = child;
        }
        const qsizetype begin = j * kLeaf;
        for (qsizetype i = begin + kLeaf - 1; i >= begin; --i) {
            if (pointMatches(m_values[i], target))
                return i;
        }
        return -1;
    }

    const double *m_values;
    const Levels *m_levels;
};

// Fills an Envelope column by column, either through the pyramid or in one linear pass; both produce the
// same columns and markers.
class EnvelopeBuilder
{
public:
    EnvelopeBuilder(const MetricSeries &series, const RangeReader &reader, Envelope &out)
        : m_series(series)
        , m_values(series.values().data())
        , m_reader(reader)
        , m_out(out)
        , m_request(out.request)
        , m_scale(out.request.scale())
        , m_log(out.request.yScale == YScale::Log)
        , m_drawTarget(m_log ? Target::DrawableLog : Target::DrawableLinear)
    {
    }

    void addEdges(qsizetype i0, qsizetype i1)
    {
        if (i0 > 0) {
            const qsizetype i = m_reader.findLast(0, i0, m_drawTarget);
            if (i >= 0)
                m_out.before = pointAt(i);
        }
        if (i1 < m_series.size()) {
            const qsizetype i = m_reader.findFirst(i1, m_series.size(), m_drawTarget);
            if (i >= 0)
                m_out.after = pointAt(i);
        }
    }

    void byPyramid(qsizetype i0, qsizetype i1)
    {
        qsizetype a = i0;
        while (a < i1) {
            const int column = columnAt(a);
            const qsizetype b = columnEnd(a, i1, column);
            pyramidColumn(column, a, b);
            a = b;
        }
    }

    void byScan(qsizetype i0, qsizetype i1)
    {
        ScanColumn col;
        for (qsizetype i = i0; i < i1; ++i) {
            const int column = columnAt(i);
            if (column != col.column) {
                flush(col);
                col = ScanColumn();
                col.column = column;
                col.begin = i;
            }
            const double v = m_values[i];
            if (pointMatches(v, m_drawTarget)) {
                if (col.first < 0) {
                    col.first = i;
                    col.min = v;
                    col.max = v;
                } else {
                    col.min = std::min(col.min, v);
                    col.max = std::max(col.max, v);
                }
                col.last = i;
            } else {
                const int kind = static_cast<int>(markerKind(v));
                if (col.markers[kind] < 0)
                    col.markers[kind] = i;
            }
            col.end = i + 1;
        }
        flush(col);
    }

    void finish()
    {
        for (const EnvelopeColumn &c : std::as_const(m_out.columns)) {
            if (!(c.min >= m_out.yMin))
                m_out.yMin = c.min;
            if (!(c.max <= m_out.yMax))
                m_out.yMax = c.max;
        }
    }

private:
    static constexpr int kKinds = 4;

    struct ScanColumn
    {
        int column = -1;
        qsizetype begin = 0;
        qsizetype end = 0;
        qsizetype first = -1;
        qsizetype last = -1;
        double min = 0;
        double max = 0;
        qsizetype markers[kKinds] = {-1, -1, -1, -1};
    };

    EnvelopePoint pointAt(qsizetype i) const { return EnvelopePoint{m_series.x(m_request.axis, i), m_values[i], i}; }
    int columnAt(qsizetype i) const { return m_request.columnOf(m_series.x(m_request.axis, i), m_scale); }

    MarkerKind markerKind(double v) const
    {
        if (std::isnan(v))
            return MarkerKind::NaN;
        if (v == kInf)
            return MarkerKind::PositiveInfinity;
        if (v == -kInf)
            return MarkerKind::NegativeInfinity;
        return MarkerKind::NonPositive;
    }

    // First index in (a, end) whose column is after `column`, else end. Starts at the index where the column's
    // right edge would be if the points were evenly spread, then gallops and bisects: a few probes for even
    // data, O(log n) at worst.
    qsizetype columnEnd(qsizetype a, qsizetype end, int column) const
    {
        const auto inColumn = [&](qsizetype i) { return columnAt(i) <= column; };
        if (inColumn(end - 1))
            return end;
        qsizetype lo = a + 1;    // every index below lo is in the column
        qsizetype hi = end - 1;  // hi is not; the answer is in [lo, hi]
        const double xa = m_series.x(m_request.axis, a);
        const double xl = m_series.x(m_request.axis, end - 1);
        const double edge = m_request.x0 + (column + 1) / m_scale;
        const double fraction = (edge - xa) / (xl - xa);
        qsizetype guess = lo;
        if (fraction > 0 && fraction < 1)
            guess = a + static_cast<qsizetype>(fraction * static_cast<double>(end - 1 - a));
        guess = std::clamp(guess, lo, hi);
        qsizetype step = 1;
        if (inColumn(guess)) {
            lo = guess + 1;
            while (lo + step - 1 < hi) {
                const qsizetype probe = lo + step - 1;
                if (!inColumn(probe)) {
                    hi = probe;
                    break;
                }
                lo = probe + 1;
                step *= 2;
            }
        } else {
            hi = guess;
            while (hi - step >= lo) {
                const qsizetype probe = hi - step;
                if (inColumn(probe)) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
                step *= 2;
            }
        }
        while (lo < hi) {
            const qsizetype mid = lo + (hi - lo) / 2;
            if (inColumn(mid))
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    void pyramidColumn(int column, qsizetype a, qsizetype b)
    {
        const Block summary = m_reader.aggregate(a, b);
        const bool drawable = m_log ? summary.minPositive < kInf : summary.min <= summary.max;
        if (drawable) {
            const qsizetype first =
                pointMatches(m_values[a], m_drawTarget) ? a : m_reader.findFirst(a, b, m_drawTarget);
            const qsizetype last =
                pointMatches(m_values[b - 1], m_drawTarget) ? b - 1 : m_reader.findLast(a, b, m_drawTarget);
            addColumn(column, first, last, m_log ? summary.minPositive : summary.min, summary.max, b - a);
        }
        qsizetype markers[kKinds] = {-1, -1, -1, -1};
        const MarkerKind kinds[kKinds] = {MarkerKind::NaN, MarkerKind::PositiveInfinity,
                                          MarkerKind::NegativeInfinity, MarkerKind::NonPositive};
        const bool present[kKinds] = {(summary.flags & EnvelopePyramid::kHasNaN) != 0,
                                      (summary.flags & EnvelopePyramid::kHasPositiveInfinity) != 0,
                                      (summary.flags & EnvelopePyramid::kHasNegativeInfinity) != 0,
                                      m_log && summary.min <= 0};
        for (int k = 0; k < kKinds; ++k) {
            if (present[k])
                markers[k] = m_reader.findFirst(a, b, markerTarget(kinds[k]));
        }
        addMarkers(column, markers);
    }

    void flush(const ScanColumn &col)
    {
        if (col.column < 0)
            return;
        if (col.first >= 0)
            addColumn(col.column, col.first, col.last, col.min, col.max, col.end - col.begin);
        addMarkers(col.column, col.markers);
    }

    void addColumn(int column, qsizetype first, qsizetype last, double min, double max, qsizetype count)
    {
        EnvelopeColumn c;
        c.column = column;
        c.first = pointAt(first);
        c.last = pointAt(last);
        c.min = min;
        c.max = max;
        c.pointCount = count;
        m_out.columns.append(c);
    }

    // Appends the column's markers (first index of each kind, -1 for none) in series order.
    void addMarkers(int column, const qsizetype (&firstOfKind)[kKinds])
    {
        int order[kKinds];
        int n = 0;
        for (int k = 0; k < kKinds; ++k) {
            if (firstOfKind[k] >= 0)
                order[n++] = k;
        }
        for (int i = 1; i < n; ++i) { // insertion sort of at most four
            for (int j = i; j > 0 && firstOfKind[order[j]] < firstOfKind[order[j - 1]]; --j)
                std::swap(order[j], order[j - 1]);
        }
        for (int i = 0; i < n; ++i) {
            EnvelopeMarker marker;
            marker.point = pointAt(firstOfKind[order[i]]);
            marker.column = column;
            marker.kind = static_cast<MarkerKind>(order[i]);
            m_out.markers.append(marker);
        }
    }

    const MetricSeries &m_series;
    const double *m_values;
    const RangeReader &m_reader;
    Envelope &m_out;
    const EnvelopeRequest &m_request;
    const double m_scale;
    const bool m_log;
    const Target m_drawTarget;
};

} // namespace

void EnvelopePyramid::build(const MetricSeries &series)
{
    m_levels.clear();
    m_generation = series.generation();
    m_indexedSize = 0;
    extend(series);
}

bool EnvelopePyramid::update(const MetricSeries &series)
{
    if (m_generation == series.generation() && series.size() >= m_indexedSize) {
        if (series.size() > m_indexedSize)
            extend(series);
        return false;
    }
    build(series);
    return true;
}

void EnvelopePyramid::clear()
{
    m_levels.clear();
    m_generation = 0;
    m_indexedSize = 0;
}

qsizetype EnvelopePyramid::memoryBytes() const
{
    size_t bytes = sizeof(*this) + m_levels.capacity() * sizeof(std::vector<Block>);
    for (const auto &level : m_levels)
        bytes += level.capacity() * sizeof(Block);
    return static_cast<qsizetype>(bytes);
}

void EnvelopePyramid::extend(const MetricSeries &series)
{
    const double *values = series.values().data();
    const qsizetype n = series.size();
    const qsizetype leaves = n / kLeaf;
    m_indexedSize = n;
    if (leaves == 0)
        return;
    if (m_levels.empty())
        m_levels.emplace_back();
    auto grow = [](std::vector<Block> &level, size_t size) {
        // Doubling keeps appends amortised O(1) even when reserve() is called at every update.
        if (level.capacity() < size)
            level.reserve(std::max(size, level.capacity() * 2));
    };
    std::vector<Block> &leafLevel = m_levels[0];
    grow(leafLevel, static_cast<size_t>(leaves));
    for (qsizetype j = static_cast<qsizetype>(leafLevel.size()); j < leaves; ++j)
        leafLevel.push_back(leafBlock(values + j * kLeaf));
    for (size_t k = 1;; ++k) {
        const size_t wanted = m_levels[k - 1].size() / kFanout;
        if (wanted == 0)
            break;
        if (m_levels.size() == k)
            m_levels.emplace_back();
        std::vector<Block> &level = m_levels[k];
        const std::vector<Block> &below = m_levels[k - 1];
        grow(level, wanted);
        for (size_t j = level.size(); j < wanted; ++j)
            level.push_back(combine(below.data() + j * kFanout));
    }
}

Envelope EnvelopePyramid::query(const MetricSeries &series, const EnvelopeRequest &request) const
{
    Envelope envelope;
    envelope.request = request;
    if (!request.isValid() || series.isEmpty())
        return envelope;
    if (!series.isSortedFor(request.axis)) {
        qCWarning(lcSeries) << "Envelope requested on an axis the series is not sorted for; returning nothing";
        return envelope;
    }
    const bool current = isCurrentFor(series);
    const RangeReader reader(series.values().data(), current ? &m_levels : nullptr);
    EnvelopeBuilder builder(series, reader, envelope);

    const qsizetype i0 = series.lowerBound(request.axis, request.x0);
    const qsizetype i1 = series.upperBound(request.axis, request.x1);
    envelope.pointCount = i1 - i0;
    builder.addEdges(i0, i1);
    const bool pyramid =
        current
        && (request.method == EnvelopeRequest::Method::Pyramid
            || (request.method == EnvelopeRequest::Method::Auto
                && i1 - i0 > kScanPointsPerColumn * static_cast<qsizetype>(request.width)));
    if (pyramid)
        builder.byPyramid(i0, i1);
    else
        builder.byScan(i0, i1);
    builder.finish();
    return envelope;
}

} // namespace mltf::series
