#pragma once

#include <QList>
#include <QString>

namespace mltf::project {

// The files of an MLflow project the editor knows. docker_env lives inside the MLproject.
enum class ProjectFileKind { MLproject, PythonEnv, CondaEnv, SlurmConfig, GatewayConfig };

// Every kind, in the order the editor shows them.
QList<ProjectFileKind> allProjectFileKinds();
// The default file name of a kind: "MLproject", "python_env.yaml", "conda.yaml", "slurm_config.json",
// "gateway_config.json".
QString defaultFileName(ProjectFileKind kind);
// True for the JSON files (slurm_config.json, gateway_config.json), false for the YAML ones.
bool isJsonFile(ProjectFileKind kind);

} // namespace mltf::project
