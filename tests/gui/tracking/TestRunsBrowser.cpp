// The runs browser on the bundled example store (a FileStore): what a user sees after start.

#include "BrowserProbe.h"
#include "ThrowawayHome.h"
#include "runs/ArtifactsModel.h"
#include "runs/ColumnChooser.h"
#include "runs/RunArtifacts.h"
#include "runs/RunDescription.h"
#include "runs/RunOverview.h"
#include "runs/RunPage.h"
#include "runs/StatePlaceholder.h"
#include "tracking/TrackingUri.h"
#include "util/Settings.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace mltf;
using namespace mltf::ui;
using mltf::test::BrowserProbe;

namespace {
const QString kStore = QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns");
const QStringList kRunNames = {QStringLiteral("charlm-lr5e-2"), QStringLiteral("charlm-lr3e-3"),
                               QStringLiteral("charlm-lr1e-3"), QStringLiteral("charlm-lr3e-4")};
} // namespace

class TestRunsBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        qunsetenv("MLFLOW_TRACKING_INSECURE_TLS");
        Settings::initialise();
        QVERIFY2(QFileInfo(kStore).isDir(), qPrintable(kStore));
    }

    void init()
    {
        m_browser = std::make_unique<RunsBrowser>();
        m_browser->resize(1280, 800);
        m_browser->show();
    }
    void cleanup() { m_browser.reset(); }

    void showsTheSweepAndItsRuns()
    {
        BrowserProbe probe{*m_browser};
        m_browser->setTrackingUri(tracking::TrackingUri::parse(kStore));
        QCOMPARE(m_browser->connectionBar()->uriText(), kStore);
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->connectionBar()->state(), ConnectionBar::State::Connected,
                                  10000);
        QVERIFY(m_browser->connectionBar()->stateText().contains(QStringLiteral("2 experiments")));
        QVERIFY(!m_browser->connectionBar()->isInsecureTlsWarningVisible());
        QVERIFY(!m_browser->findChild<QLabel *>(QStringLiteral("lastRefresh"))->text().isEmpty());
        QVERIFY(probe.experimentNames().contains(QStringLiteral("charlm-sweep")));
        QVERIFY(probe.experimentNames().contains(QStringLiteral("Default")));
        // The sweep is chosen for the user (not the empty Default experiment).
        QCOMPARE(probe.selectedExperimentNames(), QStringList{QStringLiteral("charlm-sweep")});

        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        QVERIFY(m_browser->runsPanel()->view()->isVisible());
        // Newest first (start_time DESC), all finished.
        QCOMPARE(probe.column(1), kRunNames);
        QCOMPARE(probe.column(0), QStringList(4, QStringLiteral("Finished")));
        QCOMPARE(probe.column(4), QStringList(4, QStringLiteral("mltf-demo")));
        QCOMPARE(probe.column(5), QStringList(4, QStringLiteral("train_charlm.py")));
        QVERIFY(!probe.column(2).first().isEmpty()); // start
        QVERIFY(!probe.column(3).first().isEmpty()); // duration
        QCOMPARE(m_browser->runsPanel()->statusText(), QStringLiteral("4 runs"));

        // The search box filters the experiment list.
        m_browser->experimentsPanel()->searchBox()->setText(QStringLiteral("CHARLM"));
        QCOMPARE(probe.experimentNames(), QStringList{QStringLiteral("charlm-sweep")});
        m_browser->experimentsPanel()->searchBox()->setText(QStringLiteral("nothing like it"));
        QCOMPARE(probe.experimentNames(), QStringList());
        m_browser->experimentsPanel()->searchBox()->clear();
        QCOMPARE(probe.experimentNames().size(), 2);
    }

    void selectingARunShowsItsPage()
    {
        BrowserProbe probe{*m_browser};
        m_browser->setTrackingUri(tracking::TrackingUri::parse(kStore));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        RunPage *page = m_browser->runPage();
        QVERIFY(!page->hasRun());
        QVERIFY(probe.selectRun(QStringLiteral("charlm-lr1e-3")));
        QTRY_VERIFY_WITH_TIMEOUT(page->hasRun(), 5000);
        QCOMPARE(page->run().info.runId, QStringLiteral("af55f830388b42fb8aad376b1301563d"));
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("runTitle"))
                    ->text()
                    .contains(QStringLiteral("charlm-lr1e-3")));

        RunOverview *overview = page->overview();
        QVERIFY(overview->isVisible());
        QCOMPARE(overview->paramsView()->topLevelItemCount(), 21);
        QCOMPARE(overview->metricsView()->topLevelItemCount(), 19);
        QCOMPARE(overview->tagsView()->topLevelItemCount(), 8);
        QCOMPARE(overview->attribute(QStringLiteral("Run ID")),
                 QStringLiteral("af55f830388b42fb8aad376b1301563d"));
        QCOMPARE(overview->attribute(QStringLiteral("Status")), QStringLiteral("Finished"));
        QCOMPARE(overview->attribute(QStringLiteral("User")), QStringLiteral("mltf-demo"));
        const auto lr = overview->paramsView()->findItems(QStringLiteral("learning_rate"), Qt::MatchExactly);
        QCOMPARE(lr.size(), 1);
        QCOMPARE(lr.first()->text(1), QStringLiteral("0.001"));
        // Latest metric values come with their step.
        const auto valLoss = overview->metricsView()->findItems(QStringLiteral("val_loss"), Qt::MatchExactly);
        QCOMPARE(valLoss.size(), 1);
        QVERIFY(!valLoss.first()->text(1).isEmpty());
        QVERIFY(valLoss.first()->text(2).toLongLong() > 0);

        // No description for these runs: the placeholder says so.
        QVERIFY(page->description()->view()->toPlainText().isEmpty());
        QVERIFY(!page->description()->view()->placeholderText().isEmpty());

        // Artifacts are listed when the tab is opened, folders one level at a time.
        RunArtifacts *artifacts = page->artifacts();
        QCOMPARE(artifacts->model()->rowCount(), 0);
        page->tabs()->setCurrentWidget(artifacts);
        QTRY_VERIFY_WITH_TIMEOUT(artifacts->model()->isRootListed(), 5000);
        ArtifactsModel *model = artifacts->model();
        QStringList root;
        for (int row = 0; row < model->rowCount(); ++row)
            root.append(model->index(row, 0).data().toString());
        QCOMPARE(root, (QStringList{QStringLiteral("model"), QStringLiteral("samples.txt"),
                                    QStringLiteral("train.log")}));
        const QModelIndex modelDir = model->index(0, 0);
        artifacts->view()->expand(modelDir);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(modelDir) > 0, 5000);
        QModelIndex dataDir;
        for (int row = 0; row < model->rowCount(modelDir); ++row)
            if (model->index(row, 0, modelDir).data().toString() == QLatin1String("data"))
                dataDir = model->index(row, 0, modelDir);
        QVERIFY(dataDir.isValid());
        artifacts->view()->expand(dataDir);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(dataDir) >= 2, 5000);
        bool weights = false;
        for (int row = 0; row < model->rowCount(dataDir); ++row)
            if (model->index(row, 0, dataDir).data().toString() == QLatin1String("model.pth")) {
                weights = true;
                QCOMPARE(model->index(row, 0, dataDir).data(ArtifactsModel::SizeRole).toLongLong(), 6725774);
                QVERIFY(!model->index(row, 1, dataDir).data().toString().isEmpty());
            }
        QVERIFY(weights);

        // Another run: the page follows, the artifacts tab lists that run's root.
        QVERIFY(probe.selectRun(QStringLiteral("charlm-lr3e-4")));
        QTRY_COMPARE_WITH_TIMEOUT(page->run().info.runId, QStringLiteral("0df1a162c53e4e829710021c6b8725e0"),
                                  5000);
        QTRY_VERIFY_WITH_TIMEOUT(artifacts->model()->isRootListed(), 5000);
        QCOMPARE(artifacts->model()->runId(), QStringLiteral("0df1a162c53e4e829710021c6b8725e0"));
    }

    void filterSortAndColumns()
    {
        BrowserProbe probe{*m_browser};
        m_browser->setTrackingUri(tracking::TrackingUri::parse(kStore));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        RunsPanel *panel = m_browser->runsPanel();

        // A filter in MLflow's syntax.
        panel->filterBox()->setText(QStringLiteral("params.learning_rate = '0.001'"));
        QTest::keyClick(panel->filterBox(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 1, 10000);
        QCOMPARE(probe.column(1), QStringList{QStringLiteral("charlm-lr1e-3")});
        QCOMPARE(panel->statusText(), QStringLiteral("1 run"));

        // Nothing matches: the empty state says so.
        panel->setFilter(QStringLiteral("params.learning_rate = '42'"));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady(), 10000);
        QCOMPARE(probe.runs().rowCount(), 0);
        QVERIFY(panel->placeholder()->isVisible());
        QCOMPARE(panel->placeholder()->text(), QStringLiteral("No runs match this filter."));

        // A filter the store rejects: its message, under the filter box.
        panel->setFilter(QStringLiteral("params.learning_rate <<< 1"));
        QTRY_COMPARE_WITH_TIMEOUT(probe.runs().state(), RunsModel::State::Failed, 10000);
        QVERIFY(!panel->filterError().isEmpty());
        QVERIFY2(panel->filterError().contains(probe.runs().error().message),
                 qPrintable(panel->filterError()));
        QCOMPARE(panel->placeholder()->kind(), StatePlaceholder::Kind::Error);

        // Clearing the box shows every run again and the error goes.
        panel->filterBox()->clear();
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        QVERIFY(panel->filterError().isEmpty());

        // Sorting by name (a header click) asks the store for that order.
        panel->view()->header()->setSortIndicator(1, Qt::AscendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        QCOMPARE(probe.column(1),
                 (QStringList{QStringLiteral("charlm-lr1e-3"), QStringLiteral("charlm-lr3e-3"),
                              QStringLiteral("charlm-lr3e-4"), QStringLiteral("charlm-lr5e-2")}));
        // Duration cannot be sorted by the server: the indicator stays on Name.
        panel->view()->header()->setSortIndicator(3, Qt::AscendingOrder);
        QCOMPARE(panel->view()->header()->sortIndicatorSection(), 1);

        // The column chooser offers the keys seen; a metric column with '/' in its key sorts server side.
        ColumnChooser *chooser = m_browser->findChild<ColumnChooser *>();
        chooser->rebuild();
        QTreeWidget *keys = chooser->keyList();
        QCOMPARE(keys->topLevelItemCount(), 2);
        QCOMPARE(keys->topLevelItem(0)->childCount(), 21); // params
        QCOMPARE(keys->topLevelItem(1)->childCount(), 19); // metrics
        QTreeWidgetItem *gpu = nullptr;
        for (int i = 0; i < keys->topLevelItem(1)->childCount(); ++i)
            if (keys->topLevelItem(1)->child(i)->text(0) ==
                QLatin1String("system/gpu_0_utilization_percentage"))
                gpu = keys->topLevelItem(1)->child(i);
        QVERIFY(gpu);
        gpu->setCheckState(0, Qt::Checked);
        const int gpuColumn = probe.runs().columnCount() - 1;
        QCOMPARE(probe.runs().headerData(gpuColumn, Qt::Horizontal).toString(),
                 QStringLiteral("system/gpu_0_utilization_percentage"));
        QVERIFY(!probe.column(gpuColumn).first().isEmpty());
        panel->view()->header()->setSortIndicator(gpuColumn, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        QCOMPARE(probe.runs().orderBy().first(),
                 QStringLiteral("metrics.`system/gpu_0_utilization_percentage` DESC"));
        QCOMPARE(probe.runs().sortColumn(), gpuColumn);
    }

    void refreshKeepsTheSelection()
    {
        BrowserProbe probe{*m_browser};
        m_browser->setTrackingUri(tracking::TrackingUri::parse(kStore));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        QVERIFY(probe.selectRun(QStringLiteral("charlm-lr3e-3")));
        QTRY_VERIFY_WITH_TIMEOUT(m_browser->runPage()->hasRun(), 5000);
        m_browser->connectionBar()->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->runsPanel()->currentRunId(),
                                  QStringLiteral("925b954e793f4716beb92695258d9791"), 5000);
        QCOMPARE(probe.selectedExperimentNames(), QStringList{QStringLiteral("charlm-sweep")});
        QCOMPARE(m_browser->runPage()->run().info.runName, QStringLiteral("charlm-lr3e-3"));
        QCOMPARE(m_browser->connectionBar()->state(), ConnectionBar::State::Connected);
    }

    void openRunSelectsItsExperimentAndRow()
    {
        BrowserProbe probe{*m_browser};
        m_browser->setTrackingUri(tracking::TrackingUri::parse(kStore));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 4, 10000);
        m_browser->openRun(QStringLiteral("c7340565c24d4e71987541a81812df44"));
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->runsPanel()->currentRunId(),
                                  QStringLiteral("c7340565c24d4e71987541a81812df44"), 10000);
        QCOMPARE(m_browser->runPage()->run().info.runId, QStringLiteral("c7340565c24d4e71987541a81812df44"));

        m_browser->openRun(QStringLiteral("00000000000000000000000000000000"));
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->runPage()->placeholder()->kind(), StatePlaceholder::Kind::Error,
                                  10000);
        QVERIFY(m_browser->runPage()->placeholder()->isVisible());
    }

    void aMissingFolderIsAClearError()
    {
        QTemporaryDir dir;
        const QString missing = dir.path() + QStringLiteral("/no-such-mlruns");
        m_browser->setTrackingUri(tracking::TrackingUri::parse(missing));
        QCOMPARE(m_browser->connectionBar()->state(), ConnectionBar::State::Failed);
        QVERIFY(!m_browser->connectionBar()->stateText().isEmpty());
        QVERIFY(!m_browser->store());

        // Typing a good URI into the bar connects (and remembers it in the settings).
        auto *edit = m_browser->findChild<QLineEdit *>(QStringLiteral("trackingUriEdit"));
        edit->setText(kStore);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->connectionBar()->state(), ConnectionBar::State::Connected,
                                  10000);
        QCOMPARE(Settings::value(Settings::Key::TrackingUri).toString(), kStore);
        QCOMPARE(RunsBrowser::describeOrigin(tracking::TrackingUri::parse(kStore)),
                 QStringLiteral("from your settings"));

        // An unsupported scheme is refused with the reason; the connection stays as it was.
        edit->setText(QStringLiteral("databricks://profile"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(m_browser->connectionBar()->state(), ConnectionBar::State::Failed);
        QVERIFY(m_browser->store());
    }

    void insecureTlsIsVisible()
    {
        qputenv("MLFLOW_TRACKING_INSECURE_TLS", "true");
        m_browser->setTrackingUri(tracking::TrackingUri::parse(QStringLiteral("https://127.0.0.1:1")));
        QVERIFY(m_browser->connectionBar()->isInsecureTlsWarningVisible());
        qunsetenv("MLFLOW_TRACKING_INSECURE_TLS");
        m_browser->setTrackingUri(tracking::TrackingUri::parse(kStore));
        QVERIFY(!m_browser->connectionBar()->isInsecureTlsWarningVisible());
    }

private:
    std::unique_ptr<RunsBrowser> m_browser;
};

QTEST_MAIN(TestRunsBrowser)
#include "TestRunsBrowser.moc"
