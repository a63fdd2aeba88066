#include "project/ProjectFileKind.h"

namespace mltf::project {

QList<ProjectFileKind> allProjectFileKinds()
{
    return {ProjectFileKind::MLproject, ProjectFileKind::PythonEnv, ProjectFileKind::CondaEnv,
            ProjectFileKind::SlurmConfig, ProjectFileKind::GatewayConfig};
}

QString defaultFileName(ProjectFileKind kind)
{
    switch (kind) {
    case ProjectFileKind::MLproject:
        return QStringLiteral("MLproject");
    case ProjectFileKind::PythonEnv:
        return QStringLiteral("python_env.yaml");
    case ProjectFileKind::CondaEnv:
        return QStringLiteral("conda.yaml");
    case ProjectFileKind::SlurmConfig:
        return QStringLiteral("slurm_config.json");
    case ProjectFileKind::GatewayConfig:
        return QStringLiteral("gateway_config.json");
    }
    return {};
}

bool isJsonFile(ProjectFileKind kind)
{
    return kind == ProjectFileKind::SlurmConfig || kind == ProjectFileKind::GatewayConfig;
}

} // namespace mltf::project
