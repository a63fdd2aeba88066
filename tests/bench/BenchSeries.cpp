// Series engine benchmarks: envelope queries at 2,000 px over 10M points and building the pyramid, each with a
// baseline measured in the same run (a brute-force scan of the range at the same width; copying 10M doubles).
//
//   BenchSeries --benchmark_counters_tabular=true
#include "series/ChartSeries.h"
#include "series/EnvelopePyramid.h"
#include "series/ExponentialMovingAverage.h"
#include "series/MetricSeries.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace mltf::series;

namespace {

constexpr qsizetype kPoints = 10'000'000;
constexpr int kWidth = 2000;

// A noisy falling loss with a few NaN/Inf (1 in 10,000), one point per step, ~100 ms apart.
const MetricSeries &tenMillion()
{
    static const MetricSeries series = [] {
        std::mt19937_64 rng(1);
        std::normal_distribution<double> noise(0.0, 0.05);
        std::vector<qint64> steps(kPoints);
        std::vector<qint64> timestamps(kPoints);
        std::vector<double> values(kPoints);
        qint64 time = 1795337313533;
        for (qsizetype i = 0; i < kPoints; ++i) {
            steps[size_t(i)] = i;
            time += 90 + static_cast<qint64>(rng() % 20);
            timestamps[size_t(i)] = time;
            const quint64 k = rng() % 10000;
            values[size_t(i)] = k == 0 ? std::numeric_limits<double>::quiet_NaN()
                                : k == 1 ? std::numeric_limits<double>::infinity()
                                         : 2.0 * std::exp(-double(i) / 2e6) + 0.1 + noise(rng);
        }
        return MetricSeries::fromColumns(std::move(steps), std::move(timestamps), std::move(values));
    }();
    return series;
}

const EnvelopePyramid &tenMillionPyramid()
{
    static const EnvelopePyramid pyramid(tenMillion());
    return pyramid;
}

// Fraction of the step range, centred: 1 = full range.
EnvelopeRequest requestFor(double fraction, EnvelopeRequest::Method method)
{
    const MetricSeries &s = tenMillion();
    const double lo = s.firstX(XAxis::Step);
    const double hi = s.lastX(XAxis::Step);
    const double mid = (lo + hi) / 2;
    const double half = (hi - lo) * fraction / 2;
    EnvelopeRequest r;
    r.axis = XAxis::Step;
    r.x0 = mid - half;
    r.x1 = mid + half;
    r.width = kWidth;
    r.method = method;
    return r;
}

// The baseline: what a chart without an index does, visiting every point of the range once.
struct BruteColumn
{
    double first = 0, min = 0, max = 0, last = 0;
    bool any = false;
};

void bruteForce(const MetricSeries &s, const EnvelopeRequest &r, std::vector<BruteColumn> &columns)
{
    columns.assign(size_t(r.width), BruteColumn());
    const double scale = r.width / (r.x1 - r.x0);
    for (qsizetype i = 0; i < s.size(); ++i) {
        const double x = s.x(r.axis, i);
        if (x < r.x0 || x > r.x1)
            continue;
        const double v = s.value(i);
        if (!std::isfinite(v))
            continue;
        const int c = std::min(r.width - 1, int(std::floor((x - r.x0) * scale)));
        BruteColumn &col = columns[size_t(c)];
        if (!col.any) {
            col = BruteColumn{v, v, v, v, true};
        } else {
            col.min = std::min(col.min, v);
            col.max = std::max(col.max, v);
            col.last = v;
        }
    }
}

void setRangeCounters(benchmark::State &state, const EnvelopeRequest &r)
{
    const MetricSeries &s = tenMillion();
    const qsizetype inRange = s.upperBound(r.axis, r.x1) - s.lowerBound(r.axis, r.x0);
    state.counters["points"] = double(inRange);
    state.SetItemsProcessed(int64_t(state.iterations()) * inRange);
}

void BM_Envelope(benchmark::State &state, double fraction, EnvelopeRequest::Method method)
{
    const MetricSeries &s = tenMillion();
    const EnvelopePyramid &pyramid = tenMillionPyramid();
    const EnvelopeRequest r = requestFor(fraction, method);
    qsizetype columns = 0;
    for (auto _ : state) {
        Envelope e = pyramid.query(s, r);
        columns = e.columns.size();
        benchmark::DoNotOptimize(e);
    }
    state.counters["columns"] = double(columns);
    setRangeCounters(state, r);
}

void BM_BruteForce(benchmark::State &state, double fraction)
{
    const MetricSeries &s = tenMillion();
    const EnvelopeRequest r = requestFor(fraction, EnvelopeRequest::Method::Scan);
    std::vector<BruteColumn> columns;
    for (auto _ : state) {
        bruteForce(s, r, columns);
        benchmark::DoNotOptimize(columns.data());
    }
    setRangeCounters(state, r);
}

// Full range, then zoomed to 10 %, 1 % and 0.01 % of the steps (1M, 100k, 1k points).
BENCHMARK_CAPTURE(BM_Envelope, full_pyramid, 1.0, EnvelopeRequest::Method::Pyramid)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Envelope, full_scan, 1.0, EnvelopeRequest::Method::Scan)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_BruteForce, full, 1.0)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Envelope, zoom10pc_pyramid, 0.1, EnvelopeRequest::Method::Pyramid)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Envelope, zoom10pc_scan, 0.1, EnvelopeRequest::Method::Scan)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_BruteForce, zoom10pc, 0.1)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Envelope, zoom1pc_pyramid, 0.01, EnvelopeRequest::Method::Pyramid)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Envelope, zoom1pc_scan, 0.01, EnvelopeRequest::Method::Scan)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_BruteForce, zoom1pc, 0.01)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Envelope, zoom0_01pc_auto, 0.0001, EnvelopeRequest::Method::Auto)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_BruteForce, zoom0_01pc, 0.0001)->Unit(benchmark::kMicrosecond);

