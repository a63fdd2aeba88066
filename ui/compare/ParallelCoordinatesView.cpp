#include "compare/ParallelCoordinatesView.h"

#include "charts/ChartExport.h"

#include <QPainter>
#include <QPainterPath>

namespace mltf::ui {

ParallelCoordinatesView::ParallelCoordinatesView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(320, 220);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void ParallelCoordinatesView::setData(const QList<Axis> &axes, const QStringList &names,
                                      const QList<QColor> &colors)
{
    m_axes = axes;
    m_names = names;
    m_colors = colors;
    update();
}

QStringList ParallelCoordinatesView::axisTitles() const
{
    QStringList titles;
    for (const Axis &axis : m_axes)
        titles.append(axis.title);
    return titles;
}

void ParallelCoordinatesView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    const QFontMetrics fm(font());
    if (m_axes.size() < 2) {
        painter.setPen(QColor(0x77, 0x77, 0x77));
        painter.drawText(rect(), Qt::AlignCenter, tr("Choose at least one parameter (Axes) to draw."));
        return;
    }

    const bool legend = !m_names.isEmpty() && m_names.size() <= 20;
    int legendWidth = 0;
    if (legend)
        for (const QString &name : m_names)
            legendWidth = qMax(legendWidth, fm.horizontalAdvance(name) + 28);
    legendWidth = qMin(legendWidth, width() / 4);
    const int side = 80; // room for tick labels beside the first and last axes
    const QRectF plot(side, 2.5 * fm.height() + 6, width() - 2 * side - legendWidth,
                      height() - 3.5 * fm.height() - 16);
    if (plot.width() < 20 || plot.height() < 20)
        return;
    auto axisX = [&](int i) { return plot.left() + plot.width() * i / double(m_axes.size() - 1); };
    auto pointY = [&](double position) { return plot.bottom() - position * plot.height(); };

    // Run lines under the axes.
    for (int run = 0; run < m_names.size(); ++run) {
        QPen pen(m_colors.value(run, Qt::darkGray), 2.0);
        painter.setPen(pen);
        QPainterPath path;
        bool drawing = false;
        for (int i = 0; i < m_axes.size(); ++i) {
            const std::optional<double> p = m_axes[i].positions.value(run);
            if (!p) {
                drawing = false;
                continue;
            }
            const QPointF point(axisX(i), pointY(*p));
            if (drawing)
                path.lineTo(point);
            else
                path.moveTo(point);
            drawing = true;
            painter.save();
            painter.setBrush(pen.color());
            painter.drawEllipse(point, 3, 3);
            painter.restore();
        }
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }

    // Axes with their titles and ticks.
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics smallFm(small);
    for (int i = 0; i < m_axes.size(); ++i) {
        const Axis &axis = m_axes[i];
        const double x = axisX(i);
        painter.setPen(QPen(QColor(0x66, 0x66, 0x66), 1.2));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(palette().text().color());
        const QString title = axis.scale.isLog() ? tr("%1 (log)").arg(axis.title) : axis.title;
        const double titleWidth = qMin(plot.width() / qMax<qsizetype>(1, m_axes.size() - 1) + 40.0, 240.0);
        const QRectF titleBox(x - titleWidth / 2, plot.top() - 2.2 * fm.height() - 4, titleWidth,
                              2 * fm.height());
        painter.drawText(titleBox, Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap,
                         QFontMetrics(bold).elidedText(title, Qt::ElideMiddle, int(titleWidth) * 2));
        painter.setFont(small);
        painter.setPen(QColor(0x44, 0x44, 0x44));
        // Labels to the left of each axis, the last axis's to its right so they do not cover the lines.
        const bool right = i == m_axes.size() - 1;
        for (const auto &[position, label] : axis.scale.ticks()) {
            const double y = pointY(position);
            painter.drawLine(QPointF(x - 3, y), QPointF(x + 3, y));
            const QString text = smallFm.elidedText(label, Qt::ElideRight, side - 8);
            const QRectF box =
                right ? QRectF(x + 6, y - smallFm.height() / 2.0, side - 8, smallFm.height())
                      : QRectF(x - side + 2, y - smallFm.height() / 2.0, side - 8, smallFm.height());
            painter.drawText(box, (right ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, text);
        }
        painter.setFont(font());
    }

    if (legend) {
        double y = plot.top();
        const double x = width() - legendWidth + 4;
        for (int run = 0; run < m_names.size(); ++run) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(m_colors.value(run, Qt::darkGray));
            painter.drawRect(QRectF(x, y + fm.height() / 2.0 - 5, 10, 10));
            painter.setPen(palette().text().color());
            painter.drawText(QPointF(x + 16, y + fm.ascent()),
                             fm.elidedText(m_names[run], Qt::ElideRight, legendWidth - 24));
            y += fm.height() + 4;
        }
    }
}

Status ParallelCoordinatesView::exportPng(const QString &path)
{
    return ChartExport::writePng(this, path);
}

Status ParallelCoordinatesView::exportSvg(const QString &path)
{
    return ChartExport::writeSvg(this, path, tr("Parallel coordinates"));
}

} // namespace mltf::ui
