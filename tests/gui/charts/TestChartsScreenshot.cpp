// Renders the Charts and System tabs of the lr=1e-3 run of the bundled example store and saves docs-ready
// screenshots: $MLTF_SCREENSHOT_DIR/charts-tab.png and system-tab.png (default: <build>/screenshots). Meant
// for Xvfb (xvfb-run -a); falls back to the offscreen platform when there is no display.

#include "BrowserProbe.h"
#include "ThrowawayHome.h"
#include "charts/ChartControls.h"
#include "charts/ChartGrid.h"
#include "charts/ChartsTab.h"
#include "charts/MetricChartView.h"
#include "charts/SystemTab.h"
#include "runs/RunPage.h"
#include "tracking/TrackingUri.h"
#include "util/Settings.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSet>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mltf;
using namespace mltf::ui;
using mltf::test::BrowserProbe;

namespace {

bool allLoaded(const ChartGrid &grid)
{
    if (grid.pendingLoads() != 0 || grid.charts().isEmpty())
        return false;
    for (const MetricChartView *chart : grid.charts())
        if (chart->data().raw().isEmpty())
            return false;
    return true;
}

// Hovers a chart at a fraction of its plot, so the read-out shows in the picture.
void hover(MetricChartView *chart, double fx, double fy)
{
    const QRectF plot = chart->chart()->plotArea();
    const QPoint pos =
        chart->mapFromScene(QPointF(plot.left() + fx * plot.width(), plot.top() + fy * plot.height()));
    QMouseEvent move(QEvent::MouseMove, pos, chart->viewport()->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(chart->viewport(), &move);
}

QString screenshotDir()
{
    QString dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR_DEFAULT", QDir::tempPath());
    return dir;
}

} // namespace

class TestChartsScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        Settings::initialise();
    }

    void chartAndSystemTabsOfTheExampleRun()
    {
        RunsBrowser browser;
        browser.setWindowTitle(QStringLiteral("MLTF Desktop — Runs"));
        browser.resize(1600, 1100);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        BrowserProbe probe{browser};
        browser.setTrackingUri(
            tracking::TrackingUri::parse(QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns")),
            tr("bundled example store"));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        QVERIFY(probe.selectRun(QStringLiteral("charlm-lr1e-3")));

        auto *charts = browser.runPage()->findChild<ChartsTab *>();
        auto *system = browser.runPage()->findChild<SystemTab *>();
        QVERIFY(charts && system);

        browser.runPage()->tabs()->setCurrentWidget(charts);
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(*charts->grid()), 10000);
        charts->controls()->smoothingSlider()->setValue(60);
        hover(charts->grid()->chart(QStringLiteral("train_loss")), 0.35, 0.5);
        save(browser, QStringLiteral("charts-tab.png"));

        browser.runPage()->tabs()->setCurrentWidget(system);
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(*system->grid()), 10000);
        save(browser, QStringLiteral("system-tab.png"));
        qInfo("OpenGL series: %s", MetricChartView::openGlAvailable() ? "yes" : "no");
    }

    // On a real display big series draw their main line with OpenGL; exports still work. Also reports how
    // long a zoom step (envelope query + series update + repaint) takes on a 1M-point series at 1280 px.
    void bigSeriesUseOpenGlWhereAvailable()
    {
        QList<tracking::MetricPoint> points;
        points.reserve(1'000'000);
        for (qint64 i = 0; i < 1'000'000; ++i)
            points.append({i, 1'700'000'000'000 + i * 100,
                           std::sin(double(i) / 5e4) + double((i * 7919) % 1000) / 2e3});
        MetricChartView view;
        view.resize(1280 + 80, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setHistory(points);
        QCOMPARE(view.usesOpenGl(), MetricChartView::openGlAvailable());

        QElapsedTimer timer;
        timer.start();
        constexpr int kSteps = 20;
        for (int i = 0; i < kSteps; ++i) {
            view.zoomToX(i * 10'000.0, 1'000'000.0 - i * 10'000.0);
            view.viewport()->repaint();
        }
        qInfo("zoom step on 1M points at %d px (%s): %.2f ms", view.envelopeWidth(),
              view.usesOpenGl() ? "OpenGL" : "QPainter", double(timer.nsecsElapsed()) / 1e6 / kSteps);
        QVERIFY(view.mainLine()->count() <= 2 * view.envelopeWidth() + 2);
        timer.restart();
        for (int i = 0; i < kSteps; ++i)
            view.zoomToX(i * 10'000.0, 1'000'000.0 - i * 10'000.0);
        qInfo("  of which the envelope and series update: %.2f ms",
              double(timer.nsecsElapsed()) / 1e6 / kSteps);

        QTemporaryDir dir;
        QVERIFY(view.exportPng(dir.filePath(QStringLiteral("big.png"))).ok());
        QVERIFY(!QImage(dir.filePath(QStringLiteral("big.png"))).isNull());
        QCOMPARE(view.usesOpenGl(), MetricChartView::openGlAvailable());
    }

private:
    void save(QWidget &window, const QString &name)
    {
        // Let queued relayouts and the charts' re-queries at their final widths run.
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        const QImage image = window.grab().toImage();
        QVERIFY(!image.isNull());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        const QString dir = screenshotDir();
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QLatin1Char('/') + name;
        QVERIFY2(image.save(path), qPrintable(path));
        qInfo("saved %s (%s)", qPrintable(path), qPrintable(QGuiApplication::platformName()));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestChartsScreenshot test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestChartsScreenshot.moc"
