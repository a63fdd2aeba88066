// The Charts and System tabs on the bundled example store (tracking::FileStore), and the system metric
// catalogue. Offscreen.

#include "charts/ChartControls.h"
#include "charts/ChartGrid.h"
#include "charts/ChartsTab.h"
#include "charts/LiveRunFeed.h"
#include "charts/MetricChartView.h"
#include "charts/MetricPicker.h"
#include "charts/SystemMetricCatalog.h"
#include "charts/SystemTab.h"
#include "runs/RunPage.h"
#include "tracking/FileStore.h"
#include "util/Settings.h"

#include "ThrowawayHome.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace mltf;
using namespace mltf::ui;

namespace {

const QString kRunId = QStringLiteral("af55f830388b42fb8aad376b1301563d"); // charlm-lr1e-3

QString exampleStore()
{
    return QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns");
}

// Lines of a metric file of the run: its number of points.
int pointsInFile(const QString &key)
{
    QFile file(exampleStore() + QStringLiteral("/514274819739157863/") + kRunId +
               QStringLiteral("/metrics/") + key);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return int(file.readAll().trimmed().count('\n') + 1);
}

bool allLoaded(const ChartGrid &grid)
{
    if (grid.pendingLoads() != 0 || grid.charts().isEmpty())
        return false;
    for (const MetricChartView *chart : grid.charts())
        if (chart->data().raw().isEmpty())
            return false;
    return true;
}

} // namespace

