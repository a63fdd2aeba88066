#include "submit/BatchScriptWriter.h"
#include "submit/ShellQuote.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using mltf::submit::BatchJob;
using mltf::submit::BatchScriptWriter;
using mltf::submit::ShellQuote;
using mltf::submit::SlurmHost;

namespace {

BatchJob baseJob()
{
    BatchJob job;
    job.workDir = QStringLiteral("/home/alice/mltf jobs/20261123-074541-1a2b3c4d");
    job.trackingUri = QStringLiteral("https://mlflow.example.edu");
    job.runId = QStringLiteral("3a85f0a1b2c34d5e8f90a1b2c3d4e5f6");
    job.experimentId = QStringLiteral("7");
    job.tokenFile = QStringLiteral(".mltf/tracking-token");
    job.entryPoint = QStringLiteral("main");
    job.params = {{QStringLiteral("alpha"), QStringLiteral("0.5")}, {QStringLiteral("name"), QStringLiteral("it's me")}};
    return job;
}

// Every field a user can type, for the hostile-value tests.
enum class Field {
    Partition, Account, Qos, GpusPerNode, Gres, Mem, Time, Nodes, Ntasks, NtasksPerNode, CpusPerTask, Constraint,
    MailUser, MailType, JobName, Output, Error, ScriptFile, Exports, Modules, Environment, EntryPoint, ParamKey,
    ParamValue, TrackingUri, Activation, WorkDir,
};

void setField(BatchJob &job, Field field, const QString &value)
{
    auto &r = job.resources;
    switch (field) {
    case Field::Partition: r.partition = value; break;
    case Field::Account: r.account = value; break;
    case Field::Qos: r.qos = value; break;
    case Field::GpusPerNode: r.gpusPerNode = value; break;
    case Field::Gres: r.gres = value; break;
    case Field::Mem: r.mem = value; break;
    case Field::Time: r.time = value; break;
    case Field::Nodes: r.nodes = value; break;
    case Field::Ntasks: r.ntasks = value; break;
    case Field::NtasksPerNode: job.ntasksPerNode = value; break;
    case Field::CpusPerTask: r.cpusPerTask = value; break;
    case Field::Constraint: r.constraint = value; break;
    case Field::MailUser: r.mailUser = value; break;
    case Field::MailType: r.mailType = value; break;
    case Field::JobName: r.jobName = value; break;
    case Field::Output: r.output = value; break;
    case Field::Error: r.error = value; break;
    case Field::ScriptFile: r.sbatchScriptFile = value; break;
    case Field::Exports: r.exports = {value}; break;
    case Field::Modules: job.modules = {value}; break;
    case Field::Environment: job.environment = {value}; break;
    case Field::EntryPoint: job.entryPoint = value; break;
    case Field::ParamKey: job.params = {{value, QStringLiteral("1")}}; break;
    case Field::ParamValue: job.params = {{QStringLiteral("p"), value}}; break;
    case Field::TrackingUri: job.trackingUri = value; break;
    case Field::Activation:
        job.launchMode = SlurmHost::LaunchMode::Direct;
        job.command = QStringLiteral("python train.py");
        job.activation = value;
        break;
    case Field::WorkDir: job.workDir = value; break;
    }
}

} // namespace

class TestBatchScriptWriter : public QObject
{
    Q_OBJECT

    QString m_shellcheck;

    // shellcheck's findings (warnings and errors), empty when clean.
    QString shellcheck(const QString &script)
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("job.sh"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write");
        f.write(script.toUtf8());
        f.close();
        QProcess p;
        p.start(m_shellcheck, {QStringLiteral("--severity=warning"), QStringLiteral("--format=gcc"), path});
        if (!p.waitForFinished(60000))
            return QStringLiteral("shellcheck did not finish");
        if (p.exitCode() == 0)
            return {};
        return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    }

private slots:
    void initTestCase()
    {
        m_shellcheck = QStandardPaths::findExecutable(QStringLiteral("shellcheck"));
        QVERIFY2(!m_shellcheck.isEmpty(), "shellcheck is missing: installer/setup-deps.sh --tests installs it");
    }

