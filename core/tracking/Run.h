#pragma once

#include "tracking/Metric.h"
#include "tracking/Param.h"
#include "tracking/RunInfo.h"
#include "tracking/Tag.h"

#include <QList>
#include <optional>

namespace mltf::tracking {

// A run as runs/get and runs/search return it: `metrics` holds the LATEST value of each key (max step,
// then max timestamp), not the history.
struct Run
{
    RunInfo info;
    Metrics metrics;
    Params params;
    Tags tags;

    QString tag(const QString &key, const QString &fallback = {}) const { return tagValue(tags, key, fallback); }
    std::optional<QString> param(const QString &key) const;
    std::optional<Metric> metric(const QString &key) const;

    // mlflow.parentRunId, empty for a top-level run.
    QString parentRunId() const { return tag(QStringLiteral("mlflow.parentRunId")); }
    // mlflow.note.content (the run description).
    QString description() const { return tag(QStringLiteral("mlflow.note.content")); }
    // info.runName, else the mlflow.runName tag.
    QString displayName() const;
};

using Runs = QList<Run>;

} // namespace mltf::tracking
