#include "SlurmTestBed.h"

#include "util/Settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>

using namespace mltf::submit;

namespace {

QMap<QString, QString> readInfo(const QByteArray &variable)
{
    QMap<QString, QString> values;
    QFile f(qEnvironmentVariable(variable.constData()));
    if (!f.open(QIODevice::ReadOnly))
        return values;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const int eq = int(line.indexOf(QLatin1Char('=')));
        if (eq > 0)
            values.insert(line.left(eq), line.mid(eq + 1));
    }
    return values;
}

} // namespace

SlurmTestBed::SlurmTestBed() = default;

SlurmTestBed::~SlurmTestBed()
{
    m_recorder.reset();
    m_store.reset();
    if (m_server) {
        m_server->kill();
        m_server->waitForFinished(5000);
    }
}

QString SlurmTestBed::start()
{
    mltf::Settings::initialise();
    if (!m_work.isValid())
        return QStringLiteral("cannot create a temporary folder");
    if (qEnvironmentVariableIsSet("MLTF_KEEP_TEST_DIRS")) { // for looking at task folders after a failure
        m_work.setAutoRemove(false);
        qInfo() << "keeping" << m_work.path();
    }
    m_slurm = readInfo("MLTF_SLURM_PEER_INFO");
    m_sshd = readInfo("MLTF_SSHD_PEER_INFO");
    if (m_slurm.value(QStringLiteral("SLURM_CONF")).isEmpty())
        return QStringLiteral("no SLURM test cluster: run this test through ctest (fixture SlurmClusterStart), "
                              "with slurm-wlm and munge installed (installer/setup-deps.sh --tests)");
    if (m_sshd.value(QStringLiteral("MLTF_SSHD_PORT")).isEmpty())
        return QStringLiteral("no test sshd: run this test through ctest (fixture SshdStart)");
    qputenv("SLURM_CONF", m_slurm.value(QStringLiteral("SLURM_CONF")).toUtf8());
    // A token for the jobs: it must reach them through the 0600 file, never a command line.
    qputenv("MLFLOW_TRACKING_TOKEN", "e2e-token-not-secret");

    m_trackingUri = qEnvironmentVariable("MLTF_TEST_TRACKING_URI");
    if (m_trackingUri.isEmpty()) {
        m_server = std::make_unique<QProcess>();
        m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server->start(QStringLiteral(MLTF_PEERS_BIN_DIR "/mltf-test-mlflow-server"), {});
        if (!m_server->waitForStarted(10000))
            return QStringLiteral("cannot start mltf-test-mlflow-server: ") + m_server->errorString();
        QByteArray line;
        (void)QTest::qWaitFor([&] {
            if (m_server->canReadLine())
                line = m_server->readLine();
            return line.startsWith("LISTENING");
        }, 15000);
        if (!line.startsWith("LISTENING"))
            return QStringLiteral("the MLflow test server did not say LISTENING");
        m_trackingUri = QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(line.mid(10).trimmed()));
    }
    m_store = std::make_unique<mltf::tracking::RestStore>(QUrl(m_trackingUri));
    m_recorder = std::make_unique<StoreRunRecorder>(m_store.get(), m_trackingUri);
    const QString name = QStringLiteral("slurm-e2e-%1-%2")
                             .arg(QCoreApplication::applicationName())
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const auto experiment = await(m_store->createExperiment(name, {}));
    if (!experiment.ok())
        return QStringLiteral("cannot create an experiment: ") + experiment.error().message;
    m_experimentId = experiment.value();
    QDir().mkpath(remoteBase());
    return {};
}

SlurmHost SlurmTestBed::localHost() const
{
    SlurmHost h;
    h.name = QStringLiteral("local");
    h.mode = SlurmHost::Mode::Local;
    h.host = QStringLiteral("localhost");
    h.remoteBaseDir = remoteBase();
    h.launchMode = SlurmHost::LaunchMode::Direct;
    h.environment = {QStringLiteral("PYTHONUNBUFFERED=1")};
    return h;
}

