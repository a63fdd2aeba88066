#include "submit/SlurmSubmitter.h"

#include "auth/TokenProvider.h"
#include "project/Project.h"
#include "submit/BatchScriptWriter.h"
#include "submit/EntryPointCommand.h"
#include "submit/RunRecorder.h"
#include "submit/RunTags.h"
#include "submit/ShellQuote.h"
#include "submit/SlurmStatusParser.h"
#include "submit/TaskStore.h"
#include "util/Logging.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QPromise>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <atomic>

namespace mltf::submit {

namespace {

constexpr int kProgressScale = 1000;

QJsonObject resourcesToJson(const project::SlurmConfig &r, const QString &ntasksPerNode)
{
    QJsonObject o;
    auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    auto putList = [&o](const char *key, const QStringList &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), QJsonArray::fromStringList(value));
    };
    put("partition", r.partition);
    put("account", r.account);
    put("gpus_per_node", r.gpusPerNode);
    put("gres", r.gres);
    put("mem", r.mem);
    put("time", r.time);
    put("nodes", r.nodes);
    put("ntasks", r.ntasks);
    put("ntasks-per-node", ntasksPerNode);
    put("cpus-per-task", r.cpusPerTask);
    put("qos", r.qos);
    put("constraint", r.constraint);
    put("mail-user", r.mailUser);
    put("mail-type", r.mailType);
    put("job-name", r.jobName);
    put("output", r.output);
    put("error", r.error);
    if (r.exclusive.value_or(false))
        o.insert(QStringLiteral("exclusive"), true);
    putList("modules", r.modules);
    putList("environment", r.environment);
    putList("exports", r.exports);
    return o;
}

QString folderOf(const SlurmHost &host, const QString &localId)
{
    QString base = host.remoteBaseDir.trimmed();
    while (base.size() > 1 && base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QLatin1Char('/') + localId;
}

} // namespace

struct SlurmSubmitter::Prepared
{
    BatchJob job; // everything but the run id, work folder and token file
    QMap<QString, QString> params;
    QString archivePath;
    int fileCount = 0;
    qint64 inputBytes = 0;
};

struct SlurmSubmitter::Submission
{
    quint64 generation = 0;
    SubmitRequest request;
    SlurmHost host;
    Task task;
    Prepared prepared;
    std::unique_ptr<QTemporaryDir> tempDir;
    std::shared_ptr<std::atomic_bool> cancelFlag = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Result<Prepared>> *watcher = nullptr;
    QByteArray token;
    quint64 call = 0;
    bool runCreated = false;
    bool folderCreated = false;
};

namespace {
std::atomic<quint64> g_generation{0};
} // namespace

SlurmSubmitter::SlurmSubmitter(QVector<SlurmHost> hosts, RunRecorder *recorder, TaskStore *store,
                               QObject *parent)
    : Submitter(parent)
    , m_hosts(std::move(hosts))
    , m_recorder(recorder)
    , m_store(store)
{}

SlurmSubmitter::~SlurmSubmitter()
{
    if (m_submission && m_submission->watcher) {
        m_submission->cancelFlag->store(true);
        m_submission->watcher->disconnect(this);
        m_submission->watcher->waitForFinished();
    }
    closeConnections();
}

void SlurmSubmitter::setHosts(const QVector<SlurmHost> &hosts)
{
    m_hosts = hosts;
    m_versions.clear(); // a profile may now name another machine
    // Shells keep the old settings; drop the idle ones so the next command uses the new profile.
    for (auto it = m_shells.begin(); it != m_shells.end();) {
        if (!it.value()->isBusy()) {
            it.value()->closeConnection();
            it.value()->deleteLater();
            it = m_shells.erase(it);
        } else {
            ++it;
        }
    }
}

const SlurmHost *SlurmSubmitter::findHost(const QString &name) const
{
    for (const SlurmHost &h : m_hosts) {
        if (h.name == name)
            return &h;
    }
    return nullptr;
}

RemoteShell *SlurmSubmitter::shellFor(const SlurmHost &host)
{
    RemoteShell *shell = m_shells.value(host.name);
    if (!shell) {
        shell = new RemoteShell(host, this);
        m_shells.insert(host.name, shell);
    }
    return shell;
}

void SlurmSubmitter::closeConnections()
{
    for (RemoteShell *shell : std::as_const(m_shells))
        shell->closeConnection();
}

