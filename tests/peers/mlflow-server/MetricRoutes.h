#pragma once

#include "RouteGroup.h"

namespace mltf::testserver {

// metrics/get-history and metrics/get-history-bulk-interval.
//
// get-history answers like MLflow 2.x by default: every point in one response, max_results and page_token
// ignored. With a history page size (--history-page-size N) it pages like MLflow 3.x instead: at most
// min(max_results, N) points per page with offset tokens, and (the 3.x bug) zero points plus a token that never
// advances when max_results is missing.
class MetricRoutes : public RouteGroup
{
public:
    MetricRoutes(TrackingState &state, int historyPageSize) : RouteGroup(state), m_historyPageSize(historyPageSize) {}
    std::optional<Reply> handle(const Request &request) override;

private:
    Reply history(const Request &request);
    Reply bulkInterval(const Request &request);

    int m_historyPageSize;
};

} // namespace mltf::testserver
