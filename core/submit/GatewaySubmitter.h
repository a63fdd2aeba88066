#pragma once

#include "project/Packer.h"
#include "submit/Submitter.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <memory>

template <typename T> class QPromise;

namespace mltf::auth {
class AuthSession;
}
namespace mltf::project {
class MLProject;
}
namespace mltf::tracking {
class Store;
}

namespace mltf::submit {

class GatewayClient;
class RunRecorder;
class TaskStore;

// Submits MLflow project tasks to the MLTF gateway the way its CLI does (mltf-gateway.md §3):
//  1. resolves the entry point's parameters and packs the project (off the UI thread);
//  2. refreshes the access token (the job inherits exactly this token, never refreshed);
//  3. ensures the experiment (default `default_<username>`), creates the MLflow run with the CLI's tags and
//     logs the parameters (RunRecorder);
//  4. POST /api/job with upload progress; cancel aborts the upload and ends the run KILLED;
//  5. saves the task (TaskStore): the gateway returns nothing but its id.
// Following a task merges the gateway's status with the MLflow run's (a terminal run status wins; the
// gateway's UNKNOWN, or a task it forgot, shows as LOST). Cancel is DELETE plus the run marked KILLED.
// Logs: the gateway's local executor answers a logs request only once the job has ended and only once
// (later requests get a 500), so logs are asked for when the task has ended and kept in a file of the task.
class GatewaySubmitter : public Submitter
{
    Q_OBJECT

public:
    GatewaySubmitter(GatewayClient *client, tracking::Store *tracking, RunRecorder *recorder,
                     TaskStore *store, QObject *parent = nullptr);
    ~GatewaySubmitter() override;

    // The signed-in session: the submit token, its refresh, the user name for the default experiment.
    void setAuthSession(auth::AuthSession *session);
    void setPackerOptions(const project::Packer::Options &options) { m_packerOptions = options; }
    // Where the logs of ended tasks are kept (<gateway id>.log); default <AppDataLocation>/gateway-logs.
    void setLogFolder(const QString &folder) { m_logFolder = folder; }
    QString logFolder() const { return m_logFolder; }

    Task::Backend backend() const override { return Task::Backend::Gateway; }
    void submit(const SubmitRequest &request) override;
    void cancelSubmit() override;
    bool isSubmitting() const override { return m_submission != nullptr; }
    void refresh(const Task &task) override;
    void cancel(const Task &task) override;
    void fetchLogs(const Task &task, qint64 offset) override;

    // What the user should know before submitting (also emitted as `warnings` during submit): the gateway
    // runs the `main` entry point with default parameters only; the requested wall time (backend config
    // `time`) outlasts the access token the job inherits (`tokenExpiresAt`; invalid: not checked).
    static QStringList warningsFor(const project::MLProject &project, const SubmitRequest &request,
                                   const QDateTime &tokenExpiresAt,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc());
    // The experiment the CLI uses when none is chosen: default_<user part of the preferred username>.
    static QString defaultExperimentName(const QString &preferredUsername);
    // The task's state from the gateway's status word and the MLflow run's status.
    static StatusChange mergeStatus(const QString &gatewayStatus, const QString &failureReason,
                                    RunStatus runStatus);

    static constexpr int kStatusTimeoutMs = 30000;
    static constexpr int kLogsTimeoutMs = 60000;

signals:
    void warnings(const QStringList &warnings);

private:
    struct Submission;
    struct Prepared;

    static void prepareOnWorker(QPromise<Result<Prepared>> &promise, SubmitRequest request,
                                project::Packer::Options packerOptions, QString archivePath,
                                std::shared_ptr<std::atomic_bool> cancel);
    void prepared(const Result<Prepared> &result);
    void refreshToken();
    void ensureExperiment();
    void createRun();
    void upload();
    void finishSubmission(const QString &gatewayId);
    void failSubmission(const Error &error);
    bool isCurrent(quint64 generation) const;
    void applyStatus(Task task, const QString &gatewayStatus, const QString &failureReason);
    QString logFile(const QString &gatewayId) const;

    QPointer<GatewayClient> m_client;
    QPointer<tracking::Store> m_tracking;
    RunRecorder *m_recorder;
    QPointer<TaskStore> m_store;
    QPointer<auth::AuthSession> m_session;
    project::Packer::Options m_packerOptions;
    std::unique_ptr<Submission> m_submission;
    QString m_logFolder;
};

} // namespace mltf::submit
