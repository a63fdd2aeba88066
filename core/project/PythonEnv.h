#pragma once

#include <QString>
#include <QStringList>

namespace mltf::project {

// python_env.yaml. `python` is kept as written ("3.10" even when YAML would read an unquoted 3.10 as 3.1;
// that case is diagnosed) and always written quoted.
struct PythonEnv
{
    QString python;
    QStringList buildDependencies; // pip requirement strings, installed first
    QStringList dependencies;      // pip requirement strings ("-r requirements.txt" allowed)

    bool operator==(const PythonEnv &o) const
    {
        return python == o.python && buildDependencies == o.buildDependencies && dependencies == o.dependencies;
    }
    bool operator!=(const PythonEnv &o) const { return !(*this == o); }
};

} // namespace mltf::project
