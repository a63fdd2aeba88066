#pragma once

#include "series/XAxis.h"

#include <cmath>

namespace mltf::series {

// What a chart asks for: the points with x in [x0, x1] (both ends included) on `axis`, reduced to `width`
// pixel columns.
//
// Column of a point: a point with x in [x0, x1] falls into column
//     min(width - 1, floor((x - x0) * (width / (x1 - x0))))
// exactly as columnOf() computes it (tests reproduce this formula). When x1 == x0 (or the range is so small
// that the scale overflows) there is a single column 0. Points outside [x0, x1] are in no column.
struct EnvelopeRequest
{
    // How the envelope is computed. Both give identical results; Auto picks the faster one (the pyramid when a
    // column holds many points, one linear pass otherwise). The others exist for tests and benchmarks.
    enum class Method {
        Auto,
        Pyramid,
        Scan,
    };

    XAxis axis = XAxis::Step;
    double x0 = 0;
    double x1 = 0;
    int width = 0; // pixel columns
    YScale yScale = YScale::Linear;
    Method method = Method::Auto;

    // A request is answerable when width > 0 and x0 <= x1 are finite; otherwise the envelope is empty.
    bool isValid() const { return width > 0 && std::isfinite(x0) && std::isfinite(x1) && x0 <= x1; }

    double scale() const
    {
        const double s = width / (x1 - x0);
        return std::isfinite(s) ? s : 0.0;
    }

    // The column of x, or -1 when x is outside [x0, x1]. Non-decreasing in x.
    int columnOf(double x) const { return columnOf(x, scale()); }
    int columnOf(double x, double scale) const
    {
        if (!(x >= x0 && x <= x1))
            return -1;
        const double c = std::floor((x - x0) * scale);
        return c >= width - 1 ? width - 1 : static_cast<int>(c);
    }
};

} // namespace mltf::series
