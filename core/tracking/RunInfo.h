#pragma once

#include "tracking/RunStatus.h"

#include <QString>
#include <QtGlobal>

namespace mltf::tracking {

struct RunInfo
{
    QString runId;
    QString experimentId;
    QString runName;
    QString userId;
    RunStatus status = RunStatus::Unknown;
    qint64 startTime = 0; // ms since the epoch, 0 when not set
    qint64 endTime = 0;   // ms since the epoch, 0 while running / not set
    QString artifactUri;
    QString lifecycleStage; // "active" or "deleted"

    bool hasEndTime() const { return endTime > 0; }
    bool isDeleted() const { return lifecycleStage == QLatin1String("deleted"); }
    // endTime - startTime in ms, or `now - startTime` for a run without end time; -1 when unknown.
    qint64 durationMs(qint64 nowMs) const;
};

} // namespace mltf::tracking
