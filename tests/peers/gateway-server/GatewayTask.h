#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace mltf::testgateway {

// One submitted task, executed here the way the gateway's local executor does: the tarball is unpacked into
// a folder of its own, then `mlflow run --run-id <id> .` runs; that means the `main` entry point with its
// default parameters (the submitted entry point and params are stored, never used), with
// MLFLOW_TRACKING_URI, MLFLOW_RUN_ID, MLFLOW_TRACKING_TOKEN and MLFLOW_EXPERIMENT_ID=0 set. Standing in for
// `mlflow run`, the runner marks the MLflow run FINISHED or FAILED (runs/update) when the command ends.
// SCHEDULED while unpacking, RUNNING while the command runs, then FINISHED or FAILED.
class GatewayTask : public QObject
{
    Q_OBJECT

public:
    struct Submission
    {
        QString gatewayId;
        QString runId; // "" or "UNKNOWN": no run
        QString entryPoint;
        QJsonObject params;
        QJsonObject backendConfig;
        QString trackingUri;
        QString experimentId;
        QString userSubject; // the token's `name` claim
        QByteArray runtimeToken;
        qint64 creationTime = 0; // epoch seconds
    };

    GatewayTask(Submission submission, const QByteArray &tarball, QNetworkAccessManager *nam,
                QObject *parent = nullptr);
    ~GatewayTask() override;

    const Submission &submission() const { return m_submission; }
    QString status() const { return m_status; }
    qint64 pid() const { return m_pid; }
    QByteArray output() const { return m_output; }
    bool hasEnded() const
    {
        return m_status == QLatin1String("FINISHED") || m_status == QLatin1String("FAILED");
    }
    // DELETE: the process is killed and the task forgotten (the MLflow run is left as it is).
    void kill();

signals:
    void ended();

private:
    void unpack();
    void startCommand();
    void commandFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void fail(const QByteArray &message);
    void endRunThenFinish(const QString &status);

    Submission m_submission;
    QNetworkAccessManager *m_nam;
    QTemporaryDir m_dir;
    QString m_tarballPath;
    std::unique_ptr<QProcess> m_process;
    QString m_status = QStringLiteral("SCHEDULED");
    qint64 m_pid = 0;
    QByteArray m_output;
    bool m_killed = false;
};

} // namespace mltf::testgateway
