#include "project/ProjectValidator.h"

#include "project/SlurmConfigReader.h"
#include "project/SlurmValueValidator.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace mltf::project {

namespace {

const QString entryPointsKey = QStringLiteral("entry_points");

QString envKey(ProjectFileKind kind)
{
    return kind == ProjectFileKind::PythonEnv ? QStringLiteral("python_env") : QStringLiteral("conda_env");
}

} // namespace

ProjectValidator::ProjectValidator(const Project &project, const QMap<ProjectFileKind, DocNode> &roots,
                                   Project::Target target)
    : m_project(project), m_roots(roots), m_target(target)
{
}

Diagnostics ProjectValidator::validate()
{
    m_out.clear();
    checkEnvironment();
    checkEntryPoints();
    checkSlurm();
    checkGateway();
    checkSystemMetricsPackages();
    return m_out;
}

void ProjectValidator::report(Diagnostic::Severity severity, ProjectFileKind kind, const QString &path,
                              const QString &message, bool atKey, int offsetInScalar)
{
    Diagnostic d;
    d.severity = severity;
    d.file = m_project.fileName(kind);
    d.path = path;
    d.message = message;
    const auto root = m_roots.constFind(kind);
    if (root != m_roots.constEnd() && !path.isEmpty()) {
        // The node itself, else the nearest ancestor that exists.
        QString p = path;
        const DocNode *node = root->find(p, atKey);
        while (!node && p.contains(QLatin1Char('.'))) {
            p = p.section(QLatin1Char('.'), 0, -2);
            node = root->find(p, true);
        }
        if (!node && !p.isEmpty())
            node = root->find(p, true);
        if (node) {
            d.line = node->line;
            d.column = node->column;
            if (offsetInScalar >= 0 && p == path && node->isScalar() && node->end >= 0 && node->line > 0) {
                const bool quoted = node->style == DocNode::Style::DoubleQuoted ||
                                    node->style == DocNode::Style::SingleQuoted;
                d.column += offsetInScalar + (quoted ? 1 : 0);
            }
        }
    }
    m_out.append(d);
}

// A parameter that is neither `name: type` nor a mapping.
bool ProjectValidator::isMalformed(const QString &parameterPath) const
{
    const auto root = m_roots.constFind(ProjectFileKind::MLproject);
    if (root == m_roots.constEnd())
        return false;
    const DocNode *spec = root->find(parameterPath);
    return spec && !spec->isMap() && !spec->isString();
}

void ProjectValidator::checkEnvironment()
{
    if (!m_project.hasFile(ProjectFileKind::MLproject)) {
        report(Diagnostic::Severity::Error, ProjectFileKind::MLproject, QString(),
               tr("No MLproject file: this folder is not an MLflow project."));
        return;
    }
    if (!m_project.isParseable(ProjectFileKind::MLproject))
        return;
    const MLProject ml = m_project.mlProject();
    const std::optional<ProjectFileKind> active = m_project.activeEnvFile();
    if (ml.envKind == MLProject::EnvKind::Python || ml.envKind == MLProject::EnvKind::Conda) {
        const ProjectFileKind kind =
            ml.envKind == MLProject::EnvKind::Python ? ProjectFileKind::PythonEnv : ProjectFileKind::CondaEnv;
        if (!ml.envFile.isEmpty() && !m_project.hasFile(kind)) {
            report(Diagnostic::Severity::Error, ProjectFileKind::MLproject, envKey(kind),
                   tr("%1 names \"%2\", which does not exist in the project folder.").arg(envKey(kind), ml.envFile));
        }
    } else if (ml.envKind == MLProject::EnvKind::None && !active) {
        report(Diagnostic::Severity::Info, ProjectFileKind::MLproject, QString(),
               tr("No environment: MLflow will run with the Python it runs in. Add a python_env file to make "
                  "runs repeatable."));
    }
    for (ProjectFileKind kind : {ProjectFileKind::PythonEnv, ProjectFileKind::CondaEnv}) {
        if (m_project.hasFile(kind) && active != kind) {
            report(Diagnostic::Severity::Info, kind, QString(),
                   ml.envKind == MLProject::EnvKind::None || ml.envKind == MLProject::EnvKind::Docker
                       ? tr("This file is not used by MLflow for this project.")
                       : tr("This file is not used: the MLproject names %1 \"%2\".")
                             .arg(ml.envKind == MLProject::EnvKind::Python ? QStringLiteral("python_env")
                                                                           : QStringLiteral("conda_env"),
                                  ml.envFile));
        }
    }
}

