#pragma once

#include "tracking/Tag.h"

#include <QString>
#include <QtGlobal>

namespace mltf::tracking {

struct Experiment
{
    QString experimentId;
    QString name;
    QString artifactLocation;
    QString lifecycleStage; // "active" or "deleted"
    qint64 creationTime = 0;   // ms since the epoch, 0 when unknown
    qint64 lastUpdateTime = 0; // ms since the epoch, 0 when unknown
    Tags tags;

    bool isDeleted() const { return lifecycleStage == QLatin1String("deleted"); }
    // The description the MLflow UI shows (tag mlflow.note.content).
    QString description() const { return tagValue(tags, QStringLiteral("mlflow.note.content")); }
};

using Experiments = QList<Experiment>;

} // namespace mltf::tracking