    void mlflowRunScript()
    {
        BatchJob job = baseJob();
        job.resources.partition = QStringLiteral("pascal");
        job.resources.account = QStringLiteral("mltf_acc");
        job.resources.mem = QStringLiteral("4G");
        job.resources.time = QStringLiteral("8:00:00");
        job.resources.gres = QStringLiteral("gpu:nvidia_rtx_a6000:1");
        job.resources.ntasks = QStringLiteral("1");
        job.resources.cpusPerTask = QStringLiteral("4");
        job.resources.qos = QStringLiteral("normal");
        job.resources.constraint = QStringLiteral("a6000&nvlink");
        job.resources.mailUser = QStringLiteral("researcher@example.edu");
        job.resources.mailType = QStringLiteral("END,FAIL");
        job.resources.exclusive = true;
        job.resources.exports = {QStringLiteral("HF_HOME")};
        job.ntasksPerNode = QStringLiteral("1");
        job.modules = {QStringLiteral("GCCcore/.11.3.0"), QStringLiteral("Python/3.10.4")};
        job.environment = {QStringLiteral("NCCL_SOCKET_IFNAME=ib0"), QStringLiteral("GREETING=hello world")};
        job.envManager = QStringLiteral("virtualenv");
        const auto script = BatchScriptWriter::write(job);
        QVERIFY2(script.ok(), qPrintable(script.ok() ? QString() : script.error().message));
        const QString s = script.value();
        for (const char *line : {"#!/bin/bash", "#SBATCH --job-name=mltf-3a85f0a1", "#SBATCH --partition=pascal",
                                 "#SBATCH --account=mltf_acc", "#SBATCH --qos=normal", "#SBATCH --ntasks=1",
                                 "#SBATCH --ntasks-per-node=1", "#SBATCH --cpus-per-task=4",
                                 "#SBATCH --gres=gpu:nvidia_rtx_a6000:1", "#SBATCH --mem=4G", "#SBATCH --time=8:00:00",
                                 "#SBATCH --constraint=a6000&nvlink", "#SBATCH --exclusive",
                                 "#SBATCH --mail-user=researcher@example.edu", "#SBATCH --mail-type=END,FAIL",
                                 "#SBATCH --output=.mltf/slurm-%j.out", "#SBATCH --export=ALL,HF_HOME",
                                 "cd '/home/alice/mltf jobs/20261123-074541-1a2b3c4d' || exit 1",
                                 "module load GCCcore/.11.3.0", "module load Python/3.10.4",
                                 "export MLFLOW_TRACKING_URI=https://mlflow.example.edu",
                                 "export MLFLOW_EXPERIMENT_ID=7", "export MLFLOW_RUN_ID=3a85f0a1b2c34d5e8f90a1b2c3d4e5f6",
                                 "  MLFLOW_TRACKING_TOKEN=\"$(cat .mltf/tracking-token)\"",
                                 "export NCCL_SOCKET_IFNAME=ib0", "export GREETING='hello world'",
                                 "mlflow run . -e main -P alpha=0.5 -P 'name=it'\"'\"'s me' --env-manager virtualenv "
                                 "--run-id \"$MLFLOW_RUN_ID\""})
            QVERIFY2(s.split('\n').contains(QString::fromUtf8(line)), line);
        // Directives come before the first command (sbatch stops reading them there).
        const int lastDirective = int(s.lastIndexOf(QStringLiteral("#SBATCH")));
        QVERIFY(lastDirective < s.indexOf(QStringLiteral("\ncd ")));
        const QString findings = shellcheck(s);
        QVERIFY2(findings.isEmpty(), qPrintable(findings));
    }

    void directScriptWithActivation()
    {
        BatchJob job = baseJob();
        job.launchMode = SlurmHost::LaunchMode::Direct;
        job.command = QStringLiteral("python train.py --alpha 0.5 --name 'it'\"'\"'s me'");
        job.activation = QStringLiteral("source ~/envs/torch/bin/activate");
        job.tokenFile.clear();
        const auto script = BatchScriptWriter::write(job);
        QVERIFY(script.ok());
        const QString s = script.value();
        QVERIFY(s.contains(QStringLiteral("\nsource ~/envs/torch/bin/activate\n")));
        QVERIFY(s.contains(QStringLiteral("\n/bin/bash -c ") + ShellQuote::quote(job.command) + QLatin1Char('\n')));
        QVERIFY(!s.contains(QStringLiteral("MLFLOW_TRACKING_TOKEN"))); // no token, no token lines
        QVERIFY(!s.contains(QStringLiteral("mlflow run")));
        const QString findings = shellcheck(s);
        QVERIFY2(findings.isEmpty(), qPrintable(findings));
    }

    void multiNodeUsesSrun()
    {
        BatchJob job = baseJob();
        job.resources.nodes = QStringLiteral("2");
        const auto script = BatchScriptWriter::write(job);
        QVERIFY(script.ok());
        QVERIFY(script.value().contains(QStringLiteral("\nsrun --export=ALL mlflow run . -e main")));
        QVERIFY(shellcheck(script.value()).isEmpty());
    }

