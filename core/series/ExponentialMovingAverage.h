#pragma once

#include "series/MetricSeries.h"

namespace mltf::series {

// Debiased exponential moving average, the smoothing of TensorBoard's scalar charts (also used by W&B and
// MLflow's UI), applied to every point of a series in its storage order, never to decimated points:
//
//     last  = last * w + (1 - w) * value           (last starts at 0)
//     n     = number of finite values so far
//     out   = last / (1 - w^n)
//
// Non-finite values (NaN, +/-Inf) pass through unchanged and do not count in n, as in TensorBoard. While all
// finite values so far are equal, the output is that value exactly (the formula gives it up to rounding; this
// keeps constant series such as a fixed learning rate exact). w = 0 gives the series unchanged; w is clamped
// to [0, 0.999].
//
// The result is a MetricSeries with the same steps and timestamps, so it can get its own EnvelopePyramid.
// update() keeps it current with a growing series in O(appended points).
class ExponentialMovingAverage
{
public:
    static constexpr double kMaxWeight = 0.999;

    explicit ExponentialMovingAverage(double weight = 0.0);

    static double clampWeight(double weight);
    double weight() const { return m_weight; }
    // Forgets the progress: the next update() recomputes everything.
    void setWeight(double weight);

    static MetricSeries smooth(const MetricSeries &raw, double weight);

    // Brings `smoothed` in step with `raw`: smooths only the points appended since the last call when raw only
    // grew (and `smoothed` is the series this object produced), otherwise recomputes it. Returns true when it
    // recomputed everything.
    bool update(const MetricSeries &raw, MetricSeries &smoothed);

private:
    void restart();
    double next(double value);

    double m_weight = 0;
    double m_last = 0;
    double m_weightPower = 1; // w^n
    double m_firstFinite = 0;
    qint64 m_finiteCount = 0;
    bool m_constantSoFar = true;
    qsizetype m_done = 0;
    quint64 m_rawGeneration = 0;
    quint64 m_smoothedGeneration = 0;
};

} // namespace mltf::series