QList<ProjectValidator::Placeholder> ProjectValidator::placeholders(const QString &command, QStringList *errors)
{
    QList<Placeholder> out;
    for (int i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (c == QLatin1Char('}')) {
            if (i + 1 < command.size() && command.at(i + 1) == QLatin1Char('}')) {
                ++i;
                continue;
            }
            if (errors)
                *errors << tr("A single } in a command must be doubled (}}): MLflow formats the command with "
                              "Python's str.format.");
            continue;
        }
        if (c != QLatin1Char('{'))
            continue;
        if (i + 1 < command.size() && command.at(i + 1) == QLatin1Char('{')) {
            ++i;
            continue;
        }
        const int close = command.indexOf(QLatin1Char('}'), i + 1);
        if (close < 0) {
            if (errors)
                *errors << tr("A { in the command is not closed: write {{ for a literal brace.");
            break;
        }
        const QString field = command.mid(i + 1, close - i - 1);
        static const QRegularExpression nameEnd(QStringLiteral("[.\\[!:]"));
        const int end = field.indexOf(nameEnd);
        const QString name = end < 0 ? field : field.left(end);
        if (name.trimmed().isEmpty()) {
            if (errors)
                *errors << tr("The command has an empty placeholder {}: name the parameter, e.g. {alpha}.");
        } else {
            out << Placeholder{name, i};
        }
        i = close;
    }
    return out;
}

void ProjectValidator::checkEntryPoints()
{
    if (!m_project.hasFile(ProjectFileKind::MLproject) || !m_project.isParseable(ProjectFileKind::MLproject))
        return;
    const MLProject ml = m_project.mlProject();
    if (!ml.entryPoint(QStringLiteral("main"))) {
        if (m_target == Project::Target::Gateway) {
            report(Diagnostic::Severity::Error, ProjectFileKind::MLproject, entryPointsKey,
                   tr("The gateway runs the entry point \"main\", which this MLproject does not declare."), true);
        } else if (!ml.entryPoints.isEmpty()) {
            report(Diagnostic::Severity::Info, ProjectFileKind::MLproject, entryPointsKey,
                   tr("No \"main\" entry point: each run must name one (mlflow run -e <name>)."), true);
        }
    }
    for (const EntryPoint &entry : ml.entryPoints)
        checkEntryPoint(entry);
}

void ProjectValidator::checkEntryPoint(const EntryPoint &entry)
{
    const QString path = entryPointsKey + QLatin1Char('.') + entry.name;
    const bool gatewayRunsIt = m_target == Project::Target::Gateway && entry.name == QLatin1String("main");
    if (m_target == Project::Target::Gateway && !gatewayRunsIt) {
        report(Diagnostic::Severity::Info, ProjectFileKind::MLproject, path,
               tr("The gateway runs \"main\" only: the entry point \"%1\" cannot be run through it.").arg(entry.name),
               true);
    }
    QStringList syntaxErrors;
    const QList<Placeholder> used = placeholders(entry.command, &syntaxErrors);
    const QString commandPath = path + QLatin1String(".command");
    for (const QString &message : std::as_const(syntaxErrors))
        report(Diagnostic::Severity::Error, ProjectFileKind::MLproject, commandPath, message);
    QSet<QString> usedNames;
    for (const Placeholder &p : used) {
        usedNames.insert(p.name);
        bool declared = false;
        for (const Parameter &param : entry.parameters)
            declared = declared || param.name == p.name;
        if (!declared) {
            report(Diagnostic::Severity::Error, ProjectFileKind::MLproject, commandPath,
                   tr("The command of \"%1\" uses {%2}, which is not a declared parameter: MLflow would fail. "
                      "Declare it under parameters, or write {{%2}} for literal braces.")
                       .arg(entry.name, p.name),
                   false, p.offset);
        }
    }
    for (const Parameter &param : entry.parameters) {
        const QString paramPath = path + QLatin1String(".parameters.") + param.name;
        if (isMalformed(paramPath))
            continue; // the reader reported it; defaults and usage mean nothing yet
        if (!usedNames.contains(param.name)) {
            report(Diagnostic::Severity::Warning, ProjectFileKind::MLproject, paramPath,
                   tr("Parameter \"%1\" of \"%2\" is declared but not used in the command: its value never "
                      "reaches the program.")
                       .arg(param.name, entry.name),
                   true);
        }
        if (!param.hasDefault) {
            if (gatewayRunsIt) {
                report(Diagnostic::Severity::Error, ProjectFileKind::MLproject, paramPath,
                       tr("Parameter \"%1\" has no default: the gateway runs \"main\" with default values only, "
                          "so the run would fail.")
                           .arg(param.name),
                       true);
            } else {
                report(Diagnostic::Severity::Warning, ProjectFileKind::MLproject, paramPath,
                       tr("Parameter \"%1\" has no default: every run must give a value (-P %1=...).")
                           .arg(param.name),
                       true);
            }
        }
    }
    checkCommandFiles(entry, commandPath);
}

