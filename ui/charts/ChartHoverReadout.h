#pragma once

#include <QGraphicsItem>
#include <QString>

#include <optional>

namespace mltf::ui {

// The hover read-out of a chart: a vertical guide at the hovered x, a dot on the line and a small box with
// the point's step, time and value, kept inside the plot. Lives in the chart's scene, in scene coordinates.
class ChartHoverReadout : public QGraphicsItem
{
public:
    explicit ChartHoverReadout(QGraphicsItem *parent = nullptr);

    // `dot` is where the point is drawn (nullopt: not drawable, e.g. NaN), `guideX` the x of the guide.
    void showAt(const QRectF &plot, qreal guideX, std::optional<QPointF> dot, const QString &text);
    void hideReadout();
    QString text() const { return m_text; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_plot;
    qreal m_guideX = 0;
    std::optional<QPointF> m_dot;
    QString m_text;
    QRectF m_box;
};

} // namespace mltf::ui
