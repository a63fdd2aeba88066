// Parsing a 1,000,000-point metrics/get-history body (about 130 MB, pretty-printed like MLflow's answers).
// Reports MB/s for each reader and its speed relative to the baseline measured in the same run: a plain
// QJsonDocument::fromJson of the same body (which does not even build the points yet).
//
//   BenchGetHistoryParse [--benchmark_repetitions=3]

#include "tracking/MetricHistoryParser.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <benchmark/benchmark.h>

#include <cmath>

namespace {

const QByteArray &body()
{
    static const QByteArray data = [] {
        QByteArray out;
        const int points = 1000000;
        out.reserve(qsizetype(points) * 132);
        out += "{\n  \"metrics\": [\n";
        for (int i = 0; i < points; ++i) {
            const double value = i % 1000 == 999 ? std::nan("") : 5.0 * std::exp(-i / 200000.0) + (i % 7) * 1e-3;
            out += "    {\n      \"key\": \"train_loss\",\n      \"value\": ";
            out += std::isnan(value) ? QByteArray("\"NaN\"") : QByteArray::number(value, 'g', 17);
            out += ",\n      \"timestamp\": " + QByteArray::number(1795337980789LL + i * 23) +
                   ",\n      \"step\": " + QByteArray::number(i) + (i + 1 < points ? "\n    },\n" : "\n    }\n");
        }
        out += "  ]\n}";
        return out;
    }();
    return data;
}

// Seconds per parse of the baseline, measured once (best of three).
double baselineSeconds()
{
    static const double seconds = [] {
        double best = 1e9;
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer t;
            t.start();
            benchmark::DoNotOptimize(QJsonDocument::fromJson(body()));
            best = std::min(best, t.nsecsElapsed() / 1e9);
        }
        return best;
    }();
    return seconds;
}

template <typename Parse>
void run(benchmark::State &state, Parse parse)
{
    const QByteArray &data = body();
    const double baseline = baselineSeconds();
    QElapsedTimer timer;
    timer.start();
    for (auto _ : state)
        benchmark::DoNotOptimize(parse(data));
    const double perIteration = timer.nsecsElapsed() / 1e9 / double(state.iterations());
    state.SetBytesProcessed(int64_t(state.iterations()) * data.size());
    state.counters["MB/s"] = data.size() / 1e6 / perIteration;
    state.counters["x_QJsonDocument"] = baseline / perIteration;
}

void BM_Baseline_QJsonDocumentFromJson(benchmark::State &state)
{
    run(state, [](const QByteArray &d) { return QJsonDocument::fromJson(d).isNull(); });
}

void BM_QJsonDocumentToPoints(benchmark::State &state)
{
    run(state, [](const QByteArray &d) { return mltf::tracking::MetricHistoryParser::parseWithQJson(d).value().points.size(); });
}

void BM_MetricHistoryParser(benchmark::State &state)
{
    run(state, [](const QByteArray &d) {
        auto page = mltf::tracking::MetricHistoryParser::parse(d);
        if (page.value().points.size() != 1000000)
            std::abort();
        return page.value().points.size();
    });
}

} // namespace

BENCHMARK(BM_Baseline_QJsonDocumentFromJson)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_QJsonDocumentToPoints)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_MetricHistoryParser)->Unit(benchmark::kMillisecond)->MinTime(2.0);

BENCHMARK_MAIN();
