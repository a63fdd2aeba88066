#pragma once

#include "series/EnvelopeRequest.h"

#include <QList>
#include <QPointF>
#include <QtGlobal>

#include <optional>

namespace mltf::series {

// A point that cannot be part of the envelope, reported so the chart can draw a marker (as MLflow's UI does).
enum class MarkerKind : quint8 {
    NaN,
    PositiveInfinity,
    NegativeInfinity,
    NonPositive, // a finite value <= 0 under YScale::Log (its real value is in EnvelopeMarker::value)
};

// A point of the series: its x on the request's axis, its value and its index in the series.
struct EnvelopePoint
{
    double x = 0;
    double value = 0;
    qsizetype index = -1;
};

// One pixel column that holds at least one drawable point. Drawable means finite, and > 0 under YScale::Log.
// first/last are the first and last drawable points of the column in series order, min/max the extremes of
// all its drawable points. pointCount counts every point of the column, drawable or not.
struct EnvelopeColumn
{
    int column = 0; // 0 .. width - 1
    EnvelopePoint first;
    EnvelopePoint last;
    double min = 0;
    double max = 0;
    qsizetype pointCount = 0;
};

// At most one marker per kind per column: the first point of that kind in the column.
struct EnvelopeMarker
{
    EnvelopePoint point;
    int column = 0;
    MarkerKind kind = MarkerKind::NaN;
};

// The answer to an EnvelopeRequest: at most `width` columns (only those with a drawable point, in column
// order) and the markers (in series order). It is a plain value: cheap to move to the UI thread.
struct Envelope
{
    EnvelopeRequest request;
    QList<EnvelopeColumn> columns;
    QList<EnvelopeMarker> markers;
    // The nearest drawable points just outside [x0, x1], so a line can run to the edges of the plot.
    std::optional<EnvelopePoint> before;
    std::optional<EnvelopePoint> after;
    qsizetype pointCount = 0; // points with x in [x0, x1], of every kind
    // Extremes of the drawable values in [x0, x1] (NaN when there are none): the y-range to auto-scale to.
    double yMin = qQNaN();
    double yMax = qQNaN();

    bool isEmpty() const { return columns.isEmpty() && markers.isEmpty(); }

    enum class Edges {
        Include, // start and end with `before` and `after` when they exist (the plot clips them)
        Exclude,
    };
    // A polyline for a QLineSeries: at most 2 points per column (2 * width + 2 in all), x within the
    // column's [first.x, last.x] and never decreasing. A column with one drawable point gives that point; a column whose extremes
    // are its first and last points gives those two; any other column gives (first.x, a) and (last.x, b) where
    // {a, b} = {min, max}, ordered so that the line enters near `first` and leaves near `last`. Every value
    // of the column lies on the vertical span the two points draw, so no spike is lost at any zoom.
    QList<QPointF> polyline(Edges edges = Edges::Include) const;
    // The band for a QAreaSeries (upper and lower line): one point per column at the middle of the column's
    // [first.x, last.x], with y = max (upper) or min (lower).
    QList<QPointF> upperBand() const;
    QList<QPointF> lowerBand() const;
};

} // namespace mltf::series
