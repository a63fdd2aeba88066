#pragma once

#include "tracking/Metric.h"

#include <QtGlobal>

#include <optional>

namespace mltf::tracking {

// Where the local copy of one metric's history stands against the server, and what to fetch next to catch up
// with the run's latest value of the metric (runs/get gives it: max step, then max timestamp).
//
// The first fetch is the whole history (get-history). After that only step windows are fetched with
// get-history-bulk-interval [start_step, end_step], starting at the highest step already held (inclusive: the
// same step may be logged again with a later timestamp). A window spans at most kWindowSteps steps, so it
// never holds more distinct steps than max_results: then every server returns every point in it, including
// MLflow 2.x, whose sampler drops points from windows that hold more steps than max_results and do not start
// at the first step (../shared/protocols/mlflow-rest.md). A longer gap is fetched window after window; a gap
// of more than kMaxWindows windows is cheaper as one full reload.
//
// Not seen: points logged at steps below the highest one (a resumed run re-logging old steps) while the
// latest value does not move; reload the run for those.
class HistoryCursor
{
public:
    static constexpr qint64 kWindowSteps = 2500; // = the largest max_results bulk-interval accepts
    static constexpr int kMaxWindows = 8;

    struct Fetch
    {
        bool full = true;     // the whole history; else the window below
        qint64 startStep = 0; // inclusive
        qint64 endStep = 0;   // inclusive
        Metric goal;          // the latest value this fetch catches up with
    };

    bool isLoaded() const { return m_loaded; }
    // What to fetch now that the run's latest value is `latest`; nothing when the history is up to date.
    std::optional<Fetch> plan(const Metric &latest) const;
    // Records a completed fetch (`highestStep`: the highest step it returned, if any) and gives the next
    // window of the same catch-up, if the goal lies beyond this one.
    std::optional<Fetch> record(const Fetch &done, std::optional<qint64> highestStep);

private:
    bool m_loaded = false;
    qint64 m_highestStep = 0;         // every point up to this step is held (as of the last fetch)
    std::optional<Metric> m_caughtUp; // the latest value the series is known to contain
};

} // namespace mltf::tracking
