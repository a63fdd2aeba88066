#include "submit/GatewaySubmitter.h"
#include "util/AsyncResult.h"

#include "auth/AuthSession.h"
#include "auth/JwtClaims.h"
#include "net/HttpClient.h"
#include "project/Project.h"
#include "project/SlurmValueValidator.h"
#include "submit/EntryPointCommand.h"
#include "submit/GatewayClient.h"
#include "submit/RunRecorder.h"
#include "submit/RunTags.h"
#include "submit/TaskStore.h"
#include "tracking/Store.h"
#include "util/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPromise>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent>

namespace mltf::submit {

namespace {

constexpr int kProgressScale = 1000;
std::atomic<quint64> g_generation{0};

// The wall time asked for in gateway_config.json words: a number (minutes, as sbatch reads it) or a SLURM
// time string. -1 when absent or unreadable, 0 for unlimited.
qint64 wallTimeSeconds(const QJsonObject &config)
{
    const QJsonValue time = config.value(QLatin1String("time"));
    if (time.isDouble())
        return qint64(time.toDouble()) * 60;
    if (time.isString())
        return project::SlurmValueValidator::timeToSeconds(time.toString());
    return -1;
}

QString durationText(qint64 seconds)
{
    if (seconds >= 86400)
        return GatewaySubmitter::tr("%1 days").arg(seconds / 86400.0, 0, 'f', 1);
    if (seconds >= 3600)
        return GatewaySubmitter::tr("%1 hours").arg(seconds / 3600.0, 0, 'f', 1);
    return GatewaySubmitter::tr("%1 minutes").arg((seconds + 59) / 60);
}

} // namespace

struct GatewaySubmitter::Prepared
{
    QMap<QString, QString> params;
    QStringList warnings; // about the entry point and parameters
    QString archivePath;
    project::MLProject project;
};

struct GatewaySubmitter::Submission
{
    quint64 generation = 0;
    SubmitRequest request;
    Task task;
    Prepared prepared;
    std::unique_ptr<QTemporaryDir> tempDir;
    std::shared_ptr<std::atomic_bool> cancelFlag = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Result<Prepared>> *watcher = nullptr;
    QString token;
    QString user;
    QPointer<QNetworkReply> upload;
    bool runCreated = false;
};

GatewaySubmitter::GatewaySubmitter(GatewayClient *client, tracking::Store *tracking, RunRecorder *recorder,
                                   TaskStore *store, QObject *parent)
    : Submitter(parent)
    , m_client(client)
    , m_tracking(tracking)
    , m_recorder(recorder)
    , m_store(store)
    , m_logFolder(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                  QStringLiteral("/gateway-logs"))
{}

QString GatewaySubmitter::logFile(const QString &gatewayId) const
{
    // Gateway ids are uuids; anything else must not leave the folder.
    QString name = gatewayId;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    return m_logFolder + QLatin1Char('/') + name + QStringLiteral(".log");
}

GatewaySubmitter::~GatewaySubmitter()
{
    if (m_submission && m_submission->watcher) {
        m_submission->cancelFlag->store(true);
        m_submission->watcher->disconnect(this);
        m_submission->watcher->waitForFinished();
    }
    if (m_submission && m_submission->upload)
        m_submission->upload->abort();
}

void GatewaySubmitter::setAuthSession(auth::AuthSession *session)
{
    m_session = session;
}

QString GatewaySubmitter::defaultExperimentName(const QString &preferredUsername)
{
    const QString user = preferredUsername.section(QLatin1Char('@'), 0, 0);
    return user.isEmpty() ? QStringLiteral("default_unknown_user") : QStringLiteral("default_") + user;
}

QStringList GatewaySubmitter::warningsFor(const project::MLProject &project, const SubmitRequest &request,
                                          const QDateTime &tokenExpiresAt, const QDateTime &now)
{
    QStringList out;
    if (request.entryPoint != QLatin1String("main")) {
        out << tr("The gateway always runs the entry point 'main', not '%1' (the run records '%1').")
                   .arg(request.entryPoint);
    }
    const Result<QMap<QString, QString>> defaults =
        EntryPointCommand::resolveParameters(project, QStringLiteral("main"), {});
    if (!defaults.ok()) {
        out << tr("The gateway runs 'main' with its default parameters, and 'main' cannot run that way: %1")
                   .arg(defaults.error().message);
    } else {
        QStringList changed;
        for (auto it = request.params.cbegin(); it != request.params.cend(); ++it)
            if (defaults.value().value(it.key()) != it.value())
                changed << it.key();
        if (!changed.isEmpty())
            out << tr("The gateway runs with default parameters only: %1 will not reach the job (the run "
                      "still "
                      "records the values given).")
                       .arg(changed.join(QStringLiteral(", ")));
    }
    const qint64 wall = wallTimeSeconds(request.gatewayConfig);
    if (tokenExpiresAt.isValid()) {
        const qint64 left = now.secsTo(tokenExpiresAt);
        if (wall == 0 || wall > left)
            out << tr("The job inherits your access token, which expires in %1; the requested wall time is "
                      "%2. "
                      "Metrics logged after the token expires will be refused.")
                       .arg(durationText(std::max<qint64>(0, left)),
                            wall == 0 ? tr("unlimited") : durationText(wall));
    }
    return out;
}

StatusChange GatewaySubmitter::mergeStatus(const QString &gatewayStatus, const QString &failureReason,
                                           RunStatus runStatus)
{
    StatusChange change;
    change.state = gatewayStatus;
    if (isTerminal(runStatus)) {
        // MLflow's word is final: the gateway may not know how the run ended, or may lag behind it.
        change.state = runStatusName(runStatus);
        change.runStatus = runStatus;
        change.message = tr("Run %1").arg(runStatusName(runStatus).toLower());
        if (!failureReason.isEmpty())
            change.message += QStringLiteral(": ") + failureReason;
        return change;
    }
    if (gatewayStatus == QLatin1String("SCHEDULED")) {
        change.runStatus = RunStatus::Scheduled;
        change.message = tr("Queued");
    } else if (gatewayStatus == QLatin1String("RUNNING")) {
        change.runStatus = RunStatus::Running;
        change.message = tr("Running");
    } else if (gatewayStatus == QLatin1String("FINISHED")) {
        change.runStatus = RunStatus::Finished;
        change.message = tr("Finished");
    } else if (gatewayStatus == QLatin1String("FAILED")) {
        change.runStatus = RunStatus::Failed;
        change.message = failureReason.isEmpty() ? tr("Failed") : tr("Failed: %1").arg(failureReason);
    } else {
        change.state = QStringLiteral("LOST");
        change.runStatus = RunStatus::Unknown;
        change.message =
            tr("Lost: the gateway cannot tell the task's state%1. Check the run on the tracking server.")
                .arg(failureReason.isEmpty() ? QString()
                                             : QStringLiteral(" (") + failureReason + QLatin1Char(')'));
    }
    return change;
}

bool GatewaySubmitter::isCurrent(quint64 generation) const
{
    return m_submission && m_submission->generation == generation;
}

// ---- submit ----------------------------------------------------------------------------------------------

void GatewaySubmitter::submit(const SubmitRequest &request)
{
    if (m_submission) {
        emit submitFailed(Error::make(Error::Kind::InvalidInput, tr("A submission is already under way.")));
        return;
    }
    if (!m_client || !m_recorder || !m_tracking) {
        emit submitFailed(
            Error::make(Error::Kind::Internal, tr("No gateway or tracking server is configured.")));
        return;
    }
    if (!m_session || !m_session->isSignedIn()) {
        emit submitFailed(
            Error::make(Error::Kind::Unauthorized, tr("Sign in before submitting to the gateway.")));
        return;
    }
    m_submission = std::make_unique<Submission>();
    Submission &s = *m_submission;
    s.generation = ++g_generation;
    s.request = request;
    // Never forward these two to the cluster (the gateway strips them too).
    s.request.gatewayConfig.remove(QStringLiteral("url"));
    s.request.gatewayConfig.remove(QStringLiteral("auth_token"));
    s.task.localId = Task::newLocalId();
    s.task.backend = Task::Backend::Gateway;
    s.task.gatewayUri = m_client->http()->baseUrl().toString();
    s.task.trackingUri = m_recorder->trackingUri();
    s.task.projectPath = QFileInfo(request.projectPath).absoluteFilePath();
    s.task.entryPoint = request.entryPoint;
    s.task.resources = s.request.gatewayConfig;
    s.user = !request.user.isEmpty() ? request.user : m_session->identity().username;
    if (s.user.isEmpty())
        s.user = RunTags::localUser();

    emit submitProgress(Step::Checking, 0, 0);
    s.tempDir = std::make_unique<QTemporaryDir>();
    if (!s.tempDir->isValid()) {
        failSubmission(
            Error::make(Error::Kind::Io, tr("Cannot create a temporary folder for the packed project.")));
        return;
    }
    s.watcher = new QFutureWatcher<Result<Prepared>>(this);
    const quint64 generation = s.generation;
    connect(s.watcher, &QFutureWatcherBase::progressValueChanged, this, [this, generation](int value) {
        if (isCurrent(generation))
            emit submitProgress(Step::Packing, value, kProgressScale);
    });
    connect(s.watcher, &QFutureWatcherBase::finished, this, [this, generation] {
        if (!isCurrent(generation))
            return;
        auto *watcher = m_submission->watcher;
        m_submission->watcher = nullptr;
        watcher->deleteLater();
        const QList<Result<Prepared>> results = watcher->future().results();
        prepared(results.isEmpty() ? Result<Prepared>(Error::make(Error::Kind::Cancelled,
                                                                  tr("The submission was cancelled.")))
                                   : results.first());
    });
    s.watcher->setFuture(QtConcurrent::run(&GatewaySubmitter::prepareOnWorker, s.request, m_packerOptions,
                                           s.tempDir->filePath(QStringLiteral("project.tar.gz")),
                                           s.cancelFlag));
}

// Loads the project, resolves the parameters, packs. Runs on a worker thread.
void GatewaySubmitter::prepareOnWorker(QPromise<Result<Prepared>> &promise, SubmitRequest request,
                                       project::Packer::Options packerOptions, QString archivePath,
                                       std::shared_ptr<std::atomic_bool> cancel)
{
    promise.setProgressRange(0, kProgressScale);
    const project::Project project = project::Project::load(request.projectPath);
    if (!project.isFolderReadable()) {
        promise.addResult(
            Error::make(Error::Kind::Io, tr("Cannot read the project folder %1.").arg(request.projectPath)));
        return;
    }
    Prepared out;
    out.project = project.mlProject();
    const Result<QMap<QString, QString>> params =
        EntryPointCommand::resolveParameters(out.project, request.entryPoint, request.params);
    if (!params.ok()) {
        promise.addResult(params.error());
        return;
    }
    out.params = params.value();
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
        out.warnings << p.message;
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
    promise.addResult(out);
}

void GatewaySubmitter::prepared(const Result<Prepared> &result)
{
    if (!result.ok()) {
        failSubmission(result.error());
        return;
    }
    m_submission->prepared = result.value();
    m_submission->task.params = result.value().params;
    refreshToken();
}

// The job inherits the token it is submitted with, and nothing renews it: start with a fresh one.
void GatewaySubmitter::refreshToken()
{
    emit submitProgress(Step::Connecting, 0, 0);
    if (!m_session) {
        failSubmission(
            Error::make(Error::Kind::Unauthorized, tr("Sign in before submitting to the gateway.")));
        return;
    }
    const quint64 generation = m_submission->generation;
    m_session->refresh(this, [this, generation](const Result<QString> &token) {
        if (!isCurrent(generation))
            return;
        if (!token.ok()) {
            failSubmission(token.error());
            return;
        }
        Submission &s = *m_submission;
        s.token = token.value();
        const qint64 exp =
            qint64(auth::JwtClaims::decodeUnverified(s.token).value(QLatin1String("exp")).toDouble());
        const QDateTime expiresAt =
            exp > 0 ? QDateTime::fromSecsSinceEpoch(exp, Qt::UTC) : m_session->accessTokenExpiresAt();
        const QStringList all = s.prepared.warnings + warningsFor(s.prepared.project, s.request, expiresAt);
        if (!all.isEmpty())
            emit warnings(all);
        ensureExperiment();
    });
}

void GatewaySubmitter::ensureExperiment()
{
    Submission &s = *m_submission;
    emit submitProgress(Step::CreatingRun, 0, 0);
    const QString chosen = s.request.experimentId.trimmed();
    if (!chosen.isEmpty() && chosen != QLatin1String("0")) {
        s.task.experimentId = chosen;
        createRun();
        return;
    }
    const QString name = defaultExperimentName(m_session ? m_session->identity().username : QString());
    const quint64 generation = s.generation;
    AsyncResult::watch(m_tracking->getExperimentByName(name), this,
                       [this, generation, name](const Result<tracking::Experiment> &found) {
                           if (!isCurrent(generation))
                               return;
                           if (found.ok()) {
                               m_submission->task.experimentId = found.value().experimentId;
                               createRun();
                               return;
                           }
                           if (found.error().kind != Error::Kind::NotFound || !m_tracking) {
                               failSubmission(found.error());
                               return;
                           }
                           AsyncResult::watch(m_tracking->createExperiment(name, {}), this,
                                              [this, generation](const Result<QString> &created) {
                                                  if (!isCurrent(generation))
                                                      return;
                                                  if (!created.ok()) {
                                                      failSubmission(created.error());
                                                      return;
                                                  }
                                                  m_submission->task.experimentId = created.value();
                                                  createRun();
                                              });
                       });
}

void GatewaySubmitter::createRun()
{
    Submission &s = *m_submission;
    RunRecorder::NewRun run;
    run.experimentId = s.task.experimentId;
    run.runName = s.request.runName;
    run.startTime = QDateTime::currentDateTimeUtc();
    run.tags =
        RunTags::forProject(s.request.projectPath, s.request.entryPoint, s.user, QStringLiteral("gateway"));
    run.tags.insert(QStringLiteral("mltf.task_id"), s.task.localId);
    run.params = s.prepared.params;
    const quint64 generation = s.generation;
    m_recorder->createRun(run, this, [this, generation](const Result<QString> &runId) {
        if (!isCurrent(generation)) {
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

void GatewaySubmitter::upload()
{
    Submission &s = *m_submission;
    emit submitProgress(Step::Uploading, 0, QFileInfo(s.prepared.archivePath).size());
    GatewayClient::JobForm form;
    form.archivePath = s.prepared.archivePath;
    form.runId = s.task.runId;
    form.entryPoint = s.request.entryPoint;
    for (auto it = s.prepared.params.cbegin(); it != s.prepared.params.cend(); ++it)
        form.params.insert(it.key(), it.value());
    form.backendConfig = s.request.gatewayConfig;
    form.trackingUri = s.task.trackingUri;
    form.experimentId = s.task.experimentId;
    const quint64 generation = s.generation;
    s.upload = m_client->submitJob(
        form, s.token, this,
        [this, generation](qint64 sent, qint64 total) {
            if (isCurrent(generation))
                emit submitProgress(Step::Uploading, sent, total);
        },
        [this, generation](const Result<QString> &gatewayId) {
            if (!isCurrent(generation))
                return;
            m_submission->upload = nullptr;
            if (!gatewayId.ok())
                failSubmission(gatewayId.error());
            else
                finishSubmission(gatewayId.value());
        });
}

void GatewaySubmitter::finishSubmission(const QString &gatewayId)
{
    std::unique_ptr<Submission> s = std::move(m_submission);
    s->task.gatewayId = gatewayId;
    s->task.submitTime = QDateTime::currentDateTimeUtc();
    s->task.recordStatus(QStringLiteral("SCHEDULED"), RunStatus::Scheduled, tr("Submitted"),
                         s->task.submitTime);
    if (m_store) {
        const Status saved = m_store->upsert(s->task);
        if (!saved.ok())
            qCWarning(lcSubmit) << "could not save task" << s->task.localId << saved.error().message;
    }
    emit submitProgress(Step::Done, 1, 1);
    emit submitted(s->task);
}

void GatewaySubmitter::failSubmission(const Error &error)
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
    if (s->upload)
        s->upload->abort();
    if (s->runCreated) {
        const bool cancelled = error.kind == Error::Kind::Cancelled;
        m_recorder->endRun(s->task.runId, cancelled ? RunStatus::Killed : RunStatus::Failed,
                           QDateTime::currentDateTimeUtc(), this, [](const Status &status) {
                               if (!status.ok())
                                   qCWarning(lcSubmit) << "could not end the run:" << status.error().message;
                           });
    }
    qCInfo(lcSubmit) << "gateway submission failed:" << error.message << error.detail;
    emit submitFailed(error);
}

void GatewaySubmitter::cancelSubmit()
{
    if (m_submission)
        failSubmission(Error::make(Error::Kind::Cancelled, tr("The submission was cancelled.")));
}

// ---- follow ----------------------------------------------------------------------------------------------

// Reads the run's status, merges, and closes a run the job could not close (the gateway says FAILED).
void GatewaySubmitter::applyStatus(Task task, const QString &gatewayStatus, const QString &failureReason)
{
    if (task.runId.isEmpty() || !m_tracking) {
        const StatusChange c = mergeStatus(gatewayStatus, failureReason, RunStatus::Unknown);
        task.recordStatus(c.state, c.runStatus, c.message);
        saveAndEmit(m_store, task);
        return;
    }
    AsyncResult::watch(m_tracking->getRun(task.runId), this,
                       [this, task, gatewayStatus, failureReason](const Result<tracking::Run> &run) mutable {
                           const RunStatus runStatus =
                               run.ok() ? run.value().info.status : RunStatus::Unknown;
                           const StatusChange c = mergeStatus(gatewayStatus, failureReason, runStatus);
                           task.recordStatus(c.state, c.runStatus, c.message);
                           if (isTerminal(runStatus))
                               task.runClosed = true;
                           if (!isTerminal(c.runStatus) || task.runClosed || !m_recorder) {
                               saveAndEmit(m_store, task);
                               return;
                           }
                           m_recorder->endRun(task.runId, c.runStatus, QDateTime::currentDateTimeUtc(), this,
                                              [this, task](const Status &status) mutable {
                                                  task.runClosed = status.ok();
                                                  saveAndEmit(m_store, task);
                                              });
                       });
}

void GatewaySubmitter::refresh(const Task &task)
{
    if (!m_client || task.gatewayId.isEmpty()) {
        emit taskError(task.localId,
                       Error::make(Error::Kind::InvalidInput, tr("The task has no gateway id.")));
        return;
    }
    m_client->showJob(
        task.gatewayId, false, kStatusTimeoutMs, this,
        [this, task](const Result<GatewayClient::TaskDetails> &details) {
            if (details.ok()) {
                applyStatus(task, details.value().status, details.value().failureReason);
                return;
            }
            // Forgotten by the gateway (deleted, or it restarted): only MLflow can still tell.
            if (details.error().kind == Error::Kind::NotFound && details.error().httpStatus == 404) {
                applyStatus(task, QStringLiteral("UNKNOWN"), tr("the gateway no longer knows this task"));
                return;
            }
            emit taskError(task.localId, details.error());
        });
}

void GatewaySubmitter::cancel(const Task &task)
{
    if (!m_client || task.gatewayId.isEmpty()) {
        emit taskError(task.localId,
                       Error::make(Error::Kind::InvalidInput, tr("The task has no gateway id.")));
        return;
    }
    m_client->deleteJob(task.gatewayId, this, [this, task](const Result<Done> &deleted) {
        if (!deleted.ok() && deleted.error().httpStatus != 404) {
            emit taskError(task.localId, deleted.error());
            return;
        }
        Task updated = task;
        // The gateway leaves the run RUNNING: close it, unless it already ended.
        auto finish = [this](Task t, bool closed) {
            t.runClosed = t.runClosed || closed;
            if (!t.isFinished())
                t.recordStatus(QStringLiteral("KILLED"), RunStatus::Killed, tr("Cancelled"));
            saveAndEmit(m_store, t);
        };
        if (updated.runId.isEmpty() || updated.runClosed || updated.isFinished() || !m_recorder) {
            finish(updated, false);
            return;
        }
        m_recorder->endRun(updated.runId, RunStatus::Killed, QDateTime::currentDateTimeUtc(), this,
                           [this, updated, finish](const Status &status) {
                               if (!status.ok())
                                   emit taskError(updated.localId, status.error());
                               finish(updated, status.ok());
                           });
    });
}

void GatewaySubmitter::fetchLogs(const Task &task, qint64 offset)
{
    offset = std::max<qint64>(0, offset);
    auto emitFrom = [this, task, offset](const QByteArray &all) {
        const qint64 from = offset > all.size() ? 0 : offset;
        emit logsReceived(task.localId, all.mid(from), all.size());
    };
    QFile kept(logFile(task.gatewayId));
    if (kept.open(QIODevice::ReadOnly)) {
        emitFrom(kept.readAll());
        return;
    }
    // Asking earlier would use up the one logs answer the gateway gives, and wait for the job's end.
    if (!task.isFinished() || !m_client) {
        emit logsReceived(task.localId, QByteArray(), offset);
        return;
    }
    m_client->showJob(
        task.gatewayId, true, kLogsTimeoutMs, this,
        [this, task, emitFrom](const Result<GatewayClient::TaskDetails> &details) {
            if (!details.ok()) {
                Error e = details.error();
                if (e.httpStatus == 500 || e.httpStatus == 404)
                    e.message = tr("The gateway has no logs for this task (it hands them out once, "
                                   "and forgets cancelled tasks).");
                emit taskError(task.localId, e);
                return;
            }
            const QByteArray all = details.value().logs.value_or(QString()).toUtf8();
            // The gateway will not give them again: keep them.
            QDir().mkpath(m_logFolder);
            QSaveFile file(logFile(task.gatewayId));
            if (!file.open(QIODevice::WriteOnly) || file.write(all) != all.size() || !file.commit())
                qCWarning(lcSubmit) << "could not keep the logs of" << task.localId << file.errorString();
            emitFrom(all);
        });
}

} // namespace mltf::submit
