#pragma once

#include "tracking/Metric.h"
#include "tracking/Param.h"
#include "tracking/RunStatus.h"
#include "tracking/Tag.h"

#include <QString>
#include <optional>

namespace mltf::tracking {

// runs/create.
struct CreateRun
{
    QString experimentId;
    QString runName;    // optional
    QString userId;     // optional (MLflow does not fill it from the mlflow.user tag)
    qint64 startTime = 0; // ms since the epoch; 0: now
    Tags tags;
};

// runs/update: only the fields that are set are sent.
struct UpdateRun
{
    QString runId;
    std::optional<RunStatus> status;
    std::optional<qint64> endTime;
    std::optional<QString> runName;
};

// runs/log-batch. Any size: RestStore splits it into requests of at most 1000 metrics, 100 params and
// 100 tags (the server's limits).
struct LogBatch
{
    QString runId;
    Metrics metrics;
    Params params;
    Tags tags;
};

} // namespace mltf::tracking
