#include "submit/BatchScriptWriter.h"

#include "project/SlurmValueValidator.h"
#include "submit/ShellQuote.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace mltf::submit {

using project::SlurmValueValidator;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::submit::BatchScriptWriter", text);
}

bool matches(const QString &pattern, const QString &value)
{
    const QRegularExpression re(QStringLiteral("^(?:") + pattern + QStringLiteral(")$"));
    return re.match(value).hasMatch();
}

// Character sets per #SBATCH field: sbatch reads these lines itself (no shell), so only a newline could add a
// directive; the sets are still tight so that a value cannot carry spaces, quotes or shell syntax anywhere.
const char *const kName = "[A-Za-z0-9_.+-]+";
const char *const kNameList = "[A-Za-z0-9_.+-]+(,[A-Za-z0-9_.+-]+)*";
const char *const kPositiveInt = "[1-9][0-9]{0,6}";
const char *const kPath = "[A-Za-z0-9_.%/+-]+";
const char *const kVariable = "[A-Za-z_][A-Za-z0-9_]*";

class Checker
{
public:
    void field(const QString &key, const QString &value, const char *pattern, const QString &what,
               const QString &validatorMessage = QString())
    {
        if (value.isEmpty())
            return;
        if (ShellQuote::hasControlCharacters(value)) {
            problems << tr("%1: the value must be on one line.").arg(key);
            return;
        }
        if (!validatorMessage.isEmpty()) {
            problems << QStringLiteral("%1: %2").arg(key, validatorMessage);
            return;
        }
        if (!matches(QString::fromLatin1(pattern), value))
            problems << tr("%1: '%2' is not %3.").arg(key, value, what);
    }

    void oneLine(const QString &key, const QString &value)
    {
        if (ShellQuote::hasControlCharacters(value))
            problems << tr("%1: the value must be on one line.").arg(key);
    }

    QStringList problems;
};

QString quoted(const QString &value)
{
    return ShellQuote::quote(value);
}

} // namespace

int BatchScriptWriter::nodeCount(const BatchJob &job)
{
    return std::max(1, job.resources.nodes.trimmed().toInt());
}

int BatchScriptWriter::gpusPerNode(const BatchJob &job)
{
    // gpus_per_node is "2" or "a100:2"
    const QString gpus = job.resources.gpusPerNode.trimmed();
    if (!gpus.isEmpty())
        return std::max(0, gpus.section(QLatin1Char(':'), -1).toInt());
    // gres "gpu:2", "gpu:nvidia_rtx_a6000:1", "gpu" (one)
    const QStringList items = job.resources.gres.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList parts = item.trimmed().split(QLatin1Char(':'));
        if (parts.value(0) != QLatin1String("gpu"))
            continue;
        if (parts.size() == 1)
            return 1;
        bool ok = false;
        const int n = parts.last().toInt(&ok);
        return ok ? n : 1;
    }
    return 0;
}

QString BatchScriptWriter::outputPattern(const BatchJob &job)
{
    return job.resources.output.isEmpty() ? QStringLiteral(".mltf/slurm-%j.out") : job.resources.output;
}

QString BatchScriptWriter::scriptFileName(const BatchJob &job)
{
    return job.resources.sbatchScriptFile.isEmpty() ? job.scriptName : job.resources.sbatchScriptFile;
}

