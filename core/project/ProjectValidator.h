#pragma once

#include "project/DocNode.h"
#include "project/Project.h"

#include <QCoreApplication>
#include <QMap>

namespace mltf::project {

// The checks that need more than one file or the meaning of values: environment file references, command
// placeholders, parameters without default (an error for the gateway, which runs `main` with defaults only),
// scripts the command runs, SLURM/gateway values, and the packages system metrics need.
//
// System metrics: MLTF runs always want mlflow and psutil (CPU/memory metrics) in the environment; pynvml
// (or nvidia-ml-py) is wanted as soon as slurm_config.json or gateway_config.json asks for a GPU. A missing
// package is reported as information, never as a warning or error.
class ProjectValidator
{
    Q_DECLARE_TR_FUNCTIONS(ProjectValidator)

public:
    // `roots`: the parsed tree of each file that could be parsed, used to locate findings.
    ProjectValidator(const Project &project, const QMap<ProjectFileKind, DocNode> &roots, Project::Target target);

    Diagnostics validate();

    // `{name}` fields of a str.format command, with `{{`/`}}` escapes skipped; problems go to `errors`.
    struct Placeholder
    {
        QString name;
        int offset = 0; // in the command string
    };
    static QList<Placeholder> placeholders(const QString &command, QStringList *errors = nullptr);
    // Normalised package name of a pip/conda requirement ("numpy==1.26" -> "numpy", "conda-forge::x" -> "x").
    static QString packageName(const QString &requirement);

private:
    void report(Diagnostic::Severity severity, ProjectFileKind kind, const QString &path, const QString &message,
                bool atKey = false, int offsetInScalar = -1);
    void checkEnvironment();
    void checkEntryPoints();
    void checkEntryPoint(const EntryPoint &entry);
    bool isMalformed(const QString &parameterPath) const;
    void checkCommandFiles(const EntryPoint &entry, const QString &path);
    void checkSlurm();
    void checkGateway();
    void checkValue(ProjectFileKind kind, const QString &key, const QString &value, QString (*validator)(const QString &));
    void checkSystemMetricsPackages();

    const Project &m_project;
    const QMap<ProjectFileKind, DocNode> &m_roots;
    Project::Target m_target;
    Diagnostics m_out;
};

} // namespace mltf::project