class TestChartTabs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome(); // the run page's live feed reads the poll interval setting
        Settings::initialise();
        m_store = std::make_shared<tracking::FileStore>(exampleStore());
        auto future = m_store->getRun(kRunId);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
        QVERIFY(future.result().ok());
        m_run = future.result().value();
        QCOMPARE(m_run.displayName(), QStringLiteral("charlm-lr1e-3"));
    }

    void catalogueGroupsPerGpuWithUnits()
    {
        const QStringList keys{QStringLiteral("system/gpu_10_utilization_percentage"),
                               QStringLiteral("system/network_receive_megabytes"),
                               QStringLiteral("system/gpu_2_power_usage_watts"),
                               QStringLiteral("system/gpu_2_utilization_percentage"),
                               QStringLiteral("system/cpu_utilization_percentage"),
                               QStringLiteral("system/some_new_metric"),
                               QStringLiteral("train_loss")};
        const QList<SystemMetricCatalog::Group> groups = SystemMetricCatalog::group(keys);
        QStringList titles;
        for (const auto &g : groups)
            titles.append(g.title);
        QCOMPARE(titles, (QStringList{"GPU 2", "GPU 10", "CPU", "Network", "Other"}));
        QCOMPARE(groups[0].entries.size(), 2);
        QCOMPARE(groups[0].entries[0].key,
                 QStringLiteral("system/gpu_2_utilization_percentage")); // utilisation first
        QCOMPARE(groups[0].entries[0].valueTitle, QStringLiteral("Utilization (%)"));
        QCOMPARE(groups[0].entries[0].name, QStringLiteral("GPU 2 utilization"));
        QCOMPARE(groups[0].entries[1].valueTitle, QStringLiteral("Power (W)"));
        QCOMPARE(groups[3].entries[0].unit, QStringLiteral("MB"));
        QCOMPARE(groups[4].entries[0].label, QStringLiteral("Some new metric"));
    }

    void systemTabGroupsGpuZeroWithUnits()
    {
        SystemTab tab;
        tab.resize(1200, 900);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.showRun(m_store, m_run);
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(*tab.grid()), 10000);

        const QList<ChartGrid::Section> &sections = tab.grid()->sections();
        QStringList titles;
        for (const auto &s : sections)
            titles.append(s.title);
        QCOMPARE(titles, (QStringList{"GPU 0", "CPU", "Memory", "Network", "Disk"}));
        QStringList gpuKeys;
        QStringList gpuUnits;
        for (const ChartGrid::ChartSpec &spec : sections[0].charts) {
            gpuKeys.append(spec.key);
            gpuUnits.append(spec.valueTitle);
        }
        QCOMPARE(gpuKeys,
                 (QStringList{"system/gpu_0_utilization_percentage", "system/gpu_0_memory_usage_megabytes",
                              "system/gpu_0_memory_usage_percentage", "system/gpu_0_power_usage_watts",
                              "system/gpu_0_power_usage_percentage"}));
        QCOMPARE(gpuUnits, (QStringList{"Utilization (%)", "Memory used (MB)", "Memory used of total (%)",
                                        "Power (W)", "Power of limit (%)"}));
        MetricChartView *utilisation =
            tab.grid()->chart(QStringLiteral("system/gpu_0_utilization_percentage"));
        QVERIFY(utilisation);
        QCOMPARE(utilisation->data().raw().size(),
                 pointsInFile(QStringLiteral("system/gpu_0_utilization_percentage")));
        QCOMPARE(utilisation->title(), QStringLiteral("Utilization"));
        QCOMPARE(utilisation->xAxisMode(), series::XAxis::RelativeTime);
        QCOMPARE(tab.grid()->charts().size(), 13);
        QVERIFY(!tab.controls()->isLive()); // the run is finished
    }

    void chartsTabChartsTheRunMetricsByDefault()
    {
        ChartsTab tab;
        tab.resize(1200, 900);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.showRun(m_store, m_run);
        const QStringList expected{"grad_norm",  "learning_rate",     "tokens_per_second",
                                   "train_loss", "val_bits_per_byte", "val_loss"};
        QCOMPARE(tab.picker()->checkedKeys(), expected);
        QCOMPARE(tab.picker()->keys().size(), 6 + 13); // the system metrics are offered too, apart
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(*tab.grid()), 10000);
        QCOMPARE(tab.grid()->charts().size(), 6);
        QCOMPARE(tab.grid()->chart(QStringLiteral("train_loss"))->data().raw().size(),
                 pointsInFile(QStringLiteral("train_loss")));

        // The controls reach every chart.
        tab.controls()->smoothingSlider()->setValue(60);
        for (const MetricChartView *chart : tab.grid()->charts())
            QCOMPARE(chart->smoothingWeight(), 0.6);
        tab.controls()->setXAxis(series::XAxis::WallTime);
        QCOMPARE(tab.grid()->chart(QStringLiteral("val_loss"))->xAxisMode(), series::XAxis::WallTime);

        // Choosing a system metric adds its chart; the search filters the list.
        tab.picker()->setChecked(QStringLiteral("system/gpu_0_utilization_percentage"), true);
        QTRY_COMPARE(tab.grid()->charts().size(), 7);
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(*tab.grid()), 10000);
        tab.picker()->searchField()->setText(QStringLiteral("loss"));
        const QAbstractItemModel *shown = tab.picker()->view()->model();
        QCOMPARE(shown->rowCount(), 1); // only the run metrics group has matches
        QCOMPARE(shown->rowCount(shown->index(0, 0)), 2);

        // A refresh of the same run keeps the zoom and the choice.
        MetricChartView *loss = tab.grid()->chart(QStringLiteral("train_loss"));
        const auto [x0, x1] = loss->visibleXRange();
        loss->zoomToX(x0, (x0 + x1) / 2);
        tab.showRun(m_store, m_run);
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(*tab.grid()), 10000);
        QCOMPARE(tab.grid()->chart(QStringLiteral("train_loss")), loss);
        QCOMPARE(loss->visibleXRange(), qMakePair(x0, (x0 + x1) / 2));
        QCOMPARE(tab.grid()->charts().size(), 7);

        // Live points from a monitor land in the chart.
        const qsizetype before = loss->data().raw().size();
        tab.appendPoints(QStringLiteral("train_loss"), {{100000, 1795340000000, 1.0}});
        QCOMPARE(loss->data().raw().size(), before + 1);
        tab.setLive(true);
        QVERIFY(tab.controls()->isLive());

        tab.clearRun();
        QCOMPARE(tab.grid()->charts().size(), 0);
    }

    // A finished run is shown as loaded, not followed: no badge, no interval box, no monitor polling it.
    void finishedRunIsNotFollowedLive()
    {
        RunPage page;
        page.resize(1200, 900);
        auto *charts = page.findChild<ChartsTab *>();
        auto *system = page.findChild<SystemTab *>();
        QVERIFY(charts && system && charts->liveFeed());
        page.setStore(m_store);
        page.tabs()->setCurrentWidget(charts);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.showRun(m_run);
        QTRY_VERIFY_WITH_TIMEOUT(allLoaded(*charts->grid()), 10000);
        QVERIFY(!charts->liveFeed()->follows(kRunId));
        QVERIFY(!charts->controls()->isLive());
        QVERIFY(!charts->controls()->intervalBox()->isVisible());
        QVERIFY(!system->controls()->isLive());
    }

    // The badge: live, then failing with the reason in its tooltip, then gone; the interval box with it.
    void controlsShowTheLiveState()
    {
        ChartControls controls;
        controls.show();
        QVERIFY(QTest::qWaitForWindowExposed(&controls));
        QCOMPARE(controls.intervalBox()->minimum(), 1);
        QCOMPARE(controls.intervalBox()->maximum(), 300);
        controls.setLiveState(tracking::RunMonitor::State::Live);
        QVERIFY(controls.isLive());
        QVERIFY(controls.intervalBox()->isVisible());
        QCOMPARE(controls.liveText(), QStringLiteral("● Live"));
        controls.setLiveState(tracking::RunMonitor::State::Failing, QStringLiteral("HTTP 503"));
        QVERIFY(controls.isLive());
        QCOMPARE(controls.liveText(), QStringLiteral("● Not updating"));
        QVERIFY(controls.findChild<QLabel *>(QStringLiteral("liveBadge"))
                    ->toolTip()
                    .contains(QStringLiteral("HTTP 503")));
        controls.setLiveState(tracking::RunMonitor::State::Stopped);
        QVERIFY(!controls.isLive());
        QVERIFY(!controls.intervalBox()->isVisible());

        QSignalSpy changed(&controls, &ChartControls::intervalChanged);
        controls.setIntervalSeconds(30); // from the feed: no echo
        QCOMPARE(changed.size(), 0);
        controls.intervalBox()->setValue(12); // by the user
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toInt(), 12);
    }

    void runPageHasTheChartAndSystemTabs()
    {
        RunPage page;
        QStringList titles;
        for (int i = 0; i < page.tabs()->count(); ++i)
            titles.append(page.tabs()->tabText(i));
        QVERIFY(titles.contains(QStringLiteral("Charts")));
        QVERIFY(titles.contains(QStringLiteral("System")));
    }

private:
    std::shared_ptr<tracking::FileStore> m_store;
    tracking::Run m_run;
};

QTEST_MAIN(TestChartTabs)
#include "TestChartTabs.moc"
