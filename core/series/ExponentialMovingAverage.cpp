#include "series/ExponentialMovingAverage.h"

#include <algorithm>
#include <cmath>

namespace mltf::series {

ExponentialMovingAverage::ExponentialMovingAverage(double weight)
    : m_weight(clampWeight(weight))
{
}

double ExponentialMovingAverage::clampWeight(double weight)
{
    if (!(weight > 0)) // also NaN
        return 0;
    return std::min(weight, kMaxWeight);
}

void ExponentialMovingAverage::setWeight(double weight)
{
    m_weight = clampWeight(weight);
    m_rawGeneration = 0;
    m_smoothedGeneration = 0;
    restart();
}

MetricSeries ExponentialMovingAverage::smooth(const MetricSeries &raw, double weight)
{
    ExponentialMovingAverage ema(weight);
    MetricSeries smoothed(raw.order());
    ema.update(raw, smoothed);
    return smoothed;
}

bool ExponentialMovingAverage::update(const MetricSeries &raw, MetricSeries &smoothed)
{
    const bool continues = m_rawGeneration != 0 && m_rawGeneration == raw.generation()
                           && m_smoothedGeneration == smoothed.generation() && smoothed.size() == m_done
                           && raw.size() >= m_done;
    if (continues) {
        smoothed.reserve(raw.size());
        for (qsizetype i = m_done; i < raw.size(); ++i)
            smoothed.append(raw.step(i), raw.timestamp(i), next(raw.value(i)));
        m_done = raw.size();
        m_smoothedGeneration = smoothed.generation();
        return false;
    }

    restart();
    const std::vector<double> &values = raw.values();
    std::vector<double> out;
    out.reserve(values.size());
    for (double v : values)
        out.push_back(next(v));
    smoothed = MetricSeries::fromColumns(raw.steps(), raw.timestamps(), std::move(out), raw.order());
    smoothed.setTimeOrigin(raw.explicitTimeOrigin());
    m_done = raw.size();
    m_rawGeneration = raw.generation();
    m_smoothedGeneration = smoothed.generation();
    return true;
}

void ExponentialMovingAverage::restart()
{
    m_last = 0;
    m_weightPower = 1;
    m_firstFinite = 0;
    m_finiteCount = 0;
    m_constantSoFar = true;
    m_done = 0;
}

double ExponentialMovingAverage::next(double value)
{
    if (!std::isfinite(value))
        return value;
    m_last = m_last * m_weight + (1 - m_weight) * value;
    m_weightPower *= m_weight; // w^n without a pow() per point; equal to it up to rounding
    if (++m_finiteCount == 1)
        m_firstFinite = value;
    else if (value != m_firstFinite)
        m_constantSoFar = false;
    if (m_constantSoFar)
        return value;
    return m_last / (1 - m_weightPower);
}

} // namespace mltf::series