// ---- submit ----------------------------------------------------------------------------------------------

void SlurmSubmitter::submit(const SubmitRequest &request)
{
    if (m_submission) {
        emit submitFailed(Error::make(Error::Kind::InvalidInput, tr("A submission is already under way.")));
        return;
    }
    const SlurmHost *host = findHost(request.slurmHost);
    if (!host) {
        emit submitFailed(Error::make(Error::Kind::InvalidInput,
                                      tr("No SLURM host named '%1' is configured.").arg(request.slurmHost)));
        return;
    }
    const QString hostProblem = host->validate();
    if (!hostProblem.isEmpty()) {
        emit submitFailed(
            Error::make(Error::Kind::InvalidInput,
                        tr("The SLURM host '%1' is not usable: %2").arg(host->name, hostProblem)));
        return;
    }
    if (!m_recorder) {
        emit submitFailed(Error::make(Error::Kind::Internal, tr("No tracking server is configured.")));
        return;
    }

    m_submission = std::make_unique<Submission>();
    Submission &s = *m_submission;
    s.generation = ++g_generation;
    s.request = request;
    s.host = *host;
    if (request.launchMode)
        s.host.launchMode = *request.launchMode;
    s.task.localId = Task::newLocalId();
    s.task.backend = Task::Backend::Slurm;
    s.task.slurmHost = host->name;
    s.task.trackingUri = m_recorder->trackingUri();
    s.task.experimentId = request.experimentId;
    s.task.projectPath = QFileInfo(request.projectPath).absoluteFilePath();
    s.task.entryPoint = request.entryPoint;
    s.task.resources = resourcesToJson(request.slurmResources, request.ntasksPerNode);
    startPreparing();
}

void SlurmSubmitter::startPreparing()
{
    Submission &s = *m_submission;
    emit submitProgress(Step::Checking, 0, 0);
    s.tempDir = std::make_unique<QTemporaryDir>();
    if (!s.tempDir->isValid()) {
        failSubmission(
            Error::make(Error::Kind::Io, tr("Cannot create a temporary folder for the packed project.")));
        return;
    }
    const QString archivePath = s.tempDir->filePath(QStringLiteral("project.tar.gz"));
    s.watcher = new QFutureWatcher<Result<Prepared>>(this);
    const quint64 generation = s.generation;
    connect(s.watcher, &QFutureWatcherBase::progressValueChanged, this, [this, generation](int value) {
        if (m_submission && m_submission->generation == generation)
            emit submitProgress(Step::Packing, value, kProgressScale);
    });
    connect(s.watcher, &QFutureWatcherBase::finished, this, [this, generation] {
        if (!m_submission || m_submission->generation != generation)
            return;
        auto *watcher = m_submission->watcher;
        m_submission->watcher = nullptr;
        watcher->deleteLater();
        const QList<Result<Prepared>> results = watcher->future().results();
        if (results.isEmpty())
            prepared(Error::make(Error::Kind::Cancelled, tr("The submission was cancelled.")));
        else
            prepared(results.first());
    });
    s.watcher->setFuture(QtConcurrent::run(&SlurmSubmitter::prepareOnWorker, s.request, s.host,
                                           m_packerOptions, archivePath, s.cancelFlag));
}

