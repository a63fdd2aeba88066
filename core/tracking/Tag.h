#pragma once

#include <QList>
#include <QString>

namespace mltf::tracking {

// A run or experiment tag. MLflow's system tags start with "mlflow." (mlflow.runName, mlflow.parentRunId,
// mlflow.note.content, mlflow.user, mlflow.source.name ...).
struct Tag
{
    QString key;
    QString value;

    bool operator==(const Tag &o) const { return key == o.key && value == o.value; }
};

using Tags = QList<Tag>;

// The value of `key` in `tags`, or `fallback` when absent.
inline QString tagValue(const Tags &tags, const QString &key, const QString &fallback = {})
{
    for (const Tag &t : tags)
        if (t.key == key)
            return t.value;
    return fallback;
}

} // namespace mltf::tracking
