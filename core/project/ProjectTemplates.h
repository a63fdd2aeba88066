#pragma once

#include "project/GatewayConfig.h"
#include "project/MLProject.h"
#include "project/Project.h"
#include "project/PythonEnv.h"
#include "project/SlurmConfig.h"

#include <QByteArray>
#include <QMap>

#include <optional>

namespace mltf::project {

// The contents of a new project: the values of its files and a starter script.
struct ProjectTemplateContent
{
    MLProject mlProject;
    PythonEnv pythonEnv;
    std::optional<SlurmConfig> slurmConfig;
    std::optional<GatewayConfig> gatewayConfig;
    QMap<QString, QByteArray> extraFiles; // relative path -> bytes
};

class ProjectTemplates
{
public:
    static ProjectTemplateContent make(Project::Template kind, const QString &name);
};

} // namespace mltf::project
