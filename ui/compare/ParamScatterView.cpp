#include "compare/ParamScatterView.h"

#include "charts/ChartExport.h"
#include "compare/ValueScale.h"

#include <QCategoryAxis>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>

namespace mltf::ui {

namespace {

void styleAxis(QAbstractAxis *axis, const QString &title)
{
    QFont labels = axis->labelsFont();
    labels.setPointSizeF(labels.pointSizeF() * 0.85);
    axis->setLabelsFont(labels);
    QFont titleFont = axis->titleFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.85);
    titleFont.setBold(false);
    axis->setTitleFont(titleFont);
    axis->setTitleText(title);
    axis->setTitleBrush(QColor(0x55, 0x55, 0x55));
    axis->setLabelsColor(QColor(0x44, 0x44, 0x44));
    axis->setGridLineColor(QColor(0xe4, 0xe4, 0xe4));
    axis->setLinePenColor(QColor(0xb0, 0xb0, 0xb0));
}

// A numeric axis over [min, max] with some air around the points.
QAbstractAxis *numericAxis(const ValueScale &scale)
{
    if (scale.isLog()) {
        auto *log = new QLogValueAxis;
        log->setBase(10);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(-1);
        log->setRange(scale.min() / 1.5, scale.max() * 1.5);
        return log;
    }
    auto *value = new QValueAxis;
    value->setLabelFormat(QStringLiteral("%.4g"));
    const double span = scale.max() - scale.min();
    const double pad =
        span > 0 ? span * 0.08 : qMax(1e-9, std::abs(scale.max()) * 0.1 + (scale.max() == 0 ? 1 : 0));
    value->setRange(scale.min() - pad, scale.max() + pad);
    value->applyNiceNumbers();
    return value;
}

} // namespace

ParamScatterView::ParamScatterView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->setBackgroundRoundness(0);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setAlignment(Qt::AlignRight);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
}

void ParamScatterView::setData(const QString &paramKey, const QList<std::optional<QString>> &params,
                               const QString &metricTitle, const QList<std::optional<double>> &metrics,
                               const QStringList &names, const QList<QColor> &colors)
{
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    c->setTitle(paramKey.isEmpty() || metricTitle.isEmpty() ? QString()
                                                            : tr("%1 against %2").arg(metricTitle, paramKey));
    m_pointCount = 0;

    const ValueScale xScale = ValueScale::fit(params);
    const ValueScale yScale = ValueScale::fitNumbers(metrics);
    m_xLog = xScale.isNumeric() && xScale.isLog();
    QAbstractAxis *xAxis = nullptr;
    if (xScale.isNumeric()) {
        xAxis = numericAxis(xScale.isEmpty() ? ValueScale::fitNumbers({0.0, 1.0}) : xScale);
    } else {
        auto *categories = new QCategoryAxis;
        categories->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        categories->setStartValue(-0.5);
        for (int i = 0; i < xScale.categories().size(); ++i)
            categories->append(xScale.categories()[i], i);
        categories->setRange(-0.5, double(xScale.categories().size()) - 0.5);
        xAxis = categories;
    }
    // Metric values span decades less often than params; a linear y reads more directly.
    ValueScale linearY = yScale.isEmpty() ? ValueScale::fitNumbers({0.0, 1.0}) : yScale;
    auto *yAxis = new QValueAxis;
    {
        const double span = linearY.max() - linearY.min();
        const double pad =
            span > 0 ? span * 0.08 : qMax(1e-9, std::abs(linearY.max()) * 0.1 + (linearY.max() == 0 ? 1 : 0));
        yAxis->setRange(linearY.min() - pad, linearY.max() + pad);
        yAxis->setLabelFormat(QStringLiteral("%.4g"));
        yAxis->applyNiceNumbers();
    }
    styleAxis(xAxis, paramKey);
    styleAxis(yAxis, metricTitle);
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);

    for (int run = 0; run < names.size(); ++run) {
        auto *points = new QScatterSeries;
        points->setName(names[run]);
        points->setMarkerSize(11);
        const QColor color = colors.value(run, Qt::darkGray);
        points->setColor(color);
        points->setBorderColor(color.darker(140));
        const std::optional<QString> p = params.value(run);
        const std::optional<double> m = metrics.value(run);
        const std::optional<double> x = p ? xScale.coordinate(*p) : std::nullopt;
        if (x && m && std::isfinite(*m) && (!m_xLog || *x > 0)) {
            points->append(*x, *m);
            ++m_pointCount;
        }
        c->addSeries(points);
        points->attachAxis(xAxis);
        points->attachAxis(yAxis);
    }
    c->legend()->setVisible(names.size() <= 20);
}

Status ParamScatterView::exportPng(const QString &path)
{
    return ChartExport::writePng(this, path);
}

Status ParamScatterView::exportSvg(const QString &path)
{
    return ChartExport::writeSvg(this, path, chart()->title());
}

} // namespace mltf::ui
