#include "GatewayTask.h"

#include "project/Project.h"
#include "submit/EntryPointCommand.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

#include <signal.h>
#include <unistd.h>

namespace mltf::testgateway {

GatewayTask::GatewayTask(Submission submission, const QByteArray &tarball, QNetworkAccessManager *nam,
                         QObject *parent)
    : QObject(parent)
    , m_submission(std::move(submission))
    , m_nam(nam)
{
    m_tarballPath = m_dir.filePath(QStringLiteral("mlflow-input.tar.gz"));
    QFile file(m_tarballPath);
    if (!m_dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(tarball) != tarball.size()) {
        QTimer::singleShot(0, this, [this] { fail("cannot store the tarball\n"); });
        return;
    }
    file.close();
    // SCHEDULED for a moment, as a queued job would be.
    QTimer::singleShot(300, this, &GatewayTask::unpack);
}

GatewayTask::~GatewayTask()
{
    kill();
}

void GatewayTask::unpack()
{
    if (m_killed)
        return;
    QDir(m_dir.path()).mkpath(QStringLiteral("work"));
    auto *tar = new QProcess(this);
    tar->setProcessChannelMode(QProcess::MergedChannels);
    connect(tar, &QProcess::finished, this, [this, tar](int exitCode) {
        tar->deleteLater();
        const QByteArray said = tar->readAll();
        m_output += said;
        if (exitCode != 0)
            fail("tar could not unpack the project (exit code " + QByteArray::number(exitCode) + ")\n");
        else
            startCommand();
    });
    // `tar xf` detects the compression itself, as inside.sh relies on.
    tar->start(QStringLiteral("tar"), {QStringLiteral("xf"), m_tarballPath, QStringLiteral("-C"),
                                       m_dir.filePath(QStringLiteral("work"))});
}

void GatewayTask::startCommand()
{
    if (m_killed)
        return;
    const QString workDir = m_dir.filePath(QStringLiteral("work"));
    const project::Project project = project::Project::load(workDir);
    // What `mlflow run --run-id <id> .` does: entry point main, default parameters.
    const Result<QString> command =
        submit::EntryPointCommand::build(project.mlProject(), QStringLiteral("main"), {});
    if (!command.ok()) {
        fail("mlflow.exceptions.ExecutionException: " + command.error().message.toUtf8() + "\n");
        return;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MLFLOW_TRACKING_URI"), m_submission.trackingUri);
    env.insert(QStringLiteral("MLFLOW_RUN_ID"), m_submission.runId);
    env.insert(QStringLiteral("MLFLOW_TRACKING_TOKEN"), QString::fromUtf8(m_submission.runtimeToken));
    env.insert(QStringLiteral("MLFLOW_EXPERIMENT_ID"), QStringLiteral("0"));
    env.insert(QStringLiteral("MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING"), QStringLiteral("true"));
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(workDir);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // A process group of its own, so that DELETE ends the whole command, not only the shell.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_process.get(), &QProcess::readyRead, this, [this] { m_output += m_process->readAll(); });
    connect(m_process.get(), &QProcess::finished, this, &GatewayTask::commandFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail("cannot start /bin/sh: " + m_process->errorString().toUtf8() + "\n");
    });
    m_output += "=== Running command '" + command.value().toUtf8() + "' in run with ID '" +
                m_submission.runId.toUtf8() + "' ===\n";
    m_process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command.value()});
    m_pid = m_process->processId();
    m_status = QStringLiteral("RUNNING");
}

void GatewayTask::commandFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    m_output += m_process->readAll();
    if (m_killed)
        return;
    const bool ok = exitStatus == QProcess::NormalExit && exitCode == 0;
    if (!ok)
        m_output += "=== Run (ID '" + m_submission.runId.toUtf8() + "') failed ===\n";
    endRunThenFinish(ok ? QStringLiteral("FINISHED") : QStringLiteral("FAILED"));
}

void GatewayTask::fail(const QByteArray &message)
{
    m_output += message;
    endRunThenFinish(QStringLiteral("FAILED"));
}

// `mlflow run` ends the run itself before exiting; the task's status follows once that is done.
void GatewayTask::endRunThenFinish(const QString &status)
{
    const QString runId = m_submission.runId;
    if (runId.isEmpty() || runId == QLatin1String("UNKNOWN") || m_submission.trackingUri.isEmpty()) {
        m_status = status;
        emit ended();
        return;
    }
    QString base = m_submission.trackingUri;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QNetworkRequest request(QUrl(base + QStringLiteral("/api/2.0/mlflow/runs/update")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!m_submission.runtimeToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_submission.runtimeToken);
    const QJsonObject body{{QStringLiteral("run_id"), runId},
                           {QStringLiteral("status"), status},
                           {QStringLiteral("end_time"), QDateTime::currentMSecsSinceEpoch()}};
    QNetworkReply *reply = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, status] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError)
            m_output += "mlflow: could not set the run status: " + reply->errorString().toUtf8() + "\n";
        m_status = status;
        emit ended();
    });
}

void GatewayTask::kill()
{
    m_killed = true;
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        ::kill(-pid_t(m_process->processId()), SIGKILL);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

} // namespace mltf::testgateway