QStringList BatchScriptWriter::validate(const BatchJob &job)
{
    const project::SlurmConfig &r = job.resources;
    Checker c;
    const QString aName = tr("a SLURM name (letters, digits, _ . + -)");
    const QString aPositive = tr("a whole number above zero");

    c.field(QStringLiteral("partition"), r.partition, kNameList, aName);
    c.field(QStringLiteral("account"), r.account, kName, aName);
    c.field(QStringLiteral("qos"), r.qos, kName, aName);
    c.field(QStringLiteral("gpus_per_node"), r.gpusPerNode, "([A-Za-z0-9_.-]+:)?[0-9]{1,4}",
            tr("a GPU count, optionally with a type (a100:2)"));
    c.field(QStringLiteral("gres"), r.gres, "[A-Za-z0-9_.:,-]+", tr("a gres request such as gpu:2"),
            SlurmValueValidator::validateGres(r.gres));
    c.field(QStringLiteral("mem"), r.mem, "[0-9]+[KkMmGgTt]?", tr("a memory size such as 4G"),
            SlurmValueValidator::validateMem(r.mem));
    c.field(QStringLiteral("time"), r.time, "[0-9]+([-:][0-9]+){0,3}|UNLIMITED|INFINITE",
            tr("a SLURM time such as 8:00:00 or 1-00:00:00"), SlurmValueValidator::validateTime(r.time));
    c.field(QStringLiteral("nodes"), r.nodes, kPositiveInt, aPositive,
            r.nodes.isEmpty() ? QString() : SlurmValueValidator::validatePositiveInt(r.nodes));
    c.field(QStringLiteral("ntasks"), r.ntasks, kPositiveInt, aPositive,
            r.ntasks.isEmpty() ? QString() : SlurmValueValidator::validatePositiveInt(r.ntasks));
    c.field(QStringLiteral("ntasks-per-node"), job.ntasksPerNode, kPositiveInt, aPositive,
            job.ntasksPerNode.isEmpty() ? QString() : SlurmValueValidator::validatePositiveInt(job.ntasksPerNode));
    c.field(QStringLiteral("cpus-per-task"), r.cpusPerTask, kPositiveInt, aPositive,
            r.cpusPerTask.isEmpty() ? QString() : SlurmValueValidator::validatePositiveInt(r.cpusPerTask));
    c.field(QStringLiteral("constraint"), r.constraint, "[A-Za-z0-9_.&|,:*\\[\\]()!-]+",
            tr("a feature expression such as a100&nvlink"));
    c.field(QStringLiteral("mail-user"), r.mailUser, "[A-Za-z0-9_.+-]+(@[A-Za-z0-9.-]+)?", tr("an e-mail address"));
    c.field(QStringLiteral("mail-type"), r.mailType,
            "(NONE|BEGIN|END|FAIL|REQUEUE|ALL|INVALID_DEPEND|STAGE_OUT|TIME_LIMIT(_[0-9]+)?|ARRAY_TASKS)"
            "(,(NONE|BEGIN|END|FAIL|REQUEUE|ALL|INVALID_DEPEND|STAGE_OUT|TIME_LIMIT(_[0-9]+)?|ARRAY_TASKS))*",
            tr("a list of mail events (BEGIN, END, FAIL, ALL, ...)"));
    c.field(QStringLiteral("job-name"), r.jobName, kName, aName);
    c.field(QStringLiteral("output"), r.output, kPath, tr("a file path without spaces"));
    c.field(QStringLiteral("error"), r.error, kPath, tr("a file path without spaces"));
    c.field(QStringLiteral("sbatch-script-file"), r.sbatchScriptFile, "[A-Za-z0-9_.+-]+", tr("a file name"));
    for (const QString &e : r.exports)
        c.field(QStringLiteral("exports"), e, kVariable, tr("an environment variable name"));
    for (const QString &m : job.modules)
        c.field(QStringLiteral("modules"), m, "[A-Za-z0-9_.+/-]+", tr("a module name"));
    for (const QString &e : job.environment) {
        c.oneLine(QStringLiteral("environment"), e);
        if (!matches(QString::fromLatin1(kVariable) + QStringLiteral("=.*"), e))
            c.problems << tr("environment: '%1' is not of the form NAME=value.").arg(e);
    }
    for (const QString &path : {r.output, r.error}) {
        if (path.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            c.problems << tr("output/error: '%1' leaves the task folder.").arg(path);
    }

    // Shell values: quoted in the script, but never allowed to span lines.
    c.field(QStringLiteral("entry point"), job.entryPoint, "[A-Za-z0-9_.+/-]+", tr("an entry point name"));
    for (auto it = job.params.cbegin(); it != job.params.cend(); ++it) {
        c.field(QStringLiteral("parameter name"), it.key(), "[A-Za-z0-9_.-]+", tr("a parameter name"));
        c.oneLine(QStringLiteral("parameter %1").arg(it.key()), it.value());
    }
    c.field(QStringLiteral("run id"), job.runId, "[A-Za-z0-9_-]+", tr("an MLflow run id"));
    c.field(QStringLiteral("experiment id"), job.experimentId, "[A-Za-z0-9_-]+", tr("an MLflow experiment id"));
    c.oneLine(QStringLiteral("tracking URI"), job.trackingUri);
    if (job.trackingUri.trimmed().isEmpty())
        c.problems << tr("tracking URI: the job needs the tracking server's address.");
    c.field(QStringLiteral("token file"), job.tokenFile, kPath, tr("a file path without spaces"));
    c.oneLine(QStringLiteral("work folder"), job.workDir);
    if (!job.workDir.startsWith(QLatin1Char('/')))
        c.problems << tr("work folder: '%1' is not an absolute path.").arg(job.workDir);
    c.oneLine(QStringLiteral("activation"), job.activation);
    c.field(QStringLiteral("env manager"), job.envManager, "local|virtualenv|conda|uv",
            tr("an MLflow environment manager"));
    if (job.launchMode == SlurmHost::LaunchMode::Direct && job.command.trimmed().isEmpty())
        c.problems << tr("The entry point has no command.");
    if (job.launcher == BatchJob::Launcher::Torchrun) {
        static const QRegularExpression python(QStringLiteral("^\\s*python3?\\s+\\S"));
        if (job.launchMode != SlurmHost::LaunchMode::Direct)
            c.problems << tr("torchrun needs the direct launch mode (the entry point command inside your "
                             "environment), not mlflow run.");
        else if (!python.match(job.command).hasMatch() || ShellQuote::hasControlCharacters(job.command))
            c.problems << tr("torchrun needs an entry point whose command runs a Python script "
                             "(python train.py ...).");
    }
    return c.problems;
}

Result<QString> BatchScriptWriter::write(const BatchJob &job)
{
    const QStringList problems = validate(job);
    if (!problems.isEmpty()) {
        return Error::make(Error::Kind::InvalidInput,
                           tr("The job cannot be submitted:\n%1").arg(problems.join(QLatin1Char('\n'))));
    }
    const project::SlurmConfig &r = job.resources;
    QStringList s;
    s << QStringLiteral("#!/bin/bash");
    auto directive = [&](const char *option, const QString &value) {
        if (!value.isEmpty())
            s << QStringLiteral("#SBATCH --%1=%2").arg(QLatin1String(option), value);
    };
    directive("job-name", r.jobName.isEmpty() ? QStringLiteral("mltf-") + job.runId.left(8) : r.jobName);
    directive("partition", r.partition);
    directive("account", r.account);
    directive("qos", r.qos);
    directive("nodes", r.nodes);
    directive("ntasks", r.ntasks);
    directive("ntasks-per-node", job.ntasksPerNode);
    directive("cpus-per-task", r.cpusPerTask);
    directive("gpus-per-node", r.gpusPerNode);
    directive("gres", r.gres);
    directive("mem", r.mem);
    directive("time", r.time);
    directive("constraint", r.constraint);
    if (r.exclusive.value_or(false))
        s << QStringLiteral("#SBATCH --exclusive");
    directive("mail-user", r.mailUser);
    directive("mail-type", r.mailType);
    directive("output", outputPattern(job));
    directive("error", r.error);
    if (!r.exports.isEmpty())
        directive("export", QStringLiteral("ALL,") + r.exports.join(QLatin1Char(',')));

    s << QString();
    s << QStringLiteral("# Written by MLTF Desktop for MLflow run %1.").arg(job.runId);
    s << QStringLiteral("cd %1 || exit 1").arg(ShellQuote::path(job.workDir));
    if (!job.modules.isEmpty()) {
        s << QStringLiteral("module reset");
        for (const QString &m : job.modules)
            s << QStringLiteral("module load %1").arg(quoted(m));
        s << QStringLiteral("module list");
    }
    s << QStringLiteral("export MLFLOW_TRACKING_URI=%1").arg(quoted(job.trackingUri));
    s << QStringLiteral("export MLFLOW_EXPERIMENT_ID=%1").arg(quoted(job.experimentId));
    s << QStringLiteral("export MLFLOW_RUN_ID=%1").arg(quoted(job.runId));
    if (!job.tokenFile.isEmpty()) {
        // The token never appears in this script or on a command line: only its file name does.
        s << QStringLiteral("if [ -r %1 ]; then").arg(quoted(job.tokenFile));
        s << QStringLiteral("  MLFLOW_TRACKING_TOKEN=\"$(cat %1)\"").arg(quoted(job.tokenFile));
        s << QStringLiteral("  export MLFLOW_TRACKING_TOKEN");
        s << QStringLiteral("fi");
    }
    for (const QString &e : job.environment) {
        const int eq = int(e.indexOf(QLatin1Char('=')));
        s << QStringLiteral("export %1=%2").arg(e.left(eq), quoted(e.mid(eq + 1)));
    }
    if (job.launchMode == SlurmHost::LaunchMode::Direct && !job.activation.trimmed().isEmpty()) {
        s << QStringLiteral("# shellcheck disable=SC1090,SC1091");
        s << job.activation.trimmed();
    }
    s << QStringLiteral("echo \"MLTF: job ${SLURM_JOB_ID:-} of run $MLFLOW_RUN_ID starting on $(hostname)\"");

    QString command;
    if (job.launchMode == SlurmHost::LaunchMode::MlflowRun) {
        QStringList words{QStringLiteral("mlflow"), QStringLiteral("run"), QStringLiteral("."),
                          QStringLiteral("-e"), job.entryPoint};
        for (auto it = job.params.cbegin(); it != job.params.cend(); ++it)
            words << QStringLiteral("-P") << it.key() + QLatin1Char('=') + it.value();
        if (!job.envManager.isEmpty())
            words << QStringLiteral("--env-manager") << job.envManager;
        command = ShellQuote::join(words) + QStringLiteral(" --run-id \"$MLFLOW_RUN_ID\"");
    } else {
        // As MLflow runs it: the command line through a shell, quoted here so that it stays one word.
        command = QStringLiteral("/bin/bash -c ") + quoted(job.command);
    }

    BatchJob::Launcher launcher = job.launcher;
    if (launcher == BatchJob::Launcher::Auto)
        launcher = nodeCount(job) > 1 ? BatchJob::Launcher::Srun : BatchJob::Launcher::Single;
    switch (launcher) {
    case BatchJob::Launcher::Auto:
    case BatchJob::Launcher::Single:
        s << command;
        break;
    case BatchJob::Launcher::Srun:
        s << QStringLiteral("srun --export=ALL ") + command;
        break;
    case BatchJob::Launcher::Torchrun: {
        static const QRegularExpression python(QStringLiteral("^\\s*python3?\\s+"));
        const QString script = QString(job.command).remove(python);
        const int procs = std::max(1, gpusPerNode(job));
        s << QStringLiteral("MASTER_ADDR=\"$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\"");
        s << QStringLiteral("MASTER_PORT=\"$(python3 -c 'import socket; s = socket.socket(); s.bind((\"\", 0)); "
                            "print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + SLURM_JOB_ID % 20000)))\"");
        s << QStringLiteral("export MASTER_ADDR MASTER_PORT");
        s << QStringLiteral("srun --ntasks-per-node=1 --export=ALL torchrun --nnodes=\"$SLURM_JOB_NUM_NODES\" "
                            "--nproc-per-node=%1 --rdzv-id=\"$SLURM_JOB_ID\" --rdzv-backend=c10d "
                            "--rdzv-endpoint=\"$MASTER_ADDR:$MASTER_PORT\" %2")
                 .arg(procs)
                 .arg(script);
        break;
    }
    }
    return s.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace mltf::submit
