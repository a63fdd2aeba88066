#include "tracking/HistoryCursor.h"

#include <algorithm>

namespace mltf::tracking {

namespace {

HistoryCursor::Fetch window(qint64 start, const Metric &goal)
{
    HistoryCursor::Fetch f;
    f.full = false;
    f.startStep = start;
    f.endStep = std::min(goal.step, start + HistoryCursor::kWindowSteps - 1);
    f.goal = goal;
    return f;
}

} // namespace

std::optional<HistoryCursor::Fetch> HistoryCursor::plan(const Metric &latest) const
{
    if (!m_loaded) {
        Fetch f;
        f.goal = latest;
        return f;
    }
    if (m_caughtUp && m_caughtUp->step == latest.step && m_caughtUp->timestamp == latest.timestamp)
        return std::nullopt;
    const qint64 start = std::min(m_highestStep, latest.step);
    if (latest.step - start + 1 > kWindowSteps * kMaxWindows) {
        Fetch f;
        f.goal = latest;
        return f;
    }
    return window(start, latest);
}

std::optional<HistoryCursor::Fetch> HistoryCursor::record(const Fetch &done,
                                                          std::optional<qint64> highestStep)
{
    if (done.full) {
        m_loaded = true;
        m_highestStep = highestStep.value_or(done.goal.step);
        m_caughtUp = done.goal;
        return std::nullopt;
    }
    m_highestStep = std::max({m_highestStep, done.endStep, highestStep.value_or(done.endStep)});
    if (done.endStep < done.goal.step)
        return window(done.endStep + 1, done.goal);
    m_caughtUp = done.goal;
    return std::nullopt;
}

} // namespace mltf::tracking
