#pragma once

#include "RouteGroup.h"

namespace mltf::testserver {

// experiments/search (GET, POST), experiments/get, experiments/get-by-name, experiments/create.
class ExperimentRoutes : public RouteGroup
{
public:
    using RouteGroup::RouteGroup;
    std::optional<Reply> handle(const Request &request) override;

private:
    Reply search(const Request &request);
    Reply get(const Request &request);
    Reply getByName(const Request &request);
    Reply create(const Request &request);
};

} // namespace mltf::testserver
