// MetricChartView: envelope-fed drawing, smoothing, zoom that survives appended points, markers, read-out,
// mouse zoom and export. Offscreen.

#include "charts/MetricChartView.h"

#include <QAreaSeries>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mltf;
using namespace mltf::ui;

namespace {

// A noisy decaying loss: step i at 1 s intervals, the same point for the same step in every call.
QList<tracking::MetricPoint> lossCurve(qsizetype count, qsizetype firstStep = 0)
{
    QList<tracking::MetricPoint> points;
    points.reserve(count);
    for (qsizetype i = firstStep; i < firstStep + count; ++i) {
        const double noise = std::abs(std::fmod(std::sin(double(i) * 12.9898) * 43758.5453, 1.0));
        points.append({i, 1'700'000'000'000 + i * 1000, 2.0 * std::exp(-double(i) / 2e5) + noise * 0.3});
    }
    return points;
}

QPoint plotPoint(const MetricChartView &view, double fx, double fy)
{
    const QRectF plot = view.chart()->plotArea();
    return view.mapFromScene(QPointF(plot.left() + fx * plot.width(), plot.top() + fy * plot.height()));
}

void sendMouse(QWidget *target, QEvent::Type type, const QPoint &pos, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, target->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &event);
}

} // namespace

class TestMetricChartView : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_view = std::make_unique<MetricChartView>();
        m_view->resize(900, 320);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() { m_view.reset(); }

    void openGlIsOffOffscreen() { QVERIFY(!MetricChartView::openGlAvailable()); }

    void aMillionPointsDrawAtMostTwoPerPixel()
    {
        m_view->setHistory(lossCurve(1'000'000));
        QCOMPARE(m_view->data().raw().size(), 1'000'000);
        const int width = m_view->envelopeWidth();
        QCOMPARE(width, int(std::lround(m_view->chart()->plotArea().width())));
        QVERIFY2(width > 500, qPrintable(QString::number(width)));
        QVERIFY2(m_view->mainLine()->count() <= 2 * width + 2,
                 qPrintable(QString::number(m_view->mainLine()->count())));
        QVERIFY(m_view->mainLine()->count() > width); // every column is drawn
        // Zoomed out: the band shows the spread per column.
        QVERIFY(m_view->band()->isVisible());
        QVERIFY(m_view->band()->upperSeries()->count() <= width);

        // A narrower chart asks again at its new width.
        m_view->resize(500, 320);
        QTRY_VERIFY(m_view->envelopeWidth() < width);
        QVERIFY(m_view->mainLine()->count() <= 2 * m_view->envelopeWidth() + 2);

        // Zoomed in to a few points per pixel, and then below one: no band any more.
        m_view->zoomToX(1000, 1100);
        QCOMPARE(m_view->mainLine()->count(), 101 + 2); // every point plus one beyond each edge
        QVERIFY(!m_view->band()->isVisible());
    }

    void smoothingChangesTheDrawnLineButNotTheRaw()
    {
        const QList<tracking::MetricPoint> points = lossCurve(20'000);
        m_view->setHistory(points);
        const QList<QPointF> raw = m_view->mainLine()->points();
        QVERIFY(m_view->rawLine()->points().isEmpty());

        m_view->setSmoothingWeight(0.9);
        QVERIFY(m_view->mainLine()->points() != raw);
        QCOMPARE(m_view->rawLine()->points(), raw); // the raw line stays, faint, behind
        for (qsizetype i = 0; i < points.size(); i += 997)
            QCOMPARE(m_view->data().raw().value(i), points[i].value);
        // The smoothed line is calmer: its spread per column is smaller.
        auto spread = [](const QList<QPointF> &line) {
            double total = 0;
            for (qsizetype i = 1; i < line.size(); ++i)
                total += std::abs(line[i].y() - line[i - 1].y());
            return total;
        };
        QVERIFY(spread(m_view->mainLine()->points()) < spread(raw) / 2);

        m_view->setSmoothingWeight(0);
        QCOMPARE(m_view->mainLine()->points(), raw);
        QVERIFY(m_view->rawLine()->points().isEmpty());
    }

    void zoomIsKeptWhenPointsArrive()
    {
        m_view->setHistory(lossCurve(1000));
        QCOMPARE(m_view->visibleXRange(), qMakePair(0.0, 999.0));
        // Not zoomed: the view follows the data.
        m_view->appendPoints(lossCurve(100, 1000));
        QCOMPARE(m_view->visibleXRange(), qMakePair(0.0, 1099.0));

        m_view->zoomTo(100, 200, 0.5, 1.5);
        m_view->appendPoints(lossCurve(100, 1100));
        QCOMPARE(m_view->data().raw().size(), 1200);
        QCOMPARE(m_view->visibleXRange(), qMakePair(100.0, 200.0));
        QCOMPARE(m_view->visibleYRange(), qMakePair(0.5, 1.5));
        // A poll delivering the whole history again adds nothing.
        m_view->appendPoints(lossCurve(1200));
        QCOMPARE(m_view->data().raw().size(), 1200);

        m_view->resetZoom();
        QCOMPARE(m_view->visibleXRange(), qMakePair(0.0, 1199.0));
    }

    void appendMetricsTakesOnlyItsKey()
    {
        m_view->setMetricKey(QStringLiteral("loss"));
        m_view->appendMetrics(
            {{QStringLiteral("loss"), 1.0, 1000, 1}, {QStringLiteral("acc"), 0.5, 1000, 1}});
        QCOMPARE(m_view->data().raw().size(), 1);
    }

    void nonFiniteValuesBecomeMarkers()
    {
        QList<tracking::MetricPoint> points = lossCurve(100);
        points[10].value = qQNaN();
        points[20].value = qInf();
        points[30].value = -qInf();
        m_view->setHistory(points);
        QCOMPARE(m_view->markers()->count(), 3);
        const auto [y0, y1] = m_view->visibleYRange();
        QVERIFY(std::isfinite(y0) && std::isfinite(y1));
        QVERIFY(m_view->markers()->at(1).y() > m_view->markers()->at(0).y()); // +Inf at the top

        // On a log axis the values <= 0 are markers too.
        points[40].value = 0;
        m_view->setHistory(points);
        m_view->setLogY(true);
        QVERIFY(qobject_cast<QLogValueAxis *>(m_view->chart()->axes(Qt::Vertical).value(0)));
        QCOMPARE(m_view->markers()->count(), 4);
        QVERIFY(m_view->visibleYRange().first > 0);
    }

    void hoverReadOutShowsStepTimeAndValue()
    {
        m_view->setHistory(lossCurve(11));
        const QString text = m_view->readoutAt(plotPoint(*m_view, 0.5, 0.5));
        QVERIFY2(text.contains(QStringLiteral("Step 5")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("+0:00:05")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Value")), qPrintable(text));
        QVERIFY(m_view->readoutAt(QPoint(1, 1)).isEmpty()); // outside the plot
    }

    void dragZoomsWheelZoomsDoubleClickResets()
    {
        m_view->setHistory(lossCurve(1001));
        QWidget *viewport = m_view->viewport();
        QSignalSpy zoomed(m_view.get(), &MetricChartView::zoomChanged);
        const QPoint from = plotPoint(*m_view, 0.2, 0.5);
        const QPoint to = plotPoint(*m_view, 0.4, 0.5); // flat: x only
        sendMouse(viewport, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
        QCOMPARE(zoomed.count(), 1);
        const auto [x0, x1] = m_view->visibleXRange();
        QVERIFY2(std::abs(x0 - 200) < 5 && std::abs(x1 - 400) < 5,
                 qPrintable(QStringLiteral("%1 %2").arg(x0).arg(x1)));

        const QPoint centre = plotPoint(*m_view, 0.5, 0.5);
        QWheelEvent scroll(centre, m_view->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 120),
                           Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(viewport, &scroll); // the plain wheel scrolls the page, not the chart
        QCOMPARE(m_view->visibleXRange(), qMakePair(x0, x1));
        QWheelEvent wheel(centre, m_view->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(viewport, &wheel);
        const auto [w0, w1] = m_view->visibleXRange();
        QVERIFY(w1 - w0 < (x1 - x0) * 0.9);
        QVERIFY(w0 > x0 && w1 < x1);

        // Middle drag pans by the distance dragged.
        const double span = w1 - w0;
        sendMouse(viewport, QEvent::MouseButtonPress, centre, Qt::MiddleButton, Qt::MiddleButton);
        sendMouse(viewport, QEvent::MouseMove, plotPoint(*m_view, 0.25, 0.5), Qt::NoButton, Qt::MiddleButton);
        sendMouse(viewport, QEvent::MouseButtonRelease, plotPoint(*m_view, 0.25, 0.5), Qt::MiddleButton,
                  Qt::NoButton);
        QVERIFY(std::abs(m_view->visibleXRange().first - (w0 + span / 4)) < span / 50);

        QTest::mouseDClick(viewport, Qt::LeftButton, Qt::NoModifier, centre);
        QVERIFY(!m_view->isZoomed());
        QCOMPARE(m_view->visibleXRange(), qMakePair(0.0, 1000.0));
    }

    void exportsPngSvgAndCsv()
    {
        QList<tracking::MetricPoint> points = lossCurve(500);
        points[3].value = qQNaN();
        m_view->setMetricKey(QStringLiteral("train/loss"));
        m_view->setHistory(points);
        m_view->setSmoothingWeight(0.5);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        const QString png = dir.filePath(QStringLiteral("chart.png"));
        const Status pngStatus = m_view->exportPng(png);
        QVERIFY2(pngStatus.ok(), qPrintable(pngStatus.ok() ? QString() : pngStatus.error().detail));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), m_view->size() * 2);

        const QString svg = dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY(m_view->exportSvg(svg).ok());
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("train/loss"));

        const QString csv = dir.filePath(QStringLiteral("chart.csv"));
        QVERIFY(m_view->exportCsv(csv).ok());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().split('\n');
        QCOMPARE(lines.size(), 500 + 2); // header, points, empty after the last newline
        QCOMPARE(lines[0], QByteArray("step,timestamp,value,smoothed"));
        QVERIFY(lines[4].startsWith("3,1700000003000,NaN,"));
        const QList<QByteArray> first = lines[1].split(',');
        QCOMPARE(first.size(), 4);
        QCOMPARE(first[2].toDouble(), points[0].value);

        QVERIFY(!m_view->exportCsv(dir.filePath(QStringLiteral("missing/dir/chart.csv"))).ok());
    }

private:
    std::unique_ptr<MetricChartView> m_view;
};

QTEST_MAIN(TestMetricChartView)
#include "TestMetricChartView.moc"
