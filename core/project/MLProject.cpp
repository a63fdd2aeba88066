#include "project/MLProject.h"

namespace mltf::project {

QStringList Parameter::knownTypes()
{
    return {QStringLiteral("string"), QStringLiteral("float"), QStringLiteral("int"), QStringLiteral("path"),
            QStringLiteral("uri")};
}

const EntryPoint *MLProject::entryPoint(const QString &entryName) const
{
    for (const EntryPoint &e : entryPoints) {
        if (e.name == entryName)
            return &e;
    }
    return nullptr;
}

} // namespace mltf::project
