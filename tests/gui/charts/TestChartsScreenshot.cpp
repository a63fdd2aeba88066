// Renders the Charts and System tabs of the lr=1e-3 run of the bundled example store and saves docs-ready
// screenshots: $MLTF_SCREENSHOT_DIR/charts-tab.png and system-tab.png (default: <build>/screenshots). Meant
// for Xvfb (xvfb-run -a); falls back to the offscreen platform when there is no display.

#include "ThrowawayHome.h"
#include "BrowserProbe.h"
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
#include <QImage>
#include <QMouseEvent>
#include <QSet>
#include <QSlider>
#include <QTabWidget>
#include <QTest>

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
    const QPoint pos = chart->mapFromScene(QPointF(plot.left() + fx * plot.width(), plot.top() + fy * plot.height()));
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
        browser.resize(1600, 1000);
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
