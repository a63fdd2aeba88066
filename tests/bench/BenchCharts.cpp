// Chart benchmarks (Qt Charts), each with a baseline measured in the same run:
//  - feeding a QLineSeries of a chart with the envelope of a 1M-point series at 1280 px (query + replace),
//    against the baseline of feeding it all 1M points;
//  - repainting a MetricChartView holding 10M points at 1280 px, against the same view holding 1,000 points,
//    and a zoom step (new envelope + repaint) on the 10M points.
// Needs a display for the repaints: run it under Xvfb (QPainter; OpenGL only draws on a real GL platform).
//
//   xvfb-run -a BenchCharts --benchmark_counters_tabular=true

#include "charts/MetricChartView.h"
#include "series/ChartSeries.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QTest>
#include <QValueAxis>

#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>

using namespace mltf;

namespace {

constexpr int kPlotWidth = 1280;

// A noisy falling loss, one point per step, ~100 ms apart.
series::MetricSeries lossSeries(qsizetype n)
{
    std::vector<qint64> steps(static_cast<size_t>(n));
    std::vector<qint64> timestamps(static_cast<size_t>(n));
    std::vector<double> values(static_cast<size_t>(n));
    for (qsizetype i = 0; i < n; ++i) {
        steps[size_t(i)] = i;
        timestamps[size_t(i)] = 1795337313533 + 100 * i;
        values[size_t(i)] =
            2.0 * std::exp(-double(i) / double(n / 5 + 1)) + 0.1 + double((i * 7919) % 1000) / 1e4;
    }
    return series::MetricSeries::fromColumns(std::move(steps), std::move(timestamps), std::move(values));
}

const series::ChartSeries &millionLine()
{
    static const series::ChartSeries line = [] {
        series::ChartSeries l;
        l.setSeries(lossSeries(1'000'000));
        return l;
    }();
    return line;
}

// A chart view with one line series and fixed axes, as a chart without the envelope would be set up.
struct PlainChart
{
    QChartView view;
    QLineSeries *line = new QLineSeries;
    PlainChart()
    {
        auto *chart = new QChart;
        chart->addSeries(line);
        auto *x = new QValueAxis;
        auto *y = new QValueAxis;
        x->setRange(0, 1e6);
        y->setRange(0, 2.5);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        line->attachAxis(x);
        line->attachAxis(y);
        view.setChart(chart);
        view.resize(kPlotWidth + 80, 400);
    }
};

void BM_FeedLineSeries_AllPoints(benchmark::State &state)
{
    const series::MetricSeries &raw = millionLine().raw();
    QList<QPointF> all;
    all.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i)
        all.append(QPointF(double(raw.step(i)), raw.value(i)));
    PlainChart chart;
    for (auto _ : state) {
        chart.line->replace(all);
        benchmark::DoNotOptimize(chart.line->count());
    }
    state.counters["points"] = double(all.size());
}
BENCHMARK(BM_FeedLineSeries_AllPoints)->Unit(benchmark::kMillisecond);

void BM_FeedLineSeries_Envelope(benchmark::State &state)
{
    const series::ChartSeries &line = millionLine();
    PlainChart chart;
    qsizetype fed = 0;
    for (auto _ : state) {
        const QList<QPointF> points = line.envelope(line.firstX(), line.lastX(), kPlotWidth).polyline();
        chart.line->replace(points);
        fed = points.size();
    }
    state.counters["points"] = double(fed);
}
BENCHMARK(BM_FeedLineSeries_Envelope)->Unit(benchmark::kMillisecond);

// A shown chart view with `n` points whose plot is kPlotWidth pixels wide.
std::unique_ptr<ui::MetricChartView> shownChart(qsizetype n)
{
    auto view = std::make_unique<ui::MetricChartView>();
    view->setMetricKey(QStringLiteral("loss"));
    series::ChartSeries data;
    data.setSeries(lossSeries(n));
    view->setData(std::move(data));
    view->resize(kPlotWidth + 90, 400);
    view->show();
    (void)QTest::qWaitForWindowExposed(view.get());
    // Widen until the plot itself is kPlotWidth px (axis labels take what they need).
    for (int i = 0; i < 5 && view->envelopeWidth() != kPlotWidth; ++i) {
        view->resize(view->width() + kPlotWidth - qMax(1, view->envelopeWidth()), view->height());
        QCoreApplication::processEvents();
        QTest::qWait(20);
    }
    return view;
}

void repaint(benchmark::State &state, qsizetype n)
{
    const auto view = shownChart(n);
    for (auto _ : state)
        view->viewport()->repaint();
    state.counters["points"] = double(n);
    state.counters["px"] = view->envelopeWidth();
    state.counters["drawn"] = view->mainLine()->count();
}

void BM_Repaint_1k(benchmark::State &state)
{
    repaint(state, 1000);
}
BENCHMARK(BM_Repaint_1k)->Unit(benchmark::kMillisecond);

void BM_Repaint_10M(benchmark::State &state)
{
    repaint(state, 10'000'000);
}
BENCHMARK(BM_Repaint_10M)->Unit(benchmark::kMillisecond);

// A zoom step on 10M points: the envelope of the new range, the series updated, the repaint.
void BM_ZoomStepAndRepaint_10M(benchmark::State &state)
{
    const auto view = shownChart(10'000'000);
    int i = 0;
    for (auto _ : state) {
        const double cut = double(i++ % 40) * 1e5;
        view->zoomToX(cut, 1e7 - cut);
        view->viewport()->repaint();
    }
    state.counters["px"] = view->envelopeWidth();
}
BENCHMARK(BM_ZoomStepAndRepaint_10M)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
