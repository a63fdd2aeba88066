#pragma once

#include "RouteGroup.h"

namespace mltf::testserver {

struct StoredRun;
class ApiCall;

// runs/search (POST only), runs/get, runs/create, runs/update, runs/log-batch, runs/log-metric, runs/set-tag,
// runs/delete, runs/restore.
class RunRoutes : public RouteGroup
{
public:
    using RouteGroup::RouteGroup;
    std::optional<Reply> handle(const Request &request) override;

private:
    Reply search(const Request &request);
    Reply get(const Request &request);
    Reply create(const Request &request);
    Reply update(const Request &request);
    Reply logBatch(const Request &request);
    Reply logMetric(const Request &request);
    Reply setTag(const Request &request);
    Reply setLifecycle(const Request &request, bool deleted);

    // The run named by run_id (or run_uuid), or the error reply.
    StoredRun *findRun(const ApiCall &call, std::optional<Reply> &error);
    // Active runs only may be written to.
    static std::optional<Reply> checkActive(const StoredRun &run);
};

} // namespace mltf::testserver
