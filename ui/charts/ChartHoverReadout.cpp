#include "charts/ChartHoverReadout.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>

namespace mltf::ui {

namespace {
constexpr qreal kPadding = 6;
constexpr qreal kOffset = 12; // between the dot and the box
} // namespace

ChartHoverReadout::ChartHoverReadout(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setZValue(1000);
    setAcceptedMouseButtons(Qt::NoButton);
    hide();
}

void ChartHoverReadout::showAt(const QRectF &plot, qreal guideX, std::optional<QPointF> dot,
                               const QString &text)
{
    prepareGeometryChange();
    m_plot = plot;
    m_guideX = guideX;
    m_dot = dot;
    m_text = text;
    const QFontMetricsF metrics(QApplication::font());
    const QRectF textRect =
        metrics.boundingRect(QRectF(0, 0, 1000, 1000), Qt::AlignLeft | Qt::AlignTop, text);
    QSizeF size = textRect.size() + QSizeF(2 * kPadding, 2 * kPadding);
    const QPointF anchor = dot ? *dot : QPointF(guideX, plot.center().y());
    // Right of the point unless that leaves the plot; above it unless that does.
    qreal x = anchor.x() + kOffset;
    if (x + size.width() > plot.right())
        x = anchor.x() - kOffset - size.width();
    qreal y = anchor.y() - kOffset - size.height();
    if (y < plot.top())
        y = anchor.y() + kOffset;
    x = qBound(plot.left(), x, qMax(plot.left(), plot.right() - size.width()));
    y = qBound(plot.top(), y, qMax(plot.top(), plot.bottom() - size.height()));
    m_box = QRectF(QPointF(x, y), size);
    show();
    update();
}

void ChartHoverReadout::hideReadout()
{
    m_text.clear();
    hide();
}

QRectF ChartHoverReadout::boundingRect() const
{
    QRectF r = m_box.united(QRectF(m_guideX - 1, m_plot.top(), 2, m_plot.height()));
    if (m_dot)
        r = r.united(QRectF(*m_dot - QPointF(5, 5), QSizeF(10, 10)));
    return r.adjusted(-2, -2, 2, 2);
}

void ChartHoverReadout::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette palette = QApplication::palette();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(QColor(0, 0, 0, 70), 1, Qt::DashLine));
    painter->drawLine(QPointF(m_guideX, m_plot.top()), QPointF(m_guideX, m_plot.bottom()));
    if (m_dot) {
        painter->setPen(QPen(palette.base().color(), 1.5));
        painter->setBrush(QColor(0x1f, 0x4e, 0x99));
        painter->drawEllipse(*m_dot, 4, 4);
    }
    QColor background = palette.toolTipBase().color();
    background.setAlpha(235);
    painter->setPen(QPen(QColor(0, 0, 0, 60), 1));
    painter->setBrush(background);
    painter->drawRoundedRect(m_box, 4, 4);
    painter->setPen(palette.toolTipText().color());
    painter->setFont(QApplication::font());
    painter->drawText(m_box.adjusted(kPadding, kPadding, -kPadding, -kPadding), Qt::AlignLeft | Qt::AlignTop,
                      m_text);
}

} // namespace mltf::ui
