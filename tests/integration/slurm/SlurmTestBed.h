#pragma once

#include "submit/SlurmHost.h"
#include "submit/SlurmSubmitter.h"
#include "submit/StoreRunRecorder.h"
#include "submit/Task.h"
#include "tracking/RestStore.h"

#include <QFuture>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

// What the SLURM end-to-end tests share: the peers the CTest fixtures started (read from their info files),
// an MLflow test server of the test's own, a RestStore on it, and helpers to submit and follow tasks.
class SlurmTestBed
{
public:
    SlurmTestBed();
    ~SlurmTestBed();

    // Reads the peer info, exports SLURM_CONF, starts the MLflow test server (or uses MLTF_TEST_TRACKING_URI)
    // and creates an experiment for this test. Returns what is missing, or an empty string.
    QString start();

    QString trackingUri() const { return m_trackingUri; }
    mltf::tracking::RestStore *store() const { return m_store.get(); }
    mltf::submit::StoreRunRecorder *recorder() const { return m_recorder.get(); }
    QString experimentId() const { return m_experimentId; }
    QString remoteBase() const { return m_work.filePath(QStringLiteral("remote base")); }
    QString sshdValue(const QString &key) const { return m_sshd.value(key); }

    // A host profile running the SLURM commands on this machine.
    mltf::submit::SlurmHost localHost() const;
    // A host profile reaching the cluster through the test sshd (root@127.0.0.1 with the throwaway key).
    mltf::submit::SlurmHost sshHost(const QString &key = QString()) const;

    // A fresh copy of tests/data/submit/projects/metrics-demo.
    QString copyProject();
    mltf::submit::SubmitRequest request(const QString &hostName, const QMap<QString, QString> &params) const;

    // Submits and waits for the outcome: the task, or the error the submitter reported.
    mltf::Result<mltf::submit::Task> submit(mltf::submit::Submitter &submitter,
                                            const mltf::submit::SubmitRequest &request, int timeoutMs = 60000);
    // Refreshes the task every `intervalMs` until `until` holds or `timeoutMs` passes; every distinct state
    // seen goes into `seen`. Returns the last task.
    mltf::submit::Task follow(mltf::submit::Submitter &submitter, const mltf::submit::Task &task,
                              const std::function<bool(const mltf::submit::Task &)> &until, int timeoutMs,
                              QStringList *seen = nullptr, int intervalMs = 500);
    // All output of the task's log file.
    QByteArray logs(mltf::submit::Submitter &submitter, const mltf::submit::Task &task);

    // A SLURM client command run here with the cluster's SLURM_CONF. Returns stdout; *exitCode the status.
    QString slurm(const QString &program, const QStringList &args, int *exitCode = nullptr) const;

    // Waits for a Store future.
    template <typename T>
    static mltf::Result<T> await(const QFuture<mltf::Result<T>> &future, int timeoutMs = 20000)
    {
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
            return mltf::Error::make(mltf::Error::Kind::Timeout, QStringLiteral("the tracking server did not answer"));
        if (future.resultCount() == 0)
            return mltf::Error::make(mltf::Error::Kind::Cancelled, QStringLiteral("no result"));
        return future.result();
    }

private:
    QMap<QString, QString> m_slurm;
    QMap<QString, QString> m_sshd;
    QTemporaryDir m_work;
    std::unique_ptr<QProcess> m_server;
    QString m_trackingUri;
    std::unique_ptr<mltf::tracking::RestStore> m_store;
    std::unique_ptr<mltf::submit::StoreRunRecorder> m_recorder;
    QString m_experimentId;
    int m_projects = 0;
};