// Crossover between the two methods, for the Auto threshold: points per column 2..256.
void BM_Crossover(benchmark::State &state)
{
    const double pointsPerColumn = double(state.range(0));
    const auto method = state.range(1) ? EnvelopeRequest::Method::Pyramid : EnvelopeRequest::Method::Scan;
    const EnvelopeRequest r = requestFor(pointsPerColumn * kWidth / double(kPoints), method);
    for (auto _ : state)
        benchmark::DoNotOptimize(tenMillionPyramid().query(tenMillion(), r));
    setRangeCounters(state, r);
}
BENCHMARK(BM_Crossover)
    ->ArgsProduct({{2, 4, 8, 16, 32, 64, 256}, {0, 1}})
    ->ArgNames({"perColumn", "pyramid"})
    ->Unit(benchmark::kMicrosecond);

void BM_PyramidBuild(benchmark::State &state)
{
    const MetricSeries &s = tenMillion();
    qsizetype bytes = 0;
    for (auto _ : state) {
        EnvelopePyramid pyramid(s);
        bytes = pyramid.memoryBytes();
        benchmark::DoNotOptimize(pyramid);
    }
    state.counters["pyramidMB"] = double(bytes) / 1e6;
    state.SetItemsProcessed(int64_t(state.iterations()) * s.size());
}
BENCHMARK(BM_PyramidBuild)->Unit(benchmark::kMillisecond);

// Baseline for the build: copy the 10M values (what any pass over them costs at least).
void BM_CopyTenMillionDoubles(benchmark::State &state)
{
    const std::vector<double> &values = tenMillion().values();
    std::vector<double> copy(values.size());
    for (auto _ : state) {
        std::memcpy(copy.data(), values.data(), values.size() * sizeof(double));
        benchmark::DoNotOptimize(copy.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(values.size()));
}
BENCHMARK(BM_CopyTenMillionDoubles)->Unit(benchmark::kMillisecond);

// Live tick on a 10M-point series: append 10 points, update the pyramid (amortised, no rebuild).
void BM_AppendTenAndUpdate(benchmark::State &state)
{
    MetricSeries s = tenMillion();
    // Room for the appends, so the figure is the steady state rather than the one reallocation of the columns
    // that doubling makes rare.
    s.reserve(s.size() + 20'000'000);
    EnvelopePyramid pyramid(s);
    qint64 step = s.lastX(XAxis::Step);
    qint64 time = qint64(s.lastX(XAxis::WallTime));
    for (auto _ : state) {
        for (int k = 0; k < 10; ++k)
            s.append(++step, ++time, 0.5);
        pyramid.update(s);
    }
}
BENCHMARK(BM_AppendTenAndUpdate)->Unit(benchmark::kMicrosecond);

void BM_SmoothTenMillion(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(ExponentialMovingAverage::smooth(tenMillion(), 0.9));
    state.SetItemsProcessed(int64_t(state.iterations()) * kPoints);
}
BENCHMARK(BM_SmoothTenMillion)->Unit(benchmark::kMillisecond);

// A poll against MLflow 2.x returns the whole history: merging 200,000 known points + 10 new ones.
void BM_MergeFullHistory200k(benchmark::State &state)
{
    std::vector<SeriesPoint> history;
    for (int i = 0; i < 200'010; ++i)
        history.push_back({i, 1795337313533 + 100 * i, 1.0 / (i + 1)});
    const std::vector<SeriesPoint> known(history.begin(), history.end() - 10);
    for (auto _ : state) {
        state.PauseTiming();
        ChartSeries line;
        line.setSeries(MetricSeries::fromUnordered(known));
        line.setSmoothingWeight(0.6);
        state.ResumeTiming();
        benchmark::DoNotOptimize(line.merge(history));
    }
}
BENCHMARK(BM_MergeFullHistory200k)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