// Loads the project, resolves the entry point, checks every value, packs. Runs on a worker thread.
void SlurmSubmitter::prepareOnWorker(QPromise<Result<Prepared>> &promise, SubmitRequest request,
                                     SlurmHost host, project::Packer::Options packerOptions,
                                     QString archivePath, std::shared_ptr<std::atomic_bool> cancel)
{
    auto tr = [](const char *text) {
        return QCoreApplication::translate("mltf::submit::SlurmSubmitter", text);
    };
    promise.setProgressRange(0, kProgressScale);
    SlurmSubmitter::Prepared out;

    const project::Project project = project::Project::load(request.projectPath);
    if (!project.isFolderReadable()) {
        promise.addResult(
            Error::make(Error::Kind::Io, tr("Cannot read the project folder %1.").arg(request.projectPath)));
        return;
    }
    const project::MLProject mlproject = project.mlProject();
    const Result<QMap<QString, QString>> params =
        EntryPointCommand::resolveParameters(mlproject, request.entryPoint, request.params);
    if (!params.ok()) {
        promise.addResult(params.error());
        return;
    }
    out.params = params.value();

    BatchJob &job = out.job;
    job.resources = request.slurmResources;
    job.ntasksPerNode = request.ntasksPerNode;
    job.launchMode = host.launchMode;
    job.envManager = host.envManager;
    job.entryPoint = request.entryPoint;
    job.params = request.params;
    job.modules = host.modules + request.slurmResources.modules;
    job.activation = host.activation;
    job.environment = host.environment + request.slurmResources.environment;
    job.launcher = request.launcher;
    if (host.launchMode == SlurmHost::LaunchMode::Direct) {
        const Result<QString> command =
            EntryPointCommand::build(mlproject, request.entryPoint, request.params);
        if (!command.ok()) {
            promise.addResult(command.error());
            return;
        }
        job.command = command.value();
    }
    // Every value is checked here, before anything leaves this computer (placeholders for what the
    // submission learns later).
    BatchJob probe = job;
    probe.runId = QStringLiteral("0123456789abcdef0123456789abcdef");
    probe.experimentId = request.experimentId;
    probe.workDir = QStringLiteral("/probe");
    probe.trackingUri = QStringLiteral("http://probe");
    probe.tokenFile = QStringLiteral(".mltf/tracking-token");
    const QStringList problems = BatchScriptWriter::validate(probe);
    if (!problems.isEmpty()) {
        promise.addResult(
            Error::make(Error::Kind::InvalidInput,
                        tr("The job cannot be submitted:\n%1").arg(problems.join(QLatin1Char('\n')))));
        return;
    }
    if (ShellQuote::hasControlCharacters(request.runName)) {
        promise.addResult(Error::make(Error::Kind::InvalidInput, tr("The run name must be on one line.")));
        return;
    }

    const Result<project::PackPlan> plan =
        project::Packer::scan(request.projectPath, packerOptions, cancel.get());
    if (!plan.ok()) {
        promise.addResult(plan.error());
        return;
    }
    if (!plan.value().canPack()) {
        promise.addResult(plan.value().refusal());
        return;
    }
    for (const project::PackProblem &p : plan.value().problems)
        qCInfo(lcSubmit) << "packing:" << p.message;
    const Status written = project::Packer::write(
        plan.value(), archivePath,
        [&promise](qint64 done, qint64 total) {
            promise.setProgressValue(total > 0 ? int(done * kProgressScale / total) : kProgressScale);
        },
        cancel.get());
    if (!written.ok()) {
        promise.addResult(written.error());
        return;
    }
    out.archivePath = archivePath;
    out.fileCount = int(plan.value().files.size());
    out.inputBytes = plan.value().totalBytes;
    promise.addResult(out);
}

void SlurmSubmitter::prepared(const Result<Prepared> &result)
{
    if (!result.ok()) {
        failSubmission(result.error());
        return;
    }
    m_submission->prepared = result.value();
    m_submission->task.params = result.value().params;
    fetchToken();
}

void SlurmSubmitter::fetchToken()
{
    if (!m_tokenProvider) {
        m_submission->token = qgetenv("MLFLOW_TRACKING_TOKEN");
        makeTaskFolder();
        return;
    }
    const quint64 generation = m_submission->generation;
    m_tokenProvider->accessToken(this, [this, generation](const Result<QString> &token) {
        if (!m_submission || m_submission->generation != generation)
            return;
        if (!token.ok()) {
            failSubmission(token.error());
            return;
        }
        m_submission->token = token.value().toUtf8();
        makeTaskFolder();
    });
}

