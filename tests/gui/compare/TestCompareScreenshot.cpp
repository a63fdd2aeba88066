// Renders the compare view of the four runs of the bundled example store and saves a docs-ready screenshot:
// $MLTF_SCREENSHOT_DIR/compare-view.png (default: <build>/screenshots), plus the scatter and parallel
// coordinates tabs. Meant for Xvfb (xvfb-run -a); falls back to the offscreen platform without a display.

#include "CompareFixture.h"
#include "ThrowawayHome.h"
#include "charts/ChartControls.h"
#include "compare/CompareHistories.h"
#include "compare/OverlayChartView.h"
#include "util/Settings.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>

using namespace mltf;
using namespace mltf::ui;
using mltf::test::BrowserProbe;

namespace {
QString screenshotDir()
{
    QString dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR_DEFAULT", QDir::tempPath());
    return dir;
}
} // namespace

class TestCompareScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        Settings::initialise();
    }

    void compareViewOfTheExampleRuns()
    {
        RunsBrowser browser;
        browser.setWindowTitle(QStringLiteral("MLTF Desktop — Compare runs"));
        browser.resize(1600, 1100);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        BrowserProbe probe{browser};
        QVERIFY(mltf::test::openExampleStore(browser, probe));
        QVERIFY(mltf::test::selectRuns(probe, mltf::test::exampleRunNames()));
        browser.runsPanel()->compareAction()->trigger();
        QVERIFY(browser.isComparing());

        CompareView *view = browser.compareView();
        QTRY_COMPARE_WITH_TIMEOUT(view->histories()->pendingRequests(), 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(view->overlay()->runsWithData(), 4, 10000);
        view->chartControls()->smoothingSlider()->setValue(60);
        view->tableTabs()->setCurrentIndex(1); // metrics: last, min, max
        save(browser, QStringLiteral("compare-view.png"));

        view->tableTabs()->setCurrentIndex(0);
        view->chartTabs()->setCurrentIndex(1);
        save(browser, QStringLiteral("compare-scatter.png"));
        view->chartTabs()->setCurrentIndex(2);
        save(browser, QStringLiteral("compare-parallel.png"));
    }

private:
    void save(QWidget &window, const QString &name)
    {
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
    TestCompareScreenshot test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestCompareScreenshot.moc"
