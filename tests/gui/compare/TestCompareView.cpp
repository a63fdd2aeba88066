// Comparing runs of the bundled example store: the Compare action, the tables, the charts and the exports.

#include "CompareFixture.h"
#include "ThrowawayHome.h"
#include "charts/ChartControls.h"
#include "compare/CompareHistories.h"
#include "compare/CompareTableModel.h"
#include "compare/OverlayChartView.h"
#include "compare/ParallelCoordinatesView.h"
#include "compare/ParamScatterView.h"
#include "tracking/RunComparison.h"
#include "util/Settings.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSlider>
#include <QTemporaryDir>
#include <QValueAxis>

#include <cmath>

using namespace mltf;
using namespace mltf::ui;
using mltf::test::BrowserProbe;

namespace {

// Reads an mlruns metric file ("timestamp value step" per line) straight from the disk.
QList<tracking::MetricPoint> readMetricFile(const QString &runId, const QString &key)
{
    QDir experiments(mltf::test::exampleStoreDir());
    QList<tracking::MetricPoint> points;
    for (const QString &experiment : experiments.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile file(
            experiments.filePath(experiment + QLatin1Char('/') + runId + QStringLiteral("/metrics/") + key));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        while (!file.atEnd()) {
            const QList<QByteArray> parts = file.readLine().trimmed().split(' ');
            if (parts.size() == 3)
                points.append({parts[2].toLongLong(), parts[0].toLongLong(), parts[1].toDouble()});
        }
    }
    return points;
}

// The rows of a CSV text (no quoted commas in the cells read here).
QList<QStringList> csvRows(const QByteArray &csv)
{
    QList<QStringList> rows;
    for (const QByteArray &line : csv.split('\n'))
        if (!line.trimmed().isEmpty())
            rows.append(QString::fromUtf8(line.trimmed()).split(QLatin1Char(',')));
    return rows;
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        qunsetenv("MLFLOW_TRACKING_URI");
        Settings::initialise();
    }

    void init()
    {
        m_browser = std::make_unique<RunsBrowser>();
        m_browser->resize(1400, 1000);
        m_browser->show();
        m_probe = std::make_unique<BrowserProbe>(BrowserProbe{*m_browser});
        QVERIFY(mltf::test::openExampleStore(*m_browser, *m_probe));
    }

    void cleanup()
    {
        m_probe.reset();
        m_browser.reset();
    }

    void compareNeedsTwoRuns()
    {
        QAction *compare = m_browser->runsPanel()->compareAction();
        QVERIFY(mltf::test::selectRuns(*m_probe, {QStringLiteral("charlm-lr1e-3")}));
        QVERIFY(!compare->isEnabled());
        compare->trigger();
        QVERIFY(!m_browser->isComparing());

        QVERIFY(mltf::test::selectRuns(*m_probe,
                                       {QStringLiteral("charlm-lr1e-3"), QStringLiteral("charlm-lr3e-3")}));
        QVERIFY(compare->isEnabled());
        QCOMPARE(compare->text(), QStringLiteral("Compare 2"));
        QCOMPARE(compare->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
        compare->trigger();
        QVERIFY(m_browser->isComparing());
        QCOMPARE(m_browser->compareView()->comparison().runCount(), 2);

        // A plain click on one run goes back to its page.
        QVERIFY(mltf::test::selectRuns(*m_probe, {QStringLiteral("charlm-lr5e-2")}));
        QVERIFY(!m_browser->isComparing());

        // Ctrl+D in the runs table.
        QVERIFY(mltf::test::selectRuns(*m_probe, mltf::test::exampleRunNames()));
        m_browser->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_browser.get()));
        m_probe->runsView()->setFocus();
        QTest::keyClick(m_probe->runsView(), Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY(m_browser->isComparing());
        QCOMPARE(m_browser->compareView()->comparison().runCount(), 4);
    }

    void onlyTheLearningRateDiffers()
    {
        CompareView *view = compareAll();
        QVERIFY(view);
        QCOMPARE(view->comparison().differingParamKeys(), QStringList{QStringLiteral("learning_rate")});
        CompareTableModel *params = view->paramsModel();
        QVERIFY(view->onlyDifferencesBox()->isChecked());
        QCOMPARE(params->rowCount(), 1);
        QCOMPARE(params->index(0, 0).data().toString(), QStringLiteral("learning_rate"));
        // Four distinct learning rates: every cell is highlighted.
        for (int column = 1; column <= 4; ++column)
            QVERIFY(params->index(0, column).data(Qt::BackgroundRole).isValid());
        QCOMPARE(params->index(0, 1).data().toString(), QStringLiteral("0.05"));

        view->onlyDifferencesBox()->setChecked(false);
        QCOMPARE(params->rowCount(), 21);
        for (int row = 0; row < params->rowCount(); ++row) {
            const bool lr = params->index(row, 0).data().toString() == QLatin1String("learning_rate");
            QCOMPARE(params->index(row, 2).data(Qt::BackgroundRole).isValid(), lr);
        }
        // Tags: the run names differ, the host and versions do not.
        QVERIFY(view->tagsModel()->toCsv().contains("mlflow.runName"));
        view->onlyDifferencesBox()->setChecked(true);
        QCOMPARE(csvRows(view->tagsModel()->toCsv()).size(), 2);
    }