void SlurmSubmitter::makeTaskFolder()
{
    Submission &s = *m_submission;
    emit submitProgress(Step::Connecting, 0, 0);
    const QString folder = ShellQuote::path(folderOf(s.host, s.task.localId));
    const QString command =
        QStringLiteral("command -v sbatch >/dev/null 2>&1 || { echo 'sbatch was not found on this host "
                       "(is SLURM installed, and on the PATH of a non-interactive shell?)' >&2; exit 127; }; "
                       "umask 077 && mkdir -p %1/.mltf && cd %1 && pwd -P")
            .arg(folder);
    const quint64 generation = s.generation;
    s.call = shellFor(s.host)->run(command, [this, generation](const Result<RemoteShell::Output> &r) {
        if (!m_submission || m_submission->generation != generation)
            return;
        if (!r.ok()) {
            failSubmission(r.error());
            return;
        }
        if (r.value().exitCode != 0) {
            const QString said = r.value().errorText();
            failSubmission(
                Error::make(Error::Kind::InvalidInput,
                            tr("Cannot create the task folder on %1: %2")
                                .arg(m_submission->host.displayTarget(),
                                     said.isEmpty() ? tr("exit status %1").arg(r.value().exitCode) : said)));
            return;
        }
        const QString dir =
            QString::fromUtf8(r.value().standardOutput).trimmed().section(QLatin1Char('\n'), -1);
        if (!dir.startsWith(QLatin1Char('/'))) {
            failSubmission(Error::make(Error::Kind::Parse, tr("The host did not report the task folder."),
                                       QString::fromUtf8(r.value().standardOutput).left(300)));
            return;
        }
        m_submission->folderCreated = true;
        m_submission->task.remoteDir = dir;
        createRun();
    });
}

void SlurmSubmitter::createRun()
{
    Submission &s = *m_submission;
    emit submitProgress(Step::CreatingRun, 0, 0);
    RunRecorder::NewRun run;
    run.experimentId = s.request.experimentId;
    run.runName = s.request.runName;
    run.startTime = QDateTime::currentDateTimeUtc();
    run.tags = RunTags::forProject(s.request.projectPath, s.request.entryPoint, s.request.user,
                                   QStringLiteral("slurm"));
    run.tags.insert(QStringLiteral("mltf.task_id"), s.task.localId);
    run.tags.insert(QStringLiteral("mltf.slurm.host"), s.host.name);
    run.params = s.prepared.params;
    const quint64 generation = s.generation;
    m_recorder->createRun(run, this, [this, generation](const Result<QString> &runId) {
        const bool current = m_submission && m_submission->generation == generation;
        if (!current) {
            if (runId.ok()) // cancelled meanwhile: do not leave a RUNNING run behind
                m_recorder->endRun(runId.value(), RunStatus::Killed, QDateTime::currentDateTimeUtc(), this,
                                   [](const Status &) {});
            return;
        }
        if (!runId.ok()) {
            failSubmission(runId.error());
            return;
        }
        m_submission->runCreated = true;
        m_submission->task.runId = runId.value();
        upload();
    });
}

void SlurmSubmitter::upload()
{
    Submission &s = *m_submission;
    emit submitProgress(Step::Uploading, 0,
                        s.prepared.archivePath.isEmpty() ? 0 : QFileInfo(s.prepared.archivePath).size());
    RemoteShell::Input input;
    input.filePath = s.prepared.archivePath;
    const QString command =
        QStringLiteral("cd %1 && tar -xzf - --no-same-owner").arg(ShellQuote::quote(s.task.remoteDir));
    const quint64 generation = s.generation;
    s.call = shellFor(s.host)->run(
        command,
        [this, generation](const Result<RemoteShell::Output> &r) {
            if (!m_submission || m_submission->generation != generation)
                return;
            if (!r.ok()) {
                failSubmission(r.error());
                return;
            }
            if (r.value().exitCode != 0) {
                failSubmission(Error::make(
                    Error::Kind::Io, tr("Unpacking the project on %1 failed: %2")
                                         .arg(m_submission->host.displayTarget(), r.value().errorText())));
                return;
            }
            writeToken();
        },
        input,
        [this, generation](qint64 sent, qint64 total) {
            if (m_submission && m_submission->generation == generation)
                emit submitProgress(Step::Uploading, sent, total);
        },
        0);
}

void SlurmSubmitter::writeToken()
{
    Submission &s = *m_submission;
    if (s.token.isEmpty()) {
        writeScript();
        return;
    }
    // Over stdin into a file only the user can read: the token is never on a command line.
    RemoteShell::Input input;
    input.data = s.token;
    const QString command =
        QStringLiteral("umask 077 && cat > %1/.mltf/tracking-token && chmod 600 %1/.mltf/tracking-token")
            .arg(ShellQuote::quote(s.task.remoteDir));
    const quint64 generation = s.generation;
    s.call = shellFor(s.host)->run(
        command,
        [this, generation](const Result<RemoteShell::Output> &r) {
            if (!m_submission || m_submission->generation != generation)
                return;
            if (!r.ok()) {
                failSubmission(r.error());
                return;
            }
            if (r.value().exitCode != 0) {
                failSubmission(Error::make(
                    Error::Kind::Io, tr("Cannot write the token file on %1: %2")
                                         .arg(m_submission->host.displayTarget(), r.value().errorText())));
                return;
            }
            writeScript();
        },
        input);
}

