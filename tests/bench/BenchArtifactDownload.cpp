// Downloading one 500 MB artifact from the MLflow test server on loopback (/get-artifact) with
// ArtifactDownloader, against `curl -o` on the same URL measured in the same run. Reports MB/s and the ratio
// to curl (x_curl > 1: faster than curl). Needs curl on PATH and about 1.5 GB of free memory (the test server
// holds the file in memory while it answers).
//
//   BenchArtifactDownload [--benchmark_repetitions=3]

#include "TestServerProcess.h"

#include "tracking/ArtifactDownloader.h"
#include "tracking/RestStore.h"
#include "util/Settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <benchmark/benchmark.h>

#include <memory>

namespace {

constexpr qint64 kSize = 500LL * 1000 * 1000;
const QString kExperiment = QStringLiteral("514274819739157863");
const QString kRun = QStringLiteral("925b954e793f4716beb92695258d9791");

// A one-run mlruns folder (meta files from the bundled store) with artifacts/big.bin of kSize random bytes.
struct Fixture
{
    QTemporaryDir store;
    QTemporaryDir downloads;
    TestServerProcess server;
    QString url; // the /get-artifact URL of big.bin

    Fixture()
    {
        const QString source = TestServerProcess::exampleStore() + QLatin1Char('/') + kExperiment;
        const QString experiment = store.filePath(kExperiment);
        const QString run = experiment + QLatin1Char('/') + kRun;
        QDir().mkpath(run + QStringLiteral("/artifacts"));
        QFile::copy(source + QStringLiteral("/meta.yaml"), experiment + QStringLiteral("/meta.yaml"));
        QFile::copy(source + QLatin1Char('/') + kRun + QStringLiteral("/meta.yaml"),
                    run + QStringLiteral("/meta.yaml"));
        QFile big(run + QStringLiteral("/artifacts/big.bin"));
        if (!big.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(big.fileName()));
        QByteArray block(8 << 20, Qt::Uninitialized);
        QRandomGenerator random(42);
        for (qint64 written = 0; written < kSize; written += block.size()) {
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            big.write(block.constData(), std::min<qint64>(block.size(), kSize - written));
        }
        big.close();
        const QString error = server.start({QStringLiteral("--seed"), store.path()});
        if (!error.isEmpty())
            qFatal("%s", qPrintable(error));
        url = server.url().toString() + QStringLiteral("/get-artifact?path=big.bin&run_uuid=") + kRun;
    }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

double curlOnce()
{
    const QString out = fixture().downloads.filePath(QStringLiteral("curl.bin"));
    QElapsedTimer timer;
    timer.start();
    const int code = QProcess::execute(QStringLiteral("curl"),
                                       {QStringLiteral("-sS"), QStringLiteral("-o"), out, fixture().url});
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (code != 0 || QFileInfo(out).size() != kSize)
        qFatal("curl failed (%d)", code);
    QFile::remove(out);
    return seconds;
}

double downloaderOnce()
{
    auto store = std::make_shared<mltf::tracking::RestStore>(fixture().server.url());
    mltf::tracking::ArtifactDownloader downloader(store, kRun);
    bool done = false;
    bool ok = false;
    QObject::connect(&downloader, &mltf::tracking::ArtifactDownloader::finished, &downloader,
                     [&](const mltf::Status &s) {
                         done = true;
                         ok = s.ok();
                     });
    QElapsedTimer timer;
    timer.start();
    downloader.start(mltf::tracking::FileInfo{QStringLiteral("big.bin"), false, kSize},
                     fixture().downloads.path());
    if (!QTest::qWaitFor([&] { return done; }, 600000))
        qFatal("the download did not finish");
    const double seconds = timer.nsecsElapsed() / 1e9;
    const QString out = fixture().downloads.filePath(QStringLiteral("big.bin"));
    if (!ok || QFileInfo(out).size() != kSize)
        qFatal("the download failed");
    QFile::remove(out);
    return seconds;
}

// curl's seconds for the file, best of three, measured once.
double curlBaseline()
{
    static const double seconds = [] {
        double best = 1e9;
        for (int i = 0; i < 3; ++i)
            best = std::min(best, curlOnce());
        return best;
    }();
    return seconds;
}

template <typename Once> void run(benchmark::State &state, Once once)
{
    const double baseline = curlBaseline();
    double total = 0;
    for (auto _ : state) {
        const double seconds = once();
        state.SetIterationTime(seconds);
        total += seconds;
    }
    const double perIteration = total / double(state.iterations());
    state.SetBytesProcessed(int64_t(state.iterations()) * kSize);
    state.counters["MB/s"] = kSize / 1e6 / perIteration;
    state.counters["x_curl"] = baseline / perIteration;
}

void BM_Baseline_Curl(benchmark::State &state)
{
    run(state, curlOnce);
}

void BM_ArtifactDownloader(benchmark::State &state)
{
    run(state, downloaderOnce);
}

// Each iteration times curl then the downloader back to back, so load changes on a busy machine hit both:
// x_curl_paired is curl's total time over the downloader's.
void BM_ArtifactDownloader_PairedWithCurl(benchmark::State &state)
{
    double ours = 0;
    double curl = 0;
    for (auto _ : state) {
        curl += curlOnce();
        const double seconds = downloaderOnce();
        state.SetIterationTime(seconds);
        ours += seconds;
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * kSize);
    state.counters["MB/s"] = kSize / 1e6 * double(state.iterations()) / ours;
    state.counters["curl_MB/s"] = kSize / 1e6 * double(state.iterations()) / curl;
    state.counters["x_curl_paired"] = curl / ours;
}

} // namespace

BENCHMARK(BM_Baseline_Curl)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(BM_ArtifactDownloader)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(BM_ArtifactDownloader_PairedWithCurl)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(5);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    mltf::Settings::initialise();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
