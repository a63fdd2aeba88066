#pragma once

#include "RouteGroup.h"

#include <QFileInfoList>

namespace mltf::testserver {

struct StoredRun;

// artifacts/list, /get-artifact (Content-Length, Range 206/416, ETag/304, HTML 500 for a missing file) and the
// artifact proxy /api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<path> (GET: chunked, Range
// ignored, JSON 500 when missing; PUT: upload; GET ?path=…: listing with basenames).
class ArtifactRoutes : public RouteGroup
{
public:
    using RouteGroup::RouteGroup;
    std::optional<Reply> handle(const Request &request) override;

private:
    Reply list(const Request &request);
    Reply getArtifact(const Request &request);
    Reply proxy(const Request &request, const QString &relative);
    Reply proxyList(const Request &request);

    // The file or folder `path` of the run (uploads first, then the seeded folder); empty when missing.
    QString locate(const StoredRun &run, const QString &path) const;
    // One directory level, merged over the run's artifact folders, sorted by name.
    QFileInfoList entries(const StoredRun &run, const QString &path) const;
};

} // namespace mltf::testserver
