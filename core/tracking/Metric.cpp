#include "tracking/Metric.h"

#include <algorithm>

namespace mltf::tracking {

void sortByStep(QList<MetricPoint> &points)
{
    std::stable_sort(points.begin(), points.end(), [](const MetricPoint &a, const MetricPoint &b) {
        return a.step != b.step ? a.step < b.step : a.timestamp < b.timestamp;
    });
}

} // namespace mltf::tracking