// The script a command runs (`python train.py`, `./demo.sh`, `bash run.sh`) should be in the project, and an
// absolute path only exists on the machine it was written on.
void ProjectValidator::checkCommandFiles(const EntryPoint &entry, const QString &commandPath)
{
    const QStringList words = entry.command.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (word.startsWith(QLatin1Char('/')) && word.size() > 1 && !word.contains(QLatin1Char('{'))) {
            report(Diagnostic::Severity::Info, ProjectFileKind::MLproject, commandPath,
                   tr("The command of \"%1\" uses the absolute path %2: the project runs only where that path "
                      "exists.")
                       .arg(entry.name, word),
                   false, entry.command.indexOf(word));
            break;
        }
    }
    if (words.isEmpty())
        return;
    static const QStringList interpreters = {QStringLiteral("python"), QStringLiteral("python3"),
                                             QStringLiteral("bash"), QStringLiteral("sh")};
    QString script;
    if (interpreters.contains(words.first()) && words.size() > 1 && !words.at(1).startsWith(QLatin1Char('-')))
        script = words.at(1);
    else if (words.first().startsWith(QLatin1String("./")))
        script = words.first();
    if (script.isEmpty() || script.startsWith(QLatin1Char('/')) || script.contains(QLatin1Char('{')) ||
        m_project.dir().isEmpty())
        return;
    const QFileInfo info(QDir(m_project.dir()).filePath(script));
    if (m_project.pendingNewFiles().contains(QDir::cleanPath(script)))
        return;
    if (!info.exists()) {
        report(Diagnostic::Severity::Warning, ProjectFileKind::MLproject, commandPath,
               tr("The command of \"%1\" runs %2, which is not in the project folder.").arg(entry.name, script),
               false, entry.command.indexOf(script));
    } else if (script == words.first() && !info.isExecutable()) {
        report(Diagnostic::Severity::Warning, ProjectFileKind::MLproject, commandPath,
               tr("The command of \"%1\" runs %2, which is not executable (chmod +x %2).").arg(entry.name, script),
               false, entry.command.indexOf(script));
    }
}

void ProjectValidator::checkValue(ProjectFileKind kind, const QString &key, const QString &value,
                                  QString (*validator)(const QString &))
{
    if (value.isEmpty())
        return;
    QString problem = validator ? validator(value) : QString();
    if (problem.isEmpty())
        problem = SlurmValueValidator::validateSafeValue(value);
    if (!problem.isEmpty())
        report(Diagnostic::Severity::Error, kind, key, QStringLiteral("%1: %2").arg(key, problem));
}

