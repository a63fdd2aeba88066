#pragma once

#include "project/Packer.h"
#include "submit/BatchJob.h"
#include "submit/RemoteShell.h"
#include "submit/SlurmHost.h"
#include "submit/SlurmVersion.h"
#include "submit/Submitter.h"

#include <QHash>
#include <QPointer>
#include <QVector>

#include <atomic>
#include <memory>

template <typename T> class QPromise;

namespace mltf::auth {
class TokenProvider;
}

namespace mltf::submit {

class RunRecorder;
class TaskStore;

// Submits MLflow project tasks straight to SLURM, over ssh or on this computer (SlurmHost::Mode):
//  1. checks every value and packs the project (off the UI thread) - nothing is sent before this passes;
//  2. makes the task folder <remote base>/<local id> on the host (and finds sbatch there);
//  3. creates the MLflow run with the project tags (RunRecorder);
//  4. streams the packed project into the folder (ssh + tar over stdin), writes the tracking token into
//     .mltf/tracking-token (mode 0600, over stdin) and the batch script into .mltf/;
//  5. `sbatch --parsable`, tags the run slurm_job_id, and saves the task (TaskStore).
// If a step fails after the run exists, the run ends FAILED (KILLED when the user cancelled) and the task
// folder is removed. Status comes from `squeue --json --jobs <id>` on SLURM 23.02 and later, from
// `scontrol show job -o` before (the host's release is asked once), and from sacct when SLURM has forgotten
// the job; cancel is `scancel` plus the run marked KILLED, logs are read from the job's output file by
// offset.
class SlurmSubmitter : public Submitter
{
    Q_OBJECT

public:
    SlurmSubmitter(QVector<SlurmHost> hosts, RunRecorder *recorder, TaskStore *store,
                   QObject *parent = nullptr);
    ~SlurmSubmitter() override;

    void setHosts(const QVector<SlurmHost> &hosts);
    QVector<SlurmHost> hosts() const { return m_hosts; }
    // Where the tracking token comes from; without one, MLFLOW_TRACKING_TOKEN of this process (if set).
    void setTokenProvider(auth::TokenProvider *provider) { m_tokenProvider = provider; }
    void setPackerOptions(const project::Packer::Options &options) { m_packerOptions = options; }

    Task::Backend backend() const override { return Task::Backend::Slurm; }
    void submit(const SubmitRequest &request) override;
    void cancelSubmit() override;
    bool isSubmitting() const override { return m_submission != nullptr; }
    void refresh(const Task &task) override;
    void cancel(const Task &task) override;
    void fetchLogs(const Task &task, qint64 offset) override;

    // The SLURM release of a host as learnt on its first refresh (unknown before, or when it would not say).
    SlurmVersion slurmVersion(const QString &hostName) const;

    // Ends the shared SSH connections (at exit; the tests call it before stopping their sshd).
    void closeConnections();

    static constexpr qint64 kMaxLogChunk = 1024 * 1024;

private:
    struct Submission;
    struct Prepared;

    static void prepareOnWorker(QPromise<Result<Prepared>> &promise, SubmitRequest request, SlurmHost host,
                                project::Packer::Options packerOptions, QString archivePath,
                                std::shared_ptr<std::atomic_bool> cancel);
    const SlurmHost *findHost(const QString &name) const;
    RemoteShell *shellFor(const SlurmHost &host);
    void startPreparing();
    void prepared(const Result<Prepared> &result);
    void fetchToken();
    void makeTaskFolder();
    void createRun();
    void upload();
    void writeToken();
    void writeScript();
    void runSbatch();
    void tagJob();
    void failSubmission(const Error &error);
    void finishSubmission();
    void readJobAsJson(const Task &task, RemoteShell *shell);
    void readJobAsText(const Task &task, RemoteShell *shell);
    void readJobFromAccounting(const Task &task, RemoteShell *shell);
    void applyJobInfo(Task task, const SlurmJobInfo &info);
    void taskFailed(const Task &task, const Error &error);

    QVector<SlurmHost> m_hosts;
    RunRecorder *m_recorder;
    QPointer<TaskStore> m_store;
    auth::TokenProvider *m_tokenProvider = nullptr;
    project::Packer::Options m_packerOptions;
    QHash<QString, RemoteShell *> m_shells;
    QHash<QString, SlurmVersion> m_versions; // by host name
    std::unique_ptr<Submission> m_submission;
};

} // namespace mltf::submit
