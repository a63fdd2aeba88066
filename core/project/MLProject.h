#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace mltf::project {

// One declared parameter of an entry point. MLflow accepts either `name: type` (no default) or
// `name: {type: ..., default: ...}`; the type defaults to "string".
struct Parameter
{
    QString name;
    QString type = QStringLiteral("string"); // "string", "float", "int", "path", "uri" (others are diagnosed)
    bool hasDefault = false;
    QString defaultValue; // the scalar as written (0.5, ., slurm_config.json); meaningful when hasDefault

    static QStringList knownTypes();

    bool operator==(const Parameter &o) const
    {
        return name == o.name && type == o.type && hasDefault == o.hasDefault &&
               (!hasDefault || defaultValue == o.defaultValue);
    }
    bool operator!=(const Parameter &o) const { return !(*this == o); }
};

struct EntryPoint
{
    QString name;
    QList<Parameter> parameters; // declaration order
    QString command;             // with {param} placeholders; literal braces doubled ({{ }})

    bool operator==(const EntryPoint &o) const
    {
        return name == o.name && parameters == o.parameters && command == o.command;
    }
    bool operator!=(const EntryPoint &o) const { return !(*this == o); }
};

// An item of docker_env.environment: a bare name copies the variable from the host, [NAME, value] sets it.
struct DockerEnvVar
{
    QString name;
    std::optional<QString> value;

    bool operator==(const DockerEnvVar &o) const { return name == o.name && value == o.value; }
    bool operator!=(const DockerEnvVar &o) const { return !(*this == o); }
};

struct DockerEnv
{
    QString image;
    QStringList volumes; // "host:container"
    QList<DockerEnvVar> environment;

    bool operator==(const DockerEnv &o) const
    {
        return image == o.image && volumes == o.volumes && environment == o.environment;
    }
    bool operator!=(const DockerEnv &o) const { return !(*this == o); }
};

// The MLproject file. Keys the editor does not model (databricks_spark_job, ...) are kept by the writer.
struct MLProject
{
    enum class EnvKind { None, Python, Conda, Docker };

    QString name;                   // optional in MLflow
    EnvKind envKind = EnvKind::None; // None: MLflow falls back to python_env.yaml, then conda.yaml
    QString envFile;                // python_env / conda_env value (relative path); empty for None/Docker
    DockerEnv dockerEnv;            // meaningful when envKind == Docker
    QList<EntryPoint> entryPoints;  // file order

    // The entry point with this name, or nullptr.
    const EntryPoint *entryPoint(const QString &name) const;

    bool operator==(const MLProject &o) const
    {
        return name == o.name && envKind == o.envKind && envFile == o.envFile &&
               (envKind != EnvKind::Docker || dockerEnv == o.dockerEnv) && entryPoints == o.entryPoints;
    }
    bool operator!=(const MLProject &o) const { return !(*this == o); }
};

} // namespace mltf::project
