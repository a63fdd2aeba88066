// The window a user starts: which page it opens on, where the tracking URI comes from, the account menu
// and remembered geometry.
#include "ThrowawayHome.h"

#include "BrowserProbe.h"
#include "SettledWindow.h"
#include "auth/AuthActions.h"
#include "auth/AuthService.h"
#include "mainwindow/MainWindow.h"
#include "project/ProjectEditor.h"
#include "runs/ConnectionBar.h"
#include "runs/RunsBrowser.h"
#include "submit/SubmitDialog.h"
#include "submit/TasksView.h"
#include "util/Settings.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;

namespace {

const QString kExampleStore = QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns");

QStringList menuTitles(const QMainWindow &window)
{
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles.append(action->text().remove(QLatin1Char('&')));
    return titles;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        Settings::initialise();
    }

    void firstStartShowsTheBundledRuns()
    {
        test::SettledWindow window(MainWindow::Options{});
        window.show();
        QCOMPARE(window.currentPage(), window.runsBrowser());
        test::BrowserProbe probe{*window.runsBrowser()};
        QTRY_VERIFY_WITH_TIMEOUT(probe.runs().rowCount() == 4, 10000);
        QCOMPARE(window.runsBrowser()->connectionBar()->origin(), QStringLiteral("bundled example store"));
        QCOMPARE(QDir(window.runsBrowser()->connectionBar()->uriText()).canonicalPath(),
                 QDir(kExampleStore).canonicalPath());
    }

    void commandLineUriWinsAndSaysSo()
    {
        MainWindow::Options options;
        options.trackingUri = QStringLiteral("file://") + kExampleStore;
        test::SettledWindow window(options);
        QCOMPARE(window.runsBrowser()->connectionBar()->origin(), QStringLiteral("from the command line"));
        QVERIFY(window.runsBrowser()->trackingUri().isValid());
    }

    void projectOnTheCommandLineOpensTheEditor()
    {
        MainWindow::Options options;
        options.projectDir = QStringLiteral(MLTF_TEST_DATA_DIR "/projects/seed-slides");
        test::SettledWindow window(options);
        QCOMPARE(window.currentPage(), window.projectEditor());
        QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().startsWith(QStringLiteral("Project Test")), 10000);
    }

    void everyPageAndTheAccountAreInTheMenus()
    {
        test::SettledWindow window(MainWindow::Options{});
        QCOMPARE(menuTitles(window),
                 (QStringList{QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"),
                              QStringLiteral("Run"), QStringLiteral("Settings"), QStringLiteral("Account"),
                              QStringLiteral("Help")}));
        QCOMPARE(window.pageCount(), 3);
        // Submitting needs an open project; the SLURM hosts are in the settings.
        QVERIFY(window.runMenu()->actions().contains(window.projectEditor()->submitAction()));
        QVERIFY(!window.projectEditor()->submitAction()->isEnabled());
        QCOMPARE(window.projectEditor()->submitAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));
        QCOMPARE(window.settingsMenu()->actions().constFirst()->text().remove(QLatin1Char('&')),
                 QStringLiteral("SLURM Hosts…"));
        QVERIFY(window.authActions()->signInAction()->isVisible() ||
                window.authActions()->signInAction()->isEnabled());
        // Ctrl+1 / Ctrl+2 / Ctrl+3 switch pages.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), window.projectEditor());
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), window.runsBrowser());
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), window.tasksView());
    }

    void submitOpensTheDialogForTheOpenProject()
    {
        MainWindow::Options options;
        options.projectDir = QStringLiteral(MLTF_TEST_DATA_DIR "/projects/seed-slides");
        test::SettledWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.projectEditor()->submitAction()->isEnabled(), 10000);
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        SubmitDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<SubmitDialog *>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("Project Test")));
        // Without SLURM hosts it says where to add one.
        QVERIFY(dialog->problemsLabel()->text().contains(QStringLiteral("SLURM Hosts")));
        // A second Ctrl+Return brings the same dialog back rather than a second one.
        window.projectEditor()->submitAction()->trigger();
        QCOMPARE(window.findChildren<SubmitDialog *>().size(), 1);
        dialog->reject();
    }

    void geometryIsRememberedAcrossStarts()
    {
        QSize wanted(1011, 707);
        {
            test::SettledWindow window(MainWindow::Options{});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            // A size the screen can hold: Qt 6.8 fits a restored window into the screen (offscreen: 800x600).
            wanted = wanted.boundedTo(window.screen()->availableGeometry().size() - QSize(60, 60))
                         .expandedTo(window.minimumSizeHint());
            QVERIFY(wanted != window.size());
            window.resize(wanted);
            QVERIFY(window.close());
        }
        test::SettledWindow again(MainWindow::Options{});
        QCOMPARE(again.size(), wanted);
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
