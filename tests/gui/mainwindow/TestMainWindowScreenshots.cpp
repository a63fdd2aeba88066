// The README's pictures: the project editor with the seed-slides example open, and the runs page on the
// bundled example store, taken of the real main window on a real X server (Xvfb) and saved to
// $MLTF_SCREENSHOT_DIR (default: <build>/screenshots).
#include "ThrowawayHome.h"

#include "BrowserProbe.h"
#include "SettledWindow.h"
#include "auth/AuthService.h"
#include "mainwindow/MainWindow.h"
#include "project/ProjectEditor.h"
#include "runs/RunOverview.h"
#include "runs/RunPage.h"
#include "runs/RunsBrowser.h"
#include "util/Settings.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace mltf;
using namespace mltf::ui;

namespace {

// Saves the window's picture after checking that something real was drawn (many colours, not blank).
void saveShot(QWidget &window, const QString &name)
{
    const QImage image = window.grab().toImage();
    QVERIFY(!image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
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

bool copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    const QStringList files = QDir(from).entryList(QDir::Files);
    for (const QString &file : files) {
        if (!QFile::copy(from + QLatin1Char('/') + file, to + QLatin1Char('/') + file))
            return false;
    }
    return true;
}

} // namespace

class TestMainWindowScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        Settings::initialise();
    }

    void projectEditorWithSeedSlides()
    {
        // A copy, so the picture shows the folder name a user would have, and nothing in tests/data changes.
        QTemporaryDir home;
        const QString project = home.filePath(QStringLiteral("seed-slides"));
        QVERIFY(copyFolder(QStringLiteral(MLTF_TEST_DATA_DIR "/projects/seed-slides"), project));
        MainWindow::Options options;
        options.projectDir = project;
        test::SettledWindow window(options);
        window.resize(1400, 880);
        QSignalSpy opened(window.projectEditor(), &ProjectEditor::projectOpened);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(opened.count() > 0 || opened.wait(10000));
        QTRY_VERIFY(window.windowTitle().startsWith(QStringLiteral("Project Test")));
        saveShot(window, QStringLiteral("project-editor.png"));
    }

    void runsPageOnTheExampleStore()
    {
        test::SettledWindow window(MainWindow::Options{});
        window.resize(1400, 880);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        test::BrowserProbe probe{*window.runsBrowser()};
        QTRY_VERIFY_WITH_TIMEOUT(probe.runs().rowCount() == 4, 10000);
        QVERIFY(probe.selectRun(QStringLiteral("charlm-lr1e-3")));
        QTRY_COMPARE_WITH_TIMEOUT(
            window.runsBrowser()->runPage()->overview()->paramsView()->topLevelItemCount(), 21, 5000);
        saveShot(window, QStringLiteral("runs-page.png"));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestMainWindowScreenshots test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestMainWindowScreenshots.moc"
