#pragma once

#include "project/CondaEnv.h"
#include "project/Diagnostic.h"
#include "project/GatewayConfig.h"
#include "project/MLProject.h"
#include "project/ProjectFileKind.h"
#include "project/PythonEnv.h"
#include "project/SlurmConfig.h"
#include "util/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSharedDataPointer>
#include <QString>

#include <optional>

namespace mltf::project {

class ProjectData;

// An MLflow project folder: its MLproject, environment file and resource configurations, each kept as the
// original bytes plus an edited value. Rendering an unchanged value gives the original bytes back; a changed
// value is written into the original document (unknown keys and key order kept, comments kept when only
// scalar values changed). A value class (implicitly shared); not thread-safe, use one copy per thread.
class Project
{
    Q_DECLARE_TR_FUNCTIONS(Project)

public:
    enum class Template { Blank, PyTorchGpu, ScikitLearn };
    // The backend the project is checked for: parameters without a default are an error for the gateway.
    enum class Target { Local, Slurm, Gateway };

    Project(); // an empty project with no folder
    Project(const Project &other);
    Project &operator=(const Project &other);
    ~Project();

    // Reads every known file of `dir`. Never throws: read and parse problems become diagnostics.
    // The MLproject file name is matched case-insensitively.
    static Project load(const QString &dir);
    // A new project in `dir` (nothing written until save): MLproject, python_env.yaml and, for PyTorchGpu,
    // slurm_config.json and gateway_config.json asking for one GPU.
    static Project fromTemplate(Template t, const QString &dir, const QString &name);

    static QString targetName(Target target); // "local", "slurm", "gateway"
    static std::optional<Target> targetFromName(const QString &name);

    QString dir() const;
    // False when `dir` is missing or not a readable folder (load() then gives one error diagnostic).
    bool isFolderReadable() const;

    MLProject mlProject() const;
    void setMlProject(const MLProject &value);
    PythonEnv pythonEnv() const;
    void setPythonEnv(const PythonEnv &value);
    CondaEnv condaEnv() const;
    void setCondaEnv(const CondaEnv &value);
    SlurmConfig slurmConfig() const;
    void setSlurmConfig(const SlurmConfig &value);
    GatewayConfig gatewayConfig() const;
    void setGatewayConfig(const GatewayConfig &value);

    // True when the file exists on disk or was created in memory (by a setter or a template).
    bool hasFile(ProjectFileKind kind) const;
    // Absolute path; the env files follow the MLproject's python_env/conda_env (else the default names).
    QString filePath(ProjectFileKind kind) const;
    // Path relative to dir(), as diagnostics name it ("MLproject", "python_env.yaml").
    QString fileName(ProjectFileKind kind) const;
    // The environment file in use: the one the MLproject names, else MLflow's default rule
    // (python_env.yaml if present, else conda.yaml). nullopt for docker or when there is none.
    std::optional<ProjectFileKind> activeEnvFile() const;

    // What save() would write: the original bytes when the value is unchanged (or the file unparseable).
    QByteArray renderedText(ProjectFileKind kind) const;
    QByteArray originalText(ProjectFileKind kind) const;
    bool isDirty(ProjectFileKind kind) const;
    bool isAnyDirty() const;
    // False when the file exists but could not be parsed; such a file is never overwritten.
    bool isParseable(ProjectFileKind kind) const;
    // True when saving the current value would drop comments or change formatting outside the edited values.
    bool saveLosesFormatting(ProjectFileKind kind) const;

    // Atomic write (QSaveFile) of renderedText(kind). Refuses an unparseable file. A clean file is not written.
    Status save(ProjectFileKind kind);
    Status saveAll();
    // Back to what was last loaded or saved.
    void revert(ProjectFileKind kind);
    // Re-reads every file from disk (drops unsaved edits).
    void reload();

    // Files a template adds besides the configuration (e.g. "train.py"), written by saveAll() when absent.
    QStringList pendingNewFiles() const;

    // Every finding for the current (possibly edited) values; lines refer to renderedText().
    QList<Diagnostic> diagnostics(Target target = Target::Local) const;
    // Applies the automatic fix of a diagnostic with a fixId (e.g. the trailing comma in a JSON file). The fix
    // edits the file text minimally and re-parses it; the result is unsaved (dirty) until save().
    Status applyFix(const Diagnostic &diagnostic);

private:
    QSharedDataPointer<ProjectData> d;
};

} // namespace mltf::project
