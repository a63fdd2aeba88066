#pragma once

#include "HttpExchange.h"

#include <optional>

namespace mltf::testserver {

class TrackingState;

// A set of routes (one file each: experiments, runs, metrics, artifacts, service). `handle` returns nothing
// when the path is not one of the group's, a 405 page for a known path with the wrong method.
class RouteGroup
{
public:
    explicit RouteGroup(TrackingState &state) : m_state(state) {}
    virtual ~RouteGroup() = default;

    virtual std::optional<Reply> handle(const Request &request) = 0;

protected:
    TrackingState &m_state;
};

} // namespace mltf::testserver
