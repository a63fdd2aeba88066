#include "series/Envelope.h"

#include <cmath>

namespace mltf::series {

QList<QPointF> Envelope::polyline(Edges edges) const
{
    QList<QPointF> points;
    points.reserve(2 * columns.size() + 2);
    if (edges == Edges::Include && before)
        points.append(QPointF(before->x, before->value));
    for (const EnvelopeColumn &c : columns) {
        if (c.first.index == c.last.index) {
            points.append(QPointF(c.first.x, c.first.value));
            continue;
        }
        const bool extremesAreEnds = (c.first.value == c.min && c.last.value == c.max)
                                     || (c.first.value == c.max && c.last.value == c.min);
        if (extremesAreEnds) {
            points.append(QPointF(c.first.x, c.first.value));
            points.append(QPointF(c.last.x, c.last.value));
            continue;
        }
        // Enter at the extreme nearer to the first value and leave at the one nearer to the last.
        const double minFirst = std::abs(c.first.value - c.min) + std::abs(c.last.value - c.max);
        const double maxFirst = std::abs(c.first.value - c.max) + std::abs(c.last.value - c.min);
        const bool minThenMax = minFirst <= maxFirst;
        points.append(QPointF(c.first.x, minThenMax ? c.min : c.max));
        points.append(QPointF(c.last.x, minThenMax ? c.max : c.min));
    }
    if (edges == Edges::Include && after)
        points.append(QPointF(after->x, after->value));
    return points;
}

QList<QPointF> Envelope::upperBand() const
{
    QList<QPointF> points;
    points.reserve(columns.size());
    for (const EnvelopeColumn &c : columns)
        points.append(QPointF((c.first.x + c.last.x) / 2, c.max));
    return points;
}

QList<QPointF> Envelope::lowerBand() const
{
    QList<QPointF> points;
    points.reserve(columns.size());
    for (const EnvelopeColumn &c : columns)
        points.append(QPointF((c.first.x + c.last.x) / 2, c.min));
    return points;
}

} // namespace mltf::series
