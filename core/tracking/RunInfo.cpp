#include "tracking/RunInfo.h"

namespace mltf::tracking {

qint64 RunInfo::durationMs(qint64 nowMs) const
{
    if (startTime <= 0)
        return -1;
    const qint64 end = hasEndTime() ? endTime : nowMs;
    return end >= startTime ? end - startTime : -1;
}

} // namespace mltf::tracking