void SlurmSubmitter::writeScript()
{
    Submission &s = *m_submission;
    BatchJob job = s.prepared.job;
    job.runId = s.task.runId;
    job.trackingUri = s.task.trackingUri;
    job.experimentId = s.request.experimentId;
    job.workDir = s.task.remoteDir;
    job.tokenFile = s.token.isEmpty() ? QString() : QStringLiteral(".mltf/tracking-token");
    const Result<QString> script = BatchScriptWriter::write(job);
    if (!script.ok()) {
        failSubmission(script.error());
        return;
    }
    RemoteShell::Input input;
    input.data = script.value().toUtf8();
    const QString scriptPath =
        s.task.remoteDir + QStringLiteral("/.mltf/") + BatchScriptWriter::scriptFileName(job);
    const QString command = QStringLiteral("cat > %1").arg(ShellQuote::quote(scriptPath));
    const quint64 generation = s.generation;
    s.call = shellFor(s.host)->run(
        command,
        [this, generation, job](const Result<RemoteShell::Output> &r) {
            if (!m_submission || m_submission->generation != generation)
                return;
            if (!r.ok()) {
                failSubmission(r.error());
                return;
            }
            if (r.value().exitCode != 0) {
                failSubmission(Error::make(
                    Error::Kind::Io, tr("Cannot write the batch script on %1: %2")
                                         .arg(m_submission->host.displayTarget(), r.value().errorText())));
                return;
            }
            m_submission->prepared.job = job;
            runSbatch();
        },
        input);
}

void SlurmSubmitter::runSbatch()
{
    Submission &s = *m_submission;
    emit submitProgress(Step::Submitting, 0, 0);
    const QString command = QStringLiteral("cd %1 && sbatch --parsable %2")
                                .arg(ShellQuote::quote(s.task.remoteDir),
                                     ShellQuote::quote(QStringLiteral(".mltf/") +
                                                       BatchScriptWriter::scriptFileName(s.prepared.job)));
    const quint64 generation = s.generation;
    s.call = shellFor(s.host)->run(command, [this, generation](const Result<RemoteShell::Output> &r) {
        if (!m_submission || m_submission->generation != generation)
            return;
        if (!r.ok()) {
            failSubmission(r.error());
            return;
        }
        if (r.value().exitCode != 0) {
            // SLURM's own words: "sbatch: error: invalid partition specified: nope ..."
            const QString said = r.value().errorText();
            Error e = Error::make(
                Error::Kind::InvalidInput,
                tr("SLURM refused the job: %1")
                    .arg(said.isEmpty() ? tr("sbatch exit status %1").arg(r.value().exitCode) : said));
            failSubmission(e);
            return;
        }
        // "123" or "123;cluster"
        const QString out = QString::fromUtf8(r.value().standardOutput).trimmed();
        const QString jobId = out.section(QLatin1Char('\n'), -1).section(QLatin1Char(';'), 0, 0).trimmed();
        static const QRegularExpression number(QStringLiteral("^[0-9]+(_[0-9]+)?$"));
        if (!number.match(jobId).hasMatch()) {
            failSubmission(
                Error::make(Error::Kind::Parse, tr("sbatch did not print a job id."), out.left(300)));
            return;
        }
        Task &task = m_submission->task;
        task.slurmJob.jobId = jobId;
        task.slurmJob.state = QStringLiteral("PENDING");
        task.slurmJob.partition = m_submission->prepared.job.resources.partition;
        task.submitTime = QDateTime::currentDateTimeUtc();
        const QString pattern = BatchScriptWriter::outputPattern(m_submission->prepared.job);
        QString log = pattern;
        log.replace(QLatin1String("%j"), jobId);
        if (!log.contains(QLatin1Char('%')))
            task.logPath = log.startsWith(QLatin1Char('/')) ? log : task.remoteDir + QLatin1Char('/') + log;
        task.recordStatus(QStringLiteral("PENDING"), RunStatus::Scheduled,
                          tr("Submitted as job %1").arg(jobId));
        // From here on the job exists: keep the task even if tagging fails.
        if (m_store) {
            const Status saved = m_store->upsert(task);
            if (!saved.ok())
                qCWarning(lcSubmit) << "could not save task" << task.localId << saved.error().message;
        }
        tagJob();
    });
}