    void torchrunRendezvous()
    {
        BatchJob job = baseJob();
        job.resources.nodes = QStringLiteral("2");
        job.resources.gpusPerNode = QStringLiteral("4");
        job.launchMode = SlurmHost::LaunchMode::Direct;
        job.launcher = BatchJob::Launcher::Torchrun;
        job.command = QStringLiteral("python train.py --epochs 3");
        job.environment = {QStringLiteral("NCCL_DEBUG=INFO"), QStringLiteral("NCCL_IB_DISABLE=1")};
        const auto script = BatchScriptWriter::write(job);
        QVERIFY2(script.ok(), qPrintable(script.ok() ? QString() : script.error().message));
        const QString s = script.value();
        QVERIFY(s.contains(QStringLiteral("#SBATCH --nodes=2")));
        QVERIFY(s.contains(QStringLiteral("#SBATCH --gpus-per-node=4")));
        QVERIFY(s.contains(QStringLiteral("MASTER_ADDR=\"$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\"")));
        QVERIFY(s.contains(QStringLiteral("export MASTER_ADDR MASTER_PORT")));
        QVERIFY(s.contains(QStringLiteral("export NCCL_DEBUG=INFO")));
        QVERIFY(s.contains(QStringLiteral("torchrun --nnodes=\"$SLURM_JOB_NUM_NODES\" --nproc-per-node=4")));
        QVERIFY(s.contains(QStringLiteral("--rdzv-endpoint=\"$MASTER_ADDR:$MASTER_PORT\" train.py --epochs 3")));
        const QString findings = shellcheck(s);
        QVERIFY2(findings.isEmpty(), qPrintable(findings));

        // The GPU count from gres when gpus_per_node is not set.
        job.resources.gpusPerNode.clear();
        job.resources.gres = QStringLiteral("gpu:a100:2");
        QCOMPARE(BatchScriptWriter::gpusPerNode(job), 2);
        job.launchMode = SlurmHost::LaunchMode::MlflowRun;
        QVERIFY(!BatchScriptWriter::write(job).ok()); // torchrun needs the direct mode
        job.launchMode = SlurmHost::LaunchMode::Direct;
        job.command = QStringLiteral("bash run.sh");
        QVERIFY(!BatchScriptWriter::write(job).ok()); // and a Python script
    }

