#include "tracking/Run.h"

namespace mltf::tracking {

std::optional<QString> Run::param(const QString &key) const
{
    for (const Param &p : params)
        if (p.key == key)
            return p.value;
    return std::nullopt;
}

std::optional<Metric> Run::metric(const QString &key) const
{
    for (const Metric &m : metrics)
        if (m.key == key)
            return m;
    return std::nullopt;
}

QString Run::displayName() const
{
    if (!info.runName.isEmpty())
        return info.runName;
    const QString fromTag = tag(QStringLiteral("mlflow.runName"));
    return fromTag.isEmpty() ? info.runId : fromTag;
}

} // namespace mltf::tracking
