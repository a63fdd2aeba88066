#pragma once

#include <QString>
#include <QStringList>

namespace mltf::project {

// conda.yaml: the string items of `dependencies` (python=3.10, pip, ...) and the `{pip: [...]}` item apart.
struct CondaEnv
{
    QString name;
    QStringList channels;
    QStringList dependencies;
    QStringList pipDependencies;

    bool operator==(const CondaEnv &o) const
    {
        return name == o.name && channels == o.channels && dependencies == o.dependencies &&
               pipDependencies == o.pipDependencies;
    }
    bool operator!=(const CondaEnv &o) const { return !(*this == o); }
};

} // namespace mltf::project