void SlurmSubmitter::tagJob()
{
    Submission &s = *m_submission;
    const quint64 generation = s.generation;
    m_recorder->setTag(s.task.runId, QStringLiteral("slurm_job_id"), s.task.slurmJob.jobId, this,
                       [this, generation](const Status &status) {
                           if (!m_submission || m_submission->generation != generation)
                               return;
                           if (!status.ok()) {
                               qCWarning(lcSubmit)
                                   << "could not tag the run with its job id:" << status.error().message;
                               m_submission->task.lastMessage =
                                   tr("Submitted; the run could not be tagged with the job id: %1")
                                       .arg(status.error().message);
                           }
                           finishSubmission();
                       });
}

void SlurmSubmitter::finishSubmission()
{
    std::unique_ptr<Submission> s = std::move(m_submission);
    if (m_store)
        m_store->upsert(s->task);
    emit submitProgress(Step::Done, 1, 1);
    emit submitted(s->task);
}

void SlurmSubmitter::failSubmission(const Error &error)
{
    if (!m_submission)
        return;
    std::unique_ptr<Submission> s = std::move(m_submission);
    s->cancelFlag->store(true);
    if (s->watcher) {
        s->watcher->disconnect(this);
        s->watcher->waitForFinished();
        s->watcher->deleteLater();
    }
    RemoteShell *shell = m_shells.value(s->host.name);
    if (shell && s->call)
        shell->cancel(s->call);
    const bool cancelled = error.kind == Error::Kind::Cancelled;
    if (s->runCreated) {
        m_recorder->endRun(s->task.runId, cancelled ? RunStatus::Killed : RunStatus::Failed,
                           QDateTime::currentDateTimeUtc(), this, [](const Status &status) {
                               if (!status.ok())
                                   qCWarning(lcSubmit) << "could not end the run:" << status.error().message;
                           });
    }
    if (s->folderCreated && shell && !s->task.remoteDir.isEmpty()) {
        shell->run(QStringLiteral("rm -rf -- %1").arg(ShellQuote::quote(s->task.remoteDir)),
                   [](const Result<RemoteShell::Output> &) {});
    }
    qCInfo(lcSubmit) << "submission failed:" << error.message << error.detail;
    emit submitFailed(error);
}

void SlurmSubmitter::cancelSubmit()
{
    if (m_submission)
        failSubmission(Error::make(Error::Kind::Cancelled, tr("The submission was cancelled.")));
}

// ---- follow ----------------------------------------------------------------------------------------------

void SlurmSubmitter::taskFailed(const Task &task, const Error &error)
{
    emit taskError(task.localId, error);
}

void SlurmSubmitter::applyJobInfo(Task task, const SlurmJobInfo &info)
{
    task.slurmJob = info;
    if (!info.standardOutput.isEmpty() && !info.standardOutput.contains(QLatin1Char('%')))
        task.logPath = info.standardOutput;
    task.recordStatus(info.state.section(QLatin1Char(' '), 0, 0), info.runStatus(), info.describe());
    if (!info.isTerminal() || task.runClosed || task.runId.isEmpty() || !m_recorder) {
        saveAndEmit(m_store, task);
        return;
    }
    // The job is over: make the run say so (MLflow cannot, if SLURM killed it).
    const QDateTime end = info.endTime.isValid() ? info.endTime.toUTC() : QDateTime::currentDateTimeUtc();
    m_recorder->endRun(task.runId, info.runStatus(), end, this, [this, task](const Status &status) mutable {
        if (status.ok())
            task.runClosed = true;
        else
            qCWarning(lcSubmit) << "could not end run" << task.runId << status.error().message;
        saveAndEmit(m_store, task);
    });
}