    void overlayDrawsEveryRun()
    {
        CompareView *view = compareAll();
        QVERIFY(view);
        OverlayChartView *overlay = view->overlay();
        QCOMPARE(overlay->metricKey(), QStringLiteral("train_loss"));
        QCOMPARE(overlay->runCount(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(overlay->runsWithData(), 4, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(overlay->line(3)->count() > 0, 5000);
        QStringList names;
        for (int run = 0; run < 4; ++run) {
            QVERIFY(overlay->line(run)->count() > 0);
            // Envelope: never more than ~2 points per pixel column, although a run has 2400 points.
            QVERIFY(overlay->line(run)->count() <= 2 * overlay->envelopeWidth() + 2);
            names.append(overlay->line(run)->name());
        }
        QCOMPARE(names, mltf::test::exampleRunNames());
        QCOMPARE(QSet<QRgb>({overlay->line(0)->color().rgb(), overlay->line(1)->color().rgb(),
                             overlay->line(2)->color().rgb(), overlay->line(3)->color().rgb()})
                     .size(),
                 4);

        // The legend toggle hides a run's line.
        overlay->setRunVisible(1, false);
        QTRY_COMPARE(overlay->line(1)->count(), 0);
        QVERIFY(!overlay->line(1)->isVisible());
        overlay->setRunVisible(1, true);
        QTRY_VERIFY(overlay->line(1)->count() > 0);

        // Dragging a band zooms; the envelopes follow the new range, a double click resets.
        {
            auto *x = qobject_cast<QValueAxis *>(overlay->chart()->axes(Qt::Horizontal).value(0));
            QVERIFY(x);
            const double fullWidth = x->max() - x->min();
            const QRectF plot = overlay->chart()->plotArea();
            const QPoint from =
                overlay->mapFromScene(QPointF(plot.left() + plot.width() * 0.3, plot.center().y()));
            const QPoint to =
                overlay->mapFromScene(QPointF(plot.left() + plot.width() * 0.6, plot.center().y()));
            QTest::mousePress(overlay->viewport(), Qt::LeftButton, {}, from);
            QMouseEvent move(QEvent::MouseMove, to, overlay->viewport()->mapToGlobal(to), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(overlay->viewport(), &move);
            QTest::mouseRelease(overlay->viewport(), Qt::LeftButton, {}, to);
            QTRY_VERIFY(x->max() - x->min() < fullWidth * 0.5);
            QTRY_VERIFY(overlay->line(0)->count() > 0);
            QVERIFY(overlay->line(0)->count() <= 2 * overlay->envelopeWidth() + 2);
            QTest::mouseDClick(overlay->viewport(), Qt::LeftButton, {}, to);
            QTRY_COMPARE(x->max() - x->min(), fullWidth);
        }

        // The same controls as the run charts.
        view->chartControls()->smoothingSlider()->setValue(80);
        view->chartControls()->logYBox()->setChecked(true);
        QTRY_VERIFY(overlay->isLogY());
        QTRY_VERIFY(overlay->line(0)->count() > 0);

        // Another metric.
        view->overlayMetricCombo()->setCurrentText(QStringLiteral("val_loss"));
        QTRY_COMPARE_WITH_TIMEOUT(overlay->runsWithData(), 4, 10000);
        QTRY_COMPARE(overlay->line(0)->count(), 13);
    }

    void metricsMatchTheFiles()
    {
        CompareView *view = compareAll();
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->histories()->pendingRequests(), 0, 20000);
        const QList<QStringList> rows = csvRows(view->metricsModel()->toCsv());
        QCOMPARE(rows.first().mid(0, 2), (QStringList{QStringLiteral("Metric"), QStringLiteral("Value")}));
        QCOMPARE(rows.first().mid(2), mltf::test::exampleRunNames());
        const tracking::Runs &runs = view->comparison().runs();
        int checked = 0;
        for (const QString &key : {QStringLiteral("train_loss"), QStringLiteral("val_loss"),
                                   QStringLiteral("system/gpu_0_utilization_percentage")}) {
            for (int run = 0; run < runs.size(); ++run) {
                const tracking::MetricSummary expected =
                    tracking::MetricSummary::of(readMetricFile(runs[run].info.runId, key));
                QVERIFY(expected.count > 0);
                for (const QStringList &row : rows) {
                    if (row[0] != key)
                        continue;
                    const double shown = row[2 + run].toDouble();
                    const double want = row[1] == QLatin1String("last")  ? expected.last
                                        : row[1] == QLatin1String("min") ? expected.min
                                                                         : expected.max;
                    QCOMPARE(shown, want);
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, 3 * 4 * 3);
        // The table's min of val_loss is the smallest value in the file, not the last one.
        const auto min = view->metricValues(QStringLiteral("val_loss"), CompareView::Statistic::Min);
        QCOMPARE(min.size(), 4);
        QVERIFY(*min[3] <= *view->metricValues(QStringLiteral("val_loss"), CompareView::Statistic::Last)[3]);
    }

    void csvExport()
    {
        CompareView *view = compareAll();
        QVERIFY(view);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("params.csv"));
        QVERIFY(view->exportTableCsv(view->paramsModel(), path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(),
                 QByteArray("Parameter,charlm-lr5e-2,charlm-lr3e-3,charlm-lr1e-3,charlm-lr3e-4\r\n"
                            "learning_rate,0.05,0.003,0.001,0.0003\r\n"));
        view->onlyDifferencesBox()->setChecked(false);
        const QByteArray all = view->paramsModel()->toCsv();
        QVERIFY(all.contains("betas,\"(0.9, 0.95)\",\"(0.9, 0.95)\",\"(0.9, 0.95)\",\"(0.9, 0.95)\"\r\n"));
        QCOMPARE(all.count("\r\n"), 22);
        QVERIFY(!view->exportTableCsv(view->paramsModel(), dir.filePath(QStringLiteral("no/such/dir/x.csv")))
                     .ok());
    }

    void scatterAndParallelCoordinates()
    {
        CompareView *view = compareAll();
        QVERIFY(view);
        QCOMPARE(view->scatterParamCombo()->currentText(), QStringLiteral("learning_rate"));
        QCOMPARE(view->scatterMetricCombo()->currentText(), QStringLiteral("val_loss"));
        QCOMPARE(view->scatter()->pointCount(), 4);
        QVERIFY(view->scatter()->isXLog()); // 3e-4 .. 5e-2
        QCOMPARE(view->parallelParams(), QStringList{QStringLiteral("learning_rate")});
        QCOMPARE(view->parallel()->axisTitles(),
                 (QStringList{QStringLiteral("learning_rate"), QStringLiteral("val_loss (last)")}));
        view->setParallelParams({QStringLiteral("optimizer"), QStringLiteral("learning_rate")});
        QCOMPARE(view->parallel()->axisCount(), 3);
        QCOMPARE(view->parallel()->axisTitles().first(),
                 QStringLiteral("learning_rate")); // the params' order

        // A non-numeric param on the scatter's x axis.
        view->scatterParamCombo()->setCurrentText(QStringLiteral("optimizer"));
        QCOMPARE(view->scatter()->pointCount(), 4);
        QVERIFY(!view->scatter()->isXLog());
    }

    void chartExports()
    {
        CompareView *view = compareAll();
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->overlay()->runsWithData(), 4, 10000);
        QTemporaryDir dir;
        for (QWidget *chart :
             {static_cast<QWidget *>(view->overlay()), static_cast<QWidget *>(view->scatter()),
              static_cast<QWidget *>(view->parallel())}) {
            for (const QString &suffix : {QStringLiteral("png"), QStringLiteral("svg")}) {
                const QString path =
                    dir.filePath(chart->metaObject()->className() + QStringLiteral(".") + suffix);
                QVERIFY(view->exportChart(chart, path).ok());
                QVERIFY2(QFileInfo(path).size() > 1000, qPrintable(path));
            }
        }
    }

private:
    CompareView *compareAll()
    {
        if (!mltf::test::selectRuns(*m_probe, mltf::test::exampleRunNames()))
            return nullptr;
        m_browser->runsPanel()->compareAction()->trigger();
        return m_browser->isComparing() ? m_browser->compareView() : nullptr;
    }

    std::unique_ptr<RunsBrowser> m_browser;
    std::unique_ptr<BrowserProbe> m_probe;
};

QTEST_MAIN(TestCompareView)
#include "TestCompareView.moc"
