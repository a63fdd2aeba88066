// Renders the runs browser on the bundled example store and saves docs-ready screenshots:
// $MLTF_SCREENSHOT_DIR/runs-browser.png (default: <build>/screenshots). Meant for Xvfb; falls back to the
// offscreen platform when there is no display.

#include "BrowserProbe.h"
#include "ThrowawayHome.h"
#include "runs/RunOverview.h"
#include "runs/RunPage.h"
#include "tracking/TrackingUri.h"
#include "util/Settings.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace mltf;
using namespace mltf::ui;
using mltf::test::BrowserProbe;

class TestRunsBrowserScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        Settings::initialise();
    }

    void runsBrowserOnTheExampleStore()
    {
        RunsBrowser browser;
        browser.setWindowTitle(QStringLiteral("MLTF Desktop — Runs"));
        browser.resize(1400, 860);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        BrowserProbe probe{browser};
        browser.setTrackingUri(
            tracking::TrackingUri::parse(QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns")),
            tr("bundled example store"));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);

        // A few chosen columns, as a user comparing the sweep would set up.
        browser.runsPanel()->model()->setExtraColumns(
            {RunColumn::param(QStringLiteral("learning_rate")), RunColumn::metric(QStringLiteral("val_loss")),
             RunColumn::metric(QStringLiteral("val_bits_per_byte"))});
        QVERIFY(probe.selectRun(QStringLiteral("charlm-lr1e-3")));
        QTRY_COMPARE_WITH_TIMEOUT(browser.runPage()->overview()->paramsView()->topLevelItemCount(), 21, 5000);

        const QImage image = browser.grab().toImage();
        QVERIFY(!image.isNull());
        // Something was drawn: many distinct colours, not a blank window.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

        QString dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR");
        if (dir.isEmpty())
            dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR_DEFAULT", QDir::tempPath());
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/runs-browser.png");
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
    TestRunsBrowserScreenshot test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestRunsBrowserScreenshot.moc"
