// The runs browser against the MLflow test server: 10,000 runs arrive page by page, a rejected filter shows
// the server's message, a server error shows an error state with Retry (no crash).

#include "BrowserProbe.h"
#include "TestServerProcess.h"
#include "ThrowawayHome.h"
#include "runs/RunPage.h"
#include "runs/StatePlaceholder.h"
#include "tracking/TrackingUri.h"
#include "util/Settings.h"

#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;
using mltf::test::BrowserProbe;

class TestRunsBrowserServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        qunsetenv("MLFLOW_TRACKING_TOKEN");
        qunsetenv("MLFLOW_TRACKING_USERNAME");
        qunsetenv("MLFLOW_TRACKING_PASSWORD");
        Settings::initialise();
        const QString error = m_server.start({QStringLiteral("--port"), QStringLiteral("0"),
                                              QStringLiteral("--generate-runs"), QStringLiteral("10000")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        QVERIFY(m_server.setFaults({})); // no faults left over
        m_browser = std::make_unique<RunsBrowser>();
        m_browser->resize(1200, 800);
        m_browser->show();
    }
    void cleanup() { m_browser.reset(); }

    void tenThousandRunsLoadPageByPage()
    {
        BrowserProbe probe{*m_browser};
        const RunsModel &runs = probe.runs();
        m_browser->setTrackingUri(tracking::TrackingUri::parse(m_server.url().toString()));
        QTRY_COMPARE_WITH_TIMEOUT(probe.selectedExperimentNames(), QStringList{QStringLiteral("generated")},
                                  20000);

        // The first page is on screen before the rest arrives.
        QTRY_VERIFY_WITH_TIMEOUT(runs.rowCount() > 0, 20000);
        QVERIFY2(runs.rowCount() < 10000, qPrintable(QString::number(runs.rowCount())));
        QVERIFY(runs.hasMorePages());
        QVERIFY(probe.runsView()->isVisible());
        QCOMPARE(probe.runsView()->model()->index(0, 1).data().toString(),
                 QStringLiteral("gen-09999")); // newest first
        QVERIFY(m_browser->runsPanel()->statusText().contains(QStringLiteral("more")));
        // Laying the rows out does not fetch more (Qt 6.8's tree view asks on every layout): one page only.
        QTRY_COMPARE_WITH_TIMEOUT(runs.state(), RunsModel::State::Ready, 20000);
        probe.runsView()->doItemsLayout();
        QCOMPARE(runs.state(), RunsModel::State::Ready);
        QCOMPARE(runs.rowCount(), runs.pageSize());

        // Scrolling down fetches the next pages, until all runs are there and nothing more is asked for.
        QSignalSpy pagesAppended(&runs, &QAbstractItemModel::rowsInserted);
        int previous = 0;
        while (runs.rowCount() < 10000) {
            QTRY_VERIFY_WITH_TIMEOUT(runs.state() != RunsModel::State::Loading, 20000);
            QVERIFY2(runs.state() == RunsModel::State::Ready, qPrintable(runs.error().message));
            previous = runs.rowCount();
            QScrollBar *bar = probe.runsView()->verticalScrollBar();
            bar->setValue(bar->maximum() - 1);
            bar->setValue(bar->maximum());
            QTRY_VERIFY_WITH_TIMEOUT(runs.rowCount() > previous || runs.rowCount() == 10000, 20000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(runs.state() == RunsModel::State::Ready, 20000);
        QCOMPARE(runs.rowCount(), 10000);
        QVERIFY(!runs.hasMorePages());
        QVERIFY2(pagesAppended.count() > 10,
                 qPrintable(QString::number(pagesAppended.count()))); // many pages
        QCOMPARE(probe.runsView()->model()->rowCount(), 10000);
        QCOMPARE(runs.index(9999, 1).data().toString(), QStringLiteral("gen-00000"));
        QCOMPARE(m_browser->runsPanel()->statusText(), QStringLiteral("10000 runs"));
        // Every tenth generated run failed: the table says so.
        QCOMPARE(runs.index(9999, 0).data().toString(), QStringLiteral("Failed"));
    }

    void rejectedFilterShowsTheServersMessage()
    {
        BrowserProbe probe{*m_browser};
        m_browser->setTrackingUri(tracking::TrackingUri::parse(m_server.url().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runs().rowCount() > 0, 20000);
        RunsPanel *panel = m_browser->runsPanel();
        // A key with '/' and no backticks: MLflow answers 400 INVALID_PARAMETER_VALUE.
        panel->setFilter(QStringLiteral("metrics.system/gpu_0_utilization_percentage > 38"));
        QTRY_COMPARE_WITH_TIMEOUT(probe.runs().state(), RunsModel::State::Failed, 20000);
        const Error error = probe.runs().error();
        QCOMPARE(error.kind, Error::Kind::InvalidInput);
        QCOMPARE(error.httpStatus, 400);
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(panel->filterError().contains(error.message), qPrintable(panel->filterError()));
        QVERIFY(panel->placeholder()->isVisible());
        QCOMPARE(panel->placeholder()->kind(), StatePlaceholder::Kind::Error);

        // A valid filter in the right syntax works.
        panel->setFilter(QStringLiteral("params.index = '42'"));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() == 1, 20000);
        QCOMPARE(probe.column(1), QStringList{QStringLiteral("gen-00042")});
        QVERIFY(panel->filterError().isEmpty());
    }

    void serverErrorShowsAnErrorStateAndRetry()
    {
        BrowserProbe probe{*m_browser};
        m_browser->setTrackingUri(tracking::TrackingUri::parse(m_server.url().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() > 0, 20000);
        RunsPanel *panel = m_browser->runsPanel();

        // The next request gets Flask's HTML 500 page.
        QVERIFY(m_server.setFaults({{QStringLiteral("html500"), 1}}));
        panel->reload();
        QTRY_COMPARE_WITH_TIMEOUT(probe.runs().state(), RunsModel::State::Failed, 20000);
        QCOMPARE(probe.runs().rowCount(), 0);
        QVERIFY(panel->placeholder()->isVisible());
        QCOMPARE(panel->placeholder()->kind(), StatePlaceholder::Kind::Error);
        QVERIFY(panel->placeholder()->text().startsWith(QStringLiteral("Could not load the runs.")));
        QVERIFY(!panel->placeholder()->text().contains(QStringLiteral("<html"), Qt::CaseInsensitive));
        QVERIFY(panel->filterError().isEmpty()); // not the filter's fault

        auto *retry = panel->placeholder()->findChild<QPushButton *>(QStringLiteral("retryButton"));
        QVERIFY(retry && retry->isVisible());
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() > 0, 20000);
        QVERIFY(probe.runsView()->isVisible());

        // A failure while loading a later page keeps the rows and offers a retry in the status line.
        QVERIFY(probe.runs().hasMorePages());
        QVERIFY(m_server.setFaults({{QStringLiteral("html500"), 1}}));
        // The view may ask for the next page by itself (Qt 6.8 does while it lays out): a page asked for
        // before the fault was set arrives whole, and the fault meets the next one, whoever asks for it.
        QTRY_VERIFY_WITH_TIMEOUT(probe.runs().state() != RunsModel::State::Loading, 20000);
        const int loaded = probe.runs().rowCount();
        if (probe.runs().state() == RunsModel::State::Ready)
            panel->treeModel()->fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(probe.runs().state(), RunsModel::State::Failed, 20000);
        QCOMPARE(probe.runs().rowCount(), loaded);
        QVERIFY(probe.runsView()->isVisible());
        QVERIFY(panel->statusText().contains(QStringLiteral("Retry")));
        const_cast<RunsModel &>(probe.runs()).retry();
        QTRY_VERIFY_WITH_TIMEOUT(probe.runsReady() && probe.runs().rowCount() > loaded, 20000);

        // The experiments call failing: the connection bar says so in plain words. (Two faults: refresh also
        // reloads the runs, and which request reaches the server first is not fixed.)
        QVERIFY(m_server.setFaults({{QStringLiteral("html500"), 2}}));
        m_browser->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->connectionBar()->state(), ConnectionBar::State::Failed, 20000);
        QVERIFY(!m_browser->connectionBar()->stateText().isEmpty());
        m_browser->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->connectionBar()->state(), ConnectionBar::State::Connected,
                                  20000);
    }

    void unreachableServerIsAnErrorNotAHang()
    {
        // A port nobody listens on (the server's own port after it is stopped would race; use port 9 on
        // loopback, "discard", which is closed on test machines).
        m_browser->setTrackingUri(tracking::TrackingUri::parse(QStringLiteral("http://127.0.0.1:9")));
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->connectionBar()->state(), ConnectionBar::State::Failed, 60000);
        QVERIFY(!m_browser->connectionBar()->stateText().isEmpty());
    }

private:
    TestServerProcess m_server;
    std::unique_ptr<RunsBrowser> m_browser;
};

QTEST_MAIN(TestRunsBrowserServer)
#include "TestRunsBrowserServer.moc"