void SlurmSubmitter::refresh(const Task &task)
{
    const SlurmHost *host = findHost(task.slurmHost);
    if (!host) {
        taskFailed(task, Error::make(Error::Kind::InvalidInput,
                                     tr("The SLURM host '%1' is no longer configured.").arg(task.slurmHost)));
        return;
    }
    if (task.slurmJob.jobId.isEmpty()) {
        taskFailed(task, Error::make(Error::Kind::InvalidInput, tr("The task has no SLURM job.")));
        return;
    }
    RemoteShell *shell = shellFor(*host);
    const auto known = m_versions.constFind(host->name);
    if (known == m_versions.cend()) {
        // Once per host: its release decides whether job states can be read as JSON.
        const QString hostName = host->name;
        shell->run(
            QStringLiteral("squeue --version"), [this, task, hostName](const Result<RemoteShell::Output> &r) {
                if (!r.ok()) {
                    taskFailed(task, r.error());
                    return;
                }
                const SlurmVersion version = SlurmVersion::parse(QString::fromUtf8(r.value().standardOutput));
                m_versions.insert(hostName, version);
                qCInfo(lcSubmit) << "SLURM on" << hostName << "is" << version.toString() << "; job states as"
                                 << (version.listsOneJobAsJson() ? "JSON" : "text");
                refresh(task);
            });
        return;
    }
    if (known->listsOneJobAsJson())
        readJobAsJson(task, shell);
    else
        readJobAsText(task, shell);
}

SlurmVersion SlurmSubmitter::slurmVersion(const QString &hostName) const
{
    return m_versions.value(hostName);
}

void SlurmSubmitter::readJobAsJson(const Task &task, RemoteShell *shell)
{
    const QString jobId = task.slurmJob.jobId;
    const QString command =
        QStringLiteral("squeue --json --states=all --jobs %1").arg(ShellQuote::quote(jobId));
    shell->run(command, [this, task, jobId, shell](const Result<RemoteShell::Output> &r) {
        if (!r.ok()) {
            taskFailed(task, r.error());
            return;
        }
        const Result<SlurmJobInfo> info = SlurmStatusParser::parseSqueueJson(r.value().standardOutput, jobId);
        if (info.ok()) {
            applyJobInfo(task, info.value());
            return;
        }
        if (info.error().kind == Error::Kind::NotFound ||
            SlurmStatusParser::saysUnknownJob(r.value().errorText())) {
            readJobFromAccounting(task, shell);
            return;
        }
        const QString said = r.value().errorText().isEmpty()
                                 ? QString::fromUtf8(r.value().standardOutput).trimmed().left(300)
                                 : r.value().errorText().left(300);
        taskFailed(task, Error::make(Error::Kind::Network,
                                     tr("Cannot read the state of job %1: %2").arg(jobId, said)));
    });
}

void SlurmSubmitter::readJobAsText(const Task &task, RemoteShell *shell)
{
    const QString jobId = task.slurmJob.jobId;
    const QString command = QStringLiteral("scontrol show job -o %1 2>&1").arg(ShellQuote::quote(jobId));
    shell->run(command, [this, task, jobId, shell](const Result<RemoteShell::Output> &r) {
        if (!r.ok()) {
            taskFailed(task, r.error());
            return;
        }
        const QString out = QString::fromUtf8(r.value().standardOutput);
        const Result<SlurmJobInfo> info = SlurmStatusParser::parseScontrol(out, jobId);
        if (info.ok()) {
            applyJobInfo(task, info.value());
            return;
        }
        if (info.error().kind != Error::Kind::NotFound) {
            taskFailed(
                task,
                Error::make(Error::Kind::Network,
                            tr("Cannot read the state of job %1: %2").arg(jobId, out.trimmed().left(300))));
            return;
        }
        readJobFromAccounting(task, shell);
    });
}

// Older than MinJobAge: only accounting still knows the job.
void SlurmSubmitter::readJobFromAccounting(const Task &task, RemoteShell *shell)
{
    const QString jobId = task.slurmJob.jobId;
    const QString sacct = QStringLiteral("sacct -X -n -P -j %1 -o %2 2>&1")
                              .arg(ShellQuote::quote(jobId), SlurmStatusParser::sacctFormat());
    shell->run(sacct, [this, task, jobId](const Result<RemoteShell::Output> &r) {
        if (!r.ok()) {
            taskFailed(task, r.error());
            return;
        }
        const Result<SlurmJobInfo> fromSacct =
            SlurmStatusParser::parseSacct(QString::fromUtf8(r.value().standardOutput), jobId);
        if (fromSacct.ok()) {
            applyJobInfo(task, fromSacct.value());
            return;
        }
        Task lost = task;
        if (!lost.isFinished()) {
            lost.recordStatus(QStringLiteral("UNKNOWN"), RunStatus::Unknown,
                              tr("SLURM no longer knows job %1 and has no accounting to ask; its end state "
                                 "is unknown. Check the run on the tracking server.")
                                  .arg(jobId));
        }
        saveAndEmit(m_store, lost);
    });
}