void ProjectValidator::checkSlurm()
{
    const ProjectFileKind kind = ProjectFileKind::SlurmConfig;
    if (!m_project.hasFile(kind)) {
        if (m_target == Project::Target::Slurm) {
            report(Diagnostic::Severity::Info, kind, QString(),
                   tr("No slurm_config.json: mlflow-slurm submits with the cluster's defaults."));
        }
        return;
    }
    if (!m_roots.contains(kind))
        return;
    const SlurmConfig s = m_project.slurmConfig();
    checkValue(kind, QStringLiteral("time"), s.time, &SlurmValueValidator::validateTime);
    checkValue(kind, QStringLiteral("mem"), s.mem, &SlurmValueValidator::validateMem);
    checkValue(kind, QStringLiteral("gres"), s.gres, &SlurmValueValidator::validateGres);
    checkValue(kind, QStringLiteral("nodes"), s.nodes, &SlurmValueValidator::validatePositiveInt);
    checkValue(kind, QStringLiteral("ntasks"), s.ntasks, &SlurmValueValidator::validatePositiveInt);
    checkValue(kind, QStringLiteral("gpus_per_node"), s.gpusPerNode, &SlurmValueValidator::validatePositiveInt);
    checkValue(kind, QStringLiteral("cpus-per-task"), s.cpusPerTask, &SlurmValueValidator::validatePositiveInt);
    for (const auto &[key, value] : {std::pair{"partition", s.partition}, {"account", s.account},
                                     {"sbatch-script-file", s.sbatchScriptFile}, {"mail-user", s.mailUser},
                                     {"mail-type", s.mailType}, {"job-name", s.jobName}, {"output", s.output},
                                     {"error", s.error}, {"qos", s.qos}, {"constraint", s.constraint}})
        checkValue(kind, QLatin1String(key), value, nullptr);
    static const QRegularExpression assignment(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    for (const auto &[key, list] : {std::pair{"exports", s.exports}, {"modules", s.modules},
                                    {"environment", s.environment}}) {
        for (int i = 0; i < list.size(); ++i) {
            const QString itemPath = QStringLiteral("%1.%2").arg(QLatin1String(key)).arg(i);
            checkValue(kind, itemPath, list.at(i), nullptr);
            if (qstrcmp(key, "environment") == 0 && !assignment.match(list.at(i)).hasMatch()) {
                report(Diagnostic::Severity::Error, kind, itemPath,
                       tr("environment: \"%1\" must have the form NAME=value.").arg(list.at(i)));
            }
        }
    }
}

void ProjectValidator::checkGateway()
{
    const ProjectFileKind kind = ProjectFileKind::GatewayConfig;
    if (!m_project.hasFile(kind)) {
        if (m_target == Project::Target::Gateway) {
            report(Diagnostic::Severity::Info, kind, QString(),
                   tr("No gateway_config.json: the gateway submits with its defaults."));
        }
        return;
    }
    if (!m_roots.contains(kind))
        return;
    const GatewayConfig g = m_project.gatewayConfig();
    checkValue(kind, QStringLiteral("mem"), g.mem, &SlurmValueValidator::validateMem);
    // The demos give seconds as a number; a text value must then be a SLURM time.
    bool seconds = false;
    g.time.toLongLong(&seconds);
    checkValue(kind, QStringLiteral("time"), g.time, seconds ? nullptr : &SlurmValueValidator::validateTime);
    checkValue(kind, QStringLiteral("gres"), g.gres, &SlurmValueValidator::validateGres);
    checkValue(kind, QStringLiteral("nodes"), g.nodes, &SlurmValueValidator::validatePositiveInt);
    checkValue(kind, QStringLiteral("cpus-per-task"), g.cpusPerTask, &SlurmValueValidator::validatePositiveInt);
    checkValue(kind, QStringLiteral("partition"), g.partition, nullptr);
    checkValue(kind, QStringLiteral("account"), g.account, nullptr);
    checkValue(kind, QStringLiteral("job_name"), g.jobName, nullptr);
}

QString ProjectValidator::packageName(const QString &requirement)
{
    QString r = requirement.trimmed();
    const int channel = r.lastIndexOf(QLatin1String("::"));
    if (channel >= 0)
        r = r.mid(channel + 2);
    static const QRegularExpression name(QStringLiteral("^([A-Za-z0-9][A-Za-z0-9._-]*)"));
    const QRegularExpressionMatch m = name.match(r);
    if (!m.hasMatch())
        return {};
    return m.captured(1).toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
}

void ProjectValidator::checkSystemMetricsPackages()
{
    const std::optional<ProjectFileKind> active = m_project.activeEnvFile();
    if (!active || !m_project.hasFile(*active) || !m_roots.contains(*active))
        return;
    QStringList requirements;
    if (*active == ProjectFileKind::PythonEnv) {
        requirements = m_project.pythonEnv().dependencies;
    } else {
        const CondaEnv conda = m_project.condaEnv();
        requirements = conda.dependencies + conda.pipDependencies;
    }
    QSet<QString> names;
    for (const QString &r : std::as_const(requirements))
        names.insert(packageName(r));
    const QString path = QStringLiteral("dependencies");
    if (!names.contains(QStringLiteral("mlflow")) && !names.contains(QStringLiteral("mlflow-skinny"))) {
        report(Diagnostic::Severity::Info, *active, path,
               tr("mlflow is not in the dependencies: the run cannot log to the tracking server (add mlflow or "
                  "mlflow-skinny)."),
               true);
    }
    if (!names.contains(QStringLiteral("psutil"))) {
        report(Diagnostic::Severity::Info, *active, path,
               tr("psutil is not in the dependencies: MLflow cannot record CPU and memory system metrics."), true);
    }
    const bool gpu = (m_project.hasFile(ProjectFileKind::SlurmConfig) && m_project.slurmConfig().requestsGpu()) ||
                     (m_project.hasFile(ProjectFileKind::GatewayConfig) && m_project.gatewayConfig().requestsGpu());
    if (gpu && !names.contains(QStringLiteral("pynvml")) && !names.contains(QStringLiteral("nvidia-ml-py"))) {
        report(Diagnostic::Severity::Info, *active, path,
               tr("pynvml is not in the dependencies while the job asks for a GPU: MLflow cannot record GPU "
                  "system metrics."),
               true);
    }
}

} // namespace mltf::project
