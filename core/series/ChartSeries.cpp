#include "series/ChartSeries.h"

namespace mltf::series {

ChartSeries::ChartSeries(XAxis axis)
    : m_axis(axis)
{
    refresh();
}

void ChartSeries::setSeries(MetricSeries series)
{
    m_raw = std::move(series);
    refresh();
}

MetricSeries::MergeResult ChartSeries::merge(const SeriesPoint *points, qsizetype count)
{
    const MetricSeries::MergeResult result = m_raw.merge(points, count);
    if (result.added > 0)
        refresh();
    return result;
}

MetricSeries::MergeResult ChartSeries::merge(const std::vector<SeriesPoint> &points)
{
    return merge(points.data(), static_cast<qsizetype>(points.size()));
}

void ChartSeries::clear()
{
    m_raw.clear();
    refresh();
}

void ChartSeries::setXAxis(XAxis axis)
{
    if (axis == m_axis)
        return;
    m_axis = axis;
    refresh();
}

void ChartSeries::setTimeOrigin(std::optional<qint64> originMs)
{
    m_raw.setTimeOrigin(originMs);
    m_smoothed.setTimeOrigin(originMs);
}

void ChartSeries::setSmoothingWeight(double weight)
{
    if (ExponentialMovingAverage::clampWeight(weight) == m_ema.weight())
        return;
    m_ema.setWeight(weight);
    refresh();
}

Envelope ChartSeries::envelope(double x0, double x1, int width, YScale yScale, Line line) const
{
    EnvelopeRequest request;
    request.x0 = x0;
    request.x1 = x1;
    request.width = width;
    request.yScale = yScale;
    return envelope(request, line);
}

Envelope ChartSeries::envelope(EnvelopeRequest request, Line line) const
{
    request.axis = m_axis;
    if (line == Line::Smoothed && isSmoothed())
        return m_smoothedPyramid.query(m_smoothed, request);
    return m_rawPyramid.query(m_raw, request);
}

void ChartSeries::refresh()
{
    if (!m_raw.isSortedFor(m_axis))
        m_raw = m_raw.sortedBy(m_axis == XAxis::Step ? MetricSeries::Order::ByStep : MetricSeries::Order::ByTime);
    m_rawPyramid.update(m_raw);
    if (isSmoothed()) {
        m_ema.update(m_raw, m_smoothed);
        m_smoothedPyramid.update(m_smoothed);
    } else if (!m_smoothed.isEmpty()) {
        m_smoothed.clear();
        m_smoothedPyramid.clear();
    }
}

} // namespace mltf::series