    void hostileValuesAreRefused_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("value");
        const QList<QPair<Field, const char *>> fields = {
            {Field::Partition, "partition"}, {Field::Account, "account"}, {Field::Qos, "qos"},
            {Field::GpusPerNode, "gpus_per_node"}, {Field::Gres, "gres"}, {Field::Mem, "mem"}, {Field::Time, "time"},
            {Field::Nodes, "nodes"}, {Field::Ntasks, "ntasks"}, {Field::NtasksPerNode, "ntasks-per-node"},
            {Field::CpusPerTask, "cpus-per-task"}, {Field::Constraint, "constraint"}, {Field::MailUser, "mail-user"},
            {Field::MailType, "mail-type"}, {Field::JobName, "job-name"}, {Field::Output, "output"},
            {Field::Error, "error"}, {Field::ScriptFile, "sbatch-script-file"}, {Field::Exports, "exports"},
            {Field::Modules, "modules"}, {Field::Environment, "environment"}, {Field::EntryPoint, "entry point"},
            {Field::ParamKey, "parameter name"}, {Field::ParamValue, "parameter value"},
            {Field::TrackingUri, "tracking URI"}, {Field::Activation, "activation"}, {Field::WorkDir, "work folder"},
        };
        // A new line (a new directive or command), and shell syntax where the value is not quoted.
        const QStringList everywhere = {
            QStringLiteral("x\n#SBATCH --uid=0"), QStringLiteral("x\rrm -rf ~"), QStringLiteral("x\nrm -rf ~"),
            QStringLiteral("x\u2028touch /tmp/pwned"),
        };
        const QStringList unquoted = {
            QStringLiteral("x; touch /tmp/pwned"), QStringLiteral("$(touch /tmp/pwned)"), QStringLiteral("`id`"),
            QStringLiteral("x --uid=0"), QStringLiteral("'x'"), QStringLiteral("x|y z"),
        };
        const QList<Field> quotedInScript = {Field::ParamValue, Field::TrackingUri, Field::Activation,
                                             Field::WorkDir, Field::Environment};
        for (const auto &[field, name] : fields) {
            for (const QString &v : everywhere)
                QTest::addRow("%s newline %d", name, int(everywhere.indexOf(v))) << int(field) << v;
            if (quotedInScript.contains(field))
                continue;
            for (const QString &v : unquoted)
                QTest::addRow("%s shell %d", name, int(unquoted.indexOf(v))) << int(field) << v;
        }
    }
    void hostileValuesAreRefused()
    {
        QFETCH(int, field);
        QFETCH(QString, value);
        BatchJob job = baseJob();
        setField(job, Field(field), value);
        const QStringList problems = BatchScriptWriter::validate(job);
        QVERIFY2(!problems.isEmpty(), qPrintable(value));
        const auto script = BatchScriptWriter::write(job);
        QVERIFY(!script.ok());
        QCOMPARE(script.error().kind, mltf::Error::Kind::InvalidInput);
        QVERIFY(script.error().message.startsWith(QStringLiteral("The job cannot be submitted:")));
    }

    // Values that are quoted in the script may hold shell syntax: it stays data.
    void quotedValuesStayData()
    {
        BatchJob job = baseJob();
        job.params = {{QStringLiteral("p"), QStringLiteral("$(touch /tmp/pwned); `id` 'x' \"y\"")}};
        job.trackingUri = QStringLiteral("http://127.0.0.1:5000/$(id)");
        job.environment = {QStringLiteral("X=$(id) `id`")};
        const auto script = BatchScriptWriter::write(job);
        QVERIFY(script.ok());
        const QString s = script.value();
        QVERIFY(s.contains(QStringLiteral("export X='$(id) `id`'")));
        QVERIFY(s.contains(QStringLiteral("export MLFLOW_TRACKING_URI='http://127.0.0.1:5000/$(id)'")));
        const QString findings = shellcheck(s);
        QVERIFY2(findings.isEmpty(), qPrintable(findings));

        // Run the part of the script that sets the variables: the values come out as typed.
        QTemporaryDir dir;
        job.workDir = dir.path();
        const QString body = BatchScriptWriter::write(job).value();
        const QString exports = body.section(QStringLiteral("echo \"MLTF:"), 0, 0);
        QProcess bash;
        bash.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"),
                                                  exports + QStringLiteral("\nprintf '%s\\n' \"$X\" \"$MLFLOW_TRACKING_URI\"")});
        QVERIFY(bash.waitForFinished(10000));
        QCOMPARE(QString::fromUtf8(bash.readAllStandardOutput()),
                 QStringLiteral("$(id) `id`\nhttp://127.0.0.1:5000/$(id)\n"));
    }

    void goodValuesAccepted_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("time d-h:m:s") << int(Field::Time) << "1-00:00:00";
        QTest::newRow("time minutes") << int(Field::Time) << "30";
        QTest::newRow("time unlimited") << int(Field::Time) << "UNLIMITED";
        QTest::newRow("mem mb") << int(Field::Mem) << "8192";
        QTest::newRow("gres typed") << int(Field::Gres) << "gpu:nvidia_rtx_a6000:1";
        QTest::newRow("gres list") << int(Field::Gres) << "gpu:2,nvme:1";
        QTest::newRow("gpus typed") << int(Field::GpusPerNode) << "a100:2";
        QTest::newRow("partitions") << int(Field::Partition) << "batch,batch_gpu";
        QTest::newRow("output pattern") << int(Field::Output) << "logs/train-%j.out";
        QTest::newRow("mail type") << int(Field::MailType) << "TIME_LIMIT_80,FAIL";
    }
    void goodValuesAccepted()
    {
        QFETCH(int, field);
        QFETCH(QString, value);
        BatchJob job = baseJob();
        setField(job, Field(field), value);
        const QStringList problems = BatchScriptWriter::validate(job);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    void outputLeavingTheFolderIsRefused()
    {
        BatchJob job = baseJob();
        job.resources.output = QStringLiteral("../../etc/x");
        QVERIFY(!BatchScriptWriter::validate(job).isEmpty());
    }

    void shellQuote()
    {
        QCOMPARE(ShellQuote::quote(QStringLiteral("abc-1.2/x=y@z%+:,")), QStringLiteral("abc-1.2/x=y@z%+:,"));
        QCOMPARE(ShellQuote::quote(QString()), QStringLiteral("''"));
        QCOMPARE(ShellQuote::quote(QStringLiteral("a b")), QStringLiteral("'a b'"));
        QCOMPARE(ShellQuote::quote(QStringLiteral("it's")), QStringLiteral("'it'\"'\"'s'"));
        QCOMPARE(ShellQuote::path(QStringLiteral("~/mltf jobs/t")), QStringLiteral("\"$HOME\"/'mltf jobs/t'"));
        QCOMPARE(ShellQuote::path(QStringLiteral("/scratch/x")), QStringLiteral("/scratch/x"));
        QVERIFY(ShellQuote::hasControlCharacters(QStringLiteral("a\tb")));
        QVERIFY(!ShellQuote::hasControlCharacters(QStringLiteral("a b")));
    }
};

QTEST_GUILESS_MAIN(TestBatchScriptWriter)
#include "TestBatchScriptWriter.moc"
