#pragma once

namespace mltf::series {

// What a chart puts on its x axis. Every mode maps a point of a MetricSeries to a double
// (MetricSeries::x()); envelope queries take their x-range in the same unit.
enum class XAxis {
    Step,         // the logged step, as a double (exact up to 2^53)
    WallTime,     // the timestamp in ms since the Unix epoch (what QDateTimeAxis expects)
    RelativeTime, // seconds since the series' time origin (by default its earliest timestamp)
};

// How the y axis is scaled. With Log, values <= 0 cannot be drawn: envelope queries leave them out of the
// envelope and report them as markers (MarkerKind::NonPositive) instead of clamping them to some value.
enum class YScale {
    Linear,
    Log,
};

} // namespace mltf::series
