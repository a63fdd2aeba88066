#include "compare/RunColors.h"

#include <QPainter>
#include <QPixmap>

#include <cmath>

namespace mltf::ui {

QList<QColor> RunColors::forRuns(int count)
{
    static const QRgb kTableau[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x59a14f, 0xb07aa1,
                                    0x76b7b2, 0xedc948, 0xff9da7, 0x9c755f, 0xbab0ac};
    QList<QColor> colors;
    colors.reserve(count);
    for (int i = 0; i < count; ++i) {
        if (i < 10) {
            colors.append(QColor(kTableau[i]));
        } else {
            const double hue = std::fmod(0.11 + (i - 10) * 0.618033988749895, 1.0);
            colors.append(QColor::fromHsvF(float(hue), 0.65f, 0.8f - 0.15f * float((i / 7) % 2)));
        }
    }
    return colors;
}

QIcon RunColors::swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(color.darker(130));
    painter.setBrush(color);
    painter.drawRect(1, 1, 10, 10);
    return QIcon(pixmap);
}

} // namespace mltf::ui
