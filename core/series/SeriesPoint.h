#pragma once

#include <QtGlobal>

#include <vector>

namespace mltf::series {

// One logged point as it arrives from a store. `value` may be NaN or +/-Inf.
struct SeriesPoint
{
    qint64 step = 0;
    qint64 timestamp = 0; // ms since the Unix epoch
    double value = 0;

    // Converts any container of structs with `step`, `timestamp` and `value` members (such as
    // tracking::MetricPoint) so the series module needs no include of the tracking one.
    template <typename Container>
    static std::vector<SeriesPoint> from(const Container &points)
    {
        std::vector<SeriesPoint> out;
        out.reserve(static_cast<size_t>(points.size()));
        for (const auto &p : points)
            out.push_back(SeriesPoint{p.step, p.timestamp, p.value});
        return out;
    }
};

} // namespace mltf::series
