#pragma once

#include "series/Envelope.h"
#include "series/EnvelopePyramid.h"
#include "series/ExponentialMovingAverage.h"
#include "series/MetricSeries.h"

namespace mltf::series {

// Everything behind one metric line of a chart: the raw series, its smoothed copy and an envelope pyramid for
// each, kept in step as points arrive. The chart asks for envelopes at its pixel width, never for all points.
//
//   ChartSeries line(XAxis::Step);
//   line.setSeries(MetricSeries::fromUnordered(SeriesPoint::from(history.points)));  // on a worker if large
//   line.setSmoothingWeight(0.6);
//   ...each poll: line.merge(SeriesPoint::from(newPoints));  // full history or only its tail
//   ...paint:     Envelope e = line.envelope(x0, x1, plotWidthPx, YScale::Log);
//                 lineSeries->replace(e.polyline()); upper->replace(e.upperBand()); ...
//
// Axis policy: the series is stored in time order unless the chosen axis is not sorted in it (steps that go
// back in time); then it is re-sorted by step (O(n log n) once) and smoothing follows the step order.
// Not thread-safe; a plain value that can be built on a worker and moved to the UI thread.
class ChartSeries
{
public:
    enum class Line {
        Raw,
        Smoothed, // the raw line when smoothing is off
    };

    explicit ChartSeries(XAxis axis = XAxis::Step);

    void setSeries(MetricSeries series);
    MetricSeries::MergeResult merge(const SeriesPoint *points, qsizetype count);
    MetricSeries::MergeResult merge(const std::vector<SeriesPoint> &points);
    void clear();

    XAxis xAxis() const { return m_axis; }
    void setXAxis(XAxis axis);
    // Origin of XAxis::RelativeTime in ms (for instance the run's start time); nullopt: first timestamp.
    void setTimeOrigin(std::optional<qint64> originMs);

    double smoothingWeight() const { return m_ema.weight(); }
    void setSmoothingWeight(double weight); // 0 turns smoothing off
    bool isSmoothed() const { return m_ema.weight() > 0; }

    const MetricSeries &raw() const { return m_raw; }
    const MetricSeries &smoothed() const { return isSmoothed() ? m_smoothed : m_raw; }
    const MetricSeries &series(Line line) const { return line == Line::Raw ? raw() : smoothed(); }

    Envelope envelope(double x0, double x1, int width, YScale yScale = YScale::Linear,
                      Line line = Line::Raw) const;
    Envelope envelope(EnvelopeRequest request, Line line = Line::Raw) const; // request.axis is set to xAxis()

    // x-range of the data on the current axis (NaN when empty).
    double firstX() const { return m_raw.firstX(m_axis); }
    double lastX() const { return m_raw.lastX(m_axis); }
    // For the hover read-out: the point nearest to x on the current axis, -1 if none.
    qsizetype nearestIndex(double x) const { return m_raw.nearestIndex(m_axis, x); }

private:
    void refresh();

    XAxis m_axis;
    MetricSeries m_raw;
    MetricSeries m_smoothed;
    EnvelopePyramid m_rawPyramid;
    EnvelopePyramid m_smoothedPyramid;
    ExponentialMovingAverage m_ema;
};

} // namespace mltf::series