SlurmHost SlurmTestBed::sshHost(const QString &key) const
{
    SlurmHost h;
    h.name = QStringLiteral("ssh");
    h.mode = SlurmHost::Mode::Ssh;
    h.host = QStringLiteral("127.0.0.1");
    h.user = m_sshd.value(QStringLiteral("MLTF_SSHD_USER"));
    h.port = m_sshd.value(QStringLiteral("MLTF_SSHD_PORT")).toInt();
    h.identityFile = key.isEmpty() ? m_sshd.value(QStringLiteral("MLTF_SSHD_KEY")) : key;
    h.sshOptions = {QStringLiteral("UserKnownHostsFile=") + m_sshd.value(QStringLiteral("MLTF_SSHD_KNOWN_HOSTS")),
                    QStringLiteral("StrictHostKeyChecking=yes")};
    h.remoteBaseDir = remoteBase();
    h.launchMode = SlurmHost::LaunchMode::Direct;
    return h;
}

QString SlurmTestBed::copyProject()
{
    const QString from = QStringLiteral(MLTF_TEST_DATA_DIR "/submit/projects/metrics-demo");
    const QString to = m_work.filePath(QStringLiteral("project %1").arg(++m_projects));
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
    }
    return to;
}

SubmitRequest SlurmTestBed::request(const QString &hostName, const QMap<QString, QString> &params) const
{
    SubmitRequest r;
    r.projectPath = m_work.filePath(QStringLiteral("project %1").arg(m_projects));
    r.entryPoint = QStringLiteral("main");
    r.params = params;
    r.experimentId = m_experimentId;
    r.slurmHost = hostName;
    r.slurmResources.partition = m_slurm.value(QStringLiteral("MLTF_SLURM_PARTITION"));
    r.slurmResources.time = QStringLiteral("5");
    r.slurmResources.mem = QStringLiteral("100M");
    return r;
}

mltf::Result<Task> SlurmTestBed::submit(Submitter &submitter, const SubmitRequest &request, int timeoutMs)
{
    QSignalSpy ok(&submitter, &Submitter::submitted);
    QSignalSpy failed(&submitter, &Submitter::submitFailed);
    submitter.submit(request);
    if (!QTest::qWaitFor([&] { return ok.count() + failed.count() > 0; }, timeoutMs))
        return mltf::Error::make(mltf::Error::Kind::Timeout, QStringLiteral("no submission outcome"));
    if (!failed.isEmpty())
        return failed.first().first().value<mltf::Error>();
    return ok.first().first().value<Task>();
}

Task SlurmTestBed::follow(Submitter &submitter, const Task &start, const std::function<bool(const Task &)> &until,
                          int timeoutMs, QStringList *seen, int intervalMs)
{
    Task task = start;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QSignalSpy updated(&submitter, &Submitter::taskUpdated);
        QSignalSpy errors(&submitter, &Submitter::taskError);
        submitter.refresh(task);
        if (!QTest::qWaitFor([&] { return updated.count() + errors.count() > 0; }, 30000))
            break;
        if (!updated.isEmpty())
            task = updated.first().first().value<Task>();
        else
            qWarning() << "refresh failed:" << errors.first().at(1).value<mltf::Error>().message;
        if (seen && (seen->isEmpty() || seen->last() != task.state()))
            seen->append(task.state());
        if (until(task))
            return task;
        QTest::qWait(intervalMs);
    }
    return task;
}

QByteArray SlurmTestBed::logs(Submitter &submitter, const Task &task)
{
    QByteArray all;
    for (int i = 0; i < 20; ++i) {
        QSignalSpy received(&submitter, &Submitter::logsReceived);
        QSignalSpy errors(&submitter, &Submitter::taskError);
        submitter.fetchLogs(task, all.size());
        if (!QTest::qWaitFor([&] { return received.count() + errors.count() > 0; }, 30000) || received.isEmpty())
            break;
        const QByteArray chunk = received.first().at(1).toByteArray();
        if (chunk.isEmpty())
            break;
        all += chunk;
    }
    return all;
}

QString SlurmTestBed::slurm(const QString &program, const QStringList &args, int *exitCode) const
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
}