void SlurmSubmitter::cancel(const Task &task)
{
    const SlurmHost *host = findHost(task.slurmHost);
    if (!host) {
        taskFailed(task, Error::make(Error::Kind::InvalidInput,
                                     tr("The SLURM host '%1' is no longer configured.").arg(task.slurmHost)));
        return;
    }
    if (task.slurmJob.jobId.isEmpty()) {
        taskFailed(task, Error::make(Error::Kind::InvalidInput, tr("The task has no SLURM job.")));
        return;
    }
    const QString command = QStringLiteral("scancel %1").arg(ShellQuote::quote(task.slurmJob.jobId));
    shellFor(*host)->run(command, [this, task](const Result<RemoteShell::Output> &r) {
        if (!r.ok()) {
            taskFailed(task, r.error());
            return;
        }
        const QString said = r.value().errorText();
        if (r.value().exitCode != 0 && !said.contains(QLatin1String("already completing or completed"))) {
            taskFailed(task,
                       Error::make(Error::Kind::InvalidInput,
                                   tr("SLURM did not cancel job %1: %2").arg(task.slurmJob.jobId, said)));
            return;
        }
        Task updated = task;
        updated.lastMessage = tr("Cancel requested");
        if (updated.runId.isEmpty() || updated.runClosed || updated.isFinished() || !m_recorder) {
            refresh(updated);
            return;
        }
        m_recorder->endRun(updated.runId, RunStatus::Killed, QDateTime::currentDateTimeUtc(), this,
                           [this, updated](const Status &status) mutable {
                               if (status.ok())
                                   updated.runClosed = true;
                               else
                                   emit taskError(updated.localId, status.error());
                               if (m_store)
                                   m_store->upsert(updated);
                               refresh(updated);
                           });
    });
}

void SlurmSubmitter::fetchLogs(const Task &task, qint64 offset)
{
    const SlurmHost *host = findHost(task.slurmHost);
    if (!host) {
        taskFailed(task, Error::make(Error::Kind::InvalidInput,
                                     tr("The SLURM host '%1' is no longer configured.").arg(task.slurmHost)));
        return;
    }
    if (task.logPath.isEmpty()) {
        emit logsReceived(task.localId, QByteArray(), offset); // not known until SLURM says (refresh)
        return;
    }
    offset = std::max<qint64>(0, offset);
    // First line: file size and the offset actually used (0 again if the file was truncated); then the bytes.
    const QString command =
        QStringLiteral("f=%1; off=%2; if [ -r \"$f\" ]; then size=$(wc -c < \"$f\"); "
                       "if [ \"$size\" -lt \"$off\" ]; then off=0; fi; echo \"$size $off\"; "
                       "tail -c +$((off + 1)) \"$f\" | head -c %3; else echo missing; fi")
            .arg(ShellQuote::quote(task.logPath))
            .arg(offset)
            .arg(kMaxLogChunk);
    shellFor(*host)->run(command, [this, task, offset](const Result<RemoteShell::Output> &r) {
        if (!r.ok()) {
            taskFailed(task, r.error());
            return;
        }
        const QByteArray &out = r.value().standardOutput;
        const int newline = int(out.indexOf('\n'));
        const QByteArray header = newline < 0 ? out.trimmed() : out.left(newline).trimmed();
        if (header == "missing") {
            emit logsReceived(task.localId, QByteArray(), offset);
            return;
        }
        const QList<QByteArray> parts = header.split(' ');
        bool ok = parts.size() == 2;
        const qint64 used = ok ? parts.at(1).toLongLong(&ok) : 0;
        if (!ok || newline < 0) {
            taskFailed(task, Error::make(Error::Kind::Parse, tr("Could not read the job's output file."),
                                         QString::fromUtf8(out.left(200))));
            return;
        }
        const QByteArray chunk = out.mid(newline + 1);
        emit logsReceived(task.localId, chunk, used + chunk.size());
    });
}

} // namespace mltf::submit
