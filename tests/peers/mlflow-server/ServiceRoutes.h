#pragma once

#include "FaultSwitches.h"
#include "RouteGroup.h"
#include "TrafficCounter.h"

namespace mltf::testserver {

// /health, /version and the test control endpoints: /__faults (GET shows, POST merges, DELETE resets),
// /__stats (GET shows the TrafficCounter, DELETE resets it), /__echo (answers with the request's method,
// headers and body) and /__redirect?to=<url>&status=<30x>.
class ServiceRoutes : public RouteGroup
{
public:
    ServiceRoutes(TrackingState &state, FaultSwitches &faults, TrafficCounter &traffic)
        : RouteGroup(state)
        , m_faults(faults)
        , m_traffic(traffic)
    {}
    std::optional<Reply> handle(const Request &request) override;

private:
    FaultSwitches &m_faults;
    TrafficCounter &m_traffic;
};

} // namespace mltf::testserver
