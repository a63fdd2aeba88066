// Renders the Artifacts tab on the bundled example store with the model's MLmodel previewed and saves
// $MLTF_SCREENSHOT_DIR/artifact-preview.png (default: <build>/screenshots). Meant for Xvfb; falls back to the
// offscreen platform when there is no display.

#include "ArtifactsTabProbe.h"
#include "ThrowawayHome.h"

#include "artifacts/ArtifactPreview.h"
#include "artifacts/DownloadPanel.h"
#include "util/Settings.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;

class TestArtifactPreviewScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::useThrowawayHome();
        Settings::initialise();
    }

    void mlmodelPreviewOnTheExampleStore()
    {
        RunArtifacts tab;
        tab.setWindowTitle(QStringLiteral("MLTF Desktop — Artifacts of charlm-lr3e-4"));
        tab.resize(1280, 720);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto store = std::make_shared<tracking::FileStore>(test::exampleStore());
        QVERIFY(test::openRun(tab, store, test::exampleRunId()));
        QVERIFY(test::selectArtifact(tab, QStringLiteral("model/data/pickle_module_info.txt")));
        QVERIFY(test::selectArtifact(tab, QStringLiteral("model/MLmodel")));
        QTRY_COMPARE(tab.preview()->page(), ArtifactPreview::Page::MlModel);
        QTest::qWait(200); // let the layout settle

        save(tab, QStringLiteral("artifact-preview.png"));
    }

    // The same with the model folder downloaded in one click: the progress panel below, finished.
    void modelFolderDownloaded()
    {
        QTemporaryDir destination;
        RunArtifacts tab;
        tab.setWindowTitle(QStringLiteral("MLTF Desktop — Artifacts of charlm-lr3e-4"));
        tab.resize(1280, 720);
        tab.downloads()->setFolderChooser([&](const tracking::FileInfo &) { return destination.path(); });
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto store = std::make_shared<tracking::FileStore>(test::exampleStore());
        QVERIFY(test::openRun(tab, store, test::exampleRunId()));
        QVERIFY(test::selectArtifact(tab, QStringLiteral("model/MLmodel")));
        QTRY_COMPARE(tab.preview()->page(), ArtifactPreview::Page::MlModel);
        QSignalSpy finished(tab.downloads(), &DownloadPanel::finished);
        tab.preview()->findChild<QPushButton *>(QStringLiteral("downloadModelButton"))->click();
        QVERIFY(finished.wait(10000));
        QTest::qWait(200);
        save(tab, QStringLiteral("artifact-download.png"));
    }

private:
    static void save(QWidget &widget, const QString &name)
    {
        const QImage image = widget.grab().toImage();
        QVERIFY(!image.isNull());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

        QString dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR");
        if (dir.isEmpty())
            dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR_DEFAULT", QDir::tempPath());
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
    TestArtifactPreviewScreenshot test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestArtifactPreviewScreenshot.moc"
