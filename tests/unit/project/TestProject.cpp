// Project: loading every real-world fixture, reading its values, unchanged saves that are byte-identical,
// edits that keep unknown keys, order and comments, and the safety rules of saving.
#include "ProjectTestUtil.h"

#include "project/Project.h"
#include "util/Settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace mltf;
using namespace mltf::project;
using namespace mltf::project::test;

class TestProject : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsEveryFixture_data();
    void loadsEveryFixture();
    void unchangedSaveIsByteIdentical_data();
    void unchangedSaveIsByteIdentical();
    void readsSeedSlides();
    void readsDocsTutorialLeniently();
    void readsGatewayDemos();
    void readsHelloWorldWithCaseInsensitiveName();
    void readsSklearnFlowStyleAndConda();
    void readsSequentialWorkersWithoutName();
    void editKeepsUnknownKeysOrderAndJsonTypes();
    void editKeepsYamlComments();
    void editToParameterDefaultPatchesOnlyThatValue();
    void reorderingReportsFormattingLoss();
    void revertRestoresTheLoadedValue();
    void refusesToOverwriteAnExternalChange();
    void refusesToOverwriteAnExistingFileFromATemplate();
    void envFileFollowsTheMLproject();
    void templatesSaveAndLoadBack_data();
    void templatesSaveAndLoadBack();
    void missingFolderIsReported();
};

void TestProject::initTestCase()
{
    Settings::initialise();
    QVERIFY2(fixtureNames().size() >= 7, "tests/data/projects holds the real-world fixtures");
}

void TestProject::loadsEveryFixture_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : fixtureNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestProject::loadsEveryFixture()
{
    QFETCH(QString, name);
    const Project project = Project::load(fixture(name));
    QVERIFY(project.isFolderReadable());
    QVERIFY(project.hasFile(ProjectFileKind::MLproject));
    QVERIFY(project.activeEnvFile().has_value());
    for (ProjectFileKind kind : allProjectFileKinds()) {
        if (!project.hasFile(kind))
            continue;
        QVERIFY2(project.isParseable(kind), qPrintable(project.fileName(kind)));
        QVERIFY(!project.isDirty(kind));
        QVERIFY(!project.saveLosesFormatting(kind));
        QCOMPARE(project.renderedText(kind), readAll(project.filePath(kind)));
    }
    QVERIFY(!project.mlProject().entryPoints.isEmpty());
}

void TestProject::unchangedSaveIsByteIdentical_data()
{
    loadsEveryFixture_data();
}

void TestProject::unchangedSaveIsByteIdentical()
{
    QFETCH(QString, name);
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(copyFolder(fixture(name), temp.path()));
    Project project = Project::load(temp.path());
    // Set every value to itself: nothing changes, so nothing may be rewritten differently.
    project.setMlProject(project.mlProject());
    if (project.hasFile(ProjectFileKind::PythonEnv))
        project.setPythonEnv(project.pythonEnv());
    if (project.hasFile(ProjectFileKind::CondaEnv))
        project.setCondaEnv(project.condaEnv());
    if (project.hasFile(ProjectFileKind::SlurmConfig))
        project.setSlurmConfig(project.slurmConfig());
    if (project.hasFile(ProjectFileKind::GatewayConfig))
        project.setGatewayConfig(project.gatewayConfig());
    QVERIFY(!project.isAnyDirty());
    for (ProjectFileKind kind : allProjectFileKinds()) {
        if (!project.hasFile(kind))
            continue;
        // What Save would write is the original: saving a clean file leaves it untouched.
        const QByteArray text = project.renderedText(kind);
        const Status saved = project.save(kind);
        QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
        QCOMPARE(text, readAll(fixture(name) + QLatin1Char('/') + project.fileName(kind)));
    }
    QVERIFY(project.saveAll().ok());
    const QStringList files = QDir(fixture(name)).entryList(QDir::Files);
    for (const QString &file : files)
        QCOMPARE(readAll(temp.filePath(file)), readAll(fixture(name) + QLatin1Char('/') + file));

    // A change undone before saving also writes the original bytes.
    MLProject ml = project.mlProject();
    const QString command = ml.entryPoints[0].command;
    ml.entryPoints[0].command = QStringLiteral("python other.py");
    project.setMlProject(ml);
    QVERIFY(project.isDirty(ProjectFileKind::MLproject));
    ml.entryPoints[0].command = command;
    project.setMlProject(ml);
    QVERIFY(!project.isDirty(ProjectFileKind::MLproject));
    QCOMPARE(project.renderedText(ProjectFileKind::MLproject), project.originalText(ProjectFileKind::MLproject));
}

void TestProject::readsSeedSlides()
{
    const Project project = Project::load(fixture(QStringLiteral("seed-slides")));
    const MLProject ml = project.mlProject();
    QCOMPARE(ml.name, QStringLiteral("Project Test"));
    QCOMPARE(ml.envKind, MLProject::EnvKind::Python);
    QCOMPARE(ml.envFile, QStringLiteral("python_env.yaml"));
    QCOMPARE(ml.entryPoints.size(), 1);
    QCOMPARE(ml.entryPoints[0].name, QStringLiteral("main"));
    QCOMPARE(ml.entryPoints[0].command, QStringLiteral("python train_sklearn.py"));

    const PythonEnv env = project.pythonEnv();
    QCOMPARE(env.python, QStringLiteral("3.10.4"));
    QCOMPARE(env.buildDependencies, QStringList({"pip", "setuptools", "wheel==0.37.1"}));
    QCOMPARE(env.dependencies.size(), 8);
    QCOMPARE(env.dependencies.first(), QStringLiteral("mlflow==2.8.1"));

    const SlurmConfig slurm = project.slurmConfig();
    QCOMPARE(slurm.account, QStringLiteral("mltf_acc"));
    QCOMPARE(slurm.mem, QStringLiteral("4G"));
    QCOMPARE(slurm.partition, QStringLiteral("pascal"));
    QCOMPARE(slurm.time, QStringLiteral("8:00:00"));
    QCOMPARE(slurm.gres, QStringLiteral("gpu:1"));
    QCOMPARE(slurm.mailUser, QStringLiteral("researcher@example.edu"));
    QCOMPARE(slurm.mailType, QStringLiteral("FAIL"));
    QCOMPARE(slurm.ntasks, QStringLiteral("1"));
    QCOMPARE(slurm.jobName, QStringLiteral("MG_process_HiggsW"));
    QCOMPARE(slurm.output, QStringLiteral("G_NJL_tautau_2J.out"));
    QCOMPARE(slurm.sbatchScriptFile, QStringLiteral("batchFile"));
    QCOMPARE(slurm.modules, QStringList({"GCCcore/.11.3.0", "Python/3.10.4"}));
    QVERIFY(slurm.requestsGpu());
    QVERIFY(!project.hasFile(ProjectFileKind::GatewayConfig));
}

void TestProject::readsDocsTutorialLeniently()
{
    const Project project = Project::load(fixture(QStringLiteral("mltf-docs-tutorial")));
    // The trailing comma is invalid JSON, yet every value is read.
    QVERIFY(project.isParseable(ProjectFileKind::SlurmConfig));
    const SlurmConfig slurm = project.slurmConfig();
    QCOMPARE(slurm.modules, QStringList({"GCCcore/.11.3.0", "Python/3.10.4"}));
    QCOMPARE(slurm.mem, QStringLiteral("4G"));
    QCOMPARE(slurm.gpusPerNode, QStringLiteral("2"));
    QCOMPARE(slurm.partition, QStringLiteral("Pascal"));
    QCOMPARE(slurm.time, QStringLiteral("8:00:00"));
    QCOMPARE(slurm.ntasks, QStringLiteral("1"));
    QCOMPARE(slurm.sbatchScriptFile, QStringLiteral("batchFile"));
    QVERIFY(slurm.requestsGpu());
    // Comments in python_env.yaml do not get in the way.
    QCOMPARE(project.pythonEnv().buildDependencies, QStringList({"pip", "setuptools", "wheel==0.37.1"}));
}

void TestProject::readsGatewayDemos()
{
    const Project gpu = Project::load(fixture(QStringLiteral("mltf-gpu-demo")));
    const GatewayConfig g = gpu.gatewayConfig();
    QCOMPARE(g.nodes, QStringLiteral("1"));
    QCOMPARE(g.cpusPerTask, QStringLiteral("1"));
    QCOMPARE(g.mem, QStringLiteral("8192"));
    QCOMPARE(g.time, QStringLiteral("3600"));
    QCOMPARE(g.partition, QStringLiteral("batch_gpu"));
    QCOMPARE(g.account, QStringLiteral("mltf_acc"));
    QCOMPARE(g.gres, QStringLiteral("gpu:nvidia_rtx_a6000:1"));
    QCOMPARE(g.debug, std::optional<bool>(true));
    QVERIFY(g.requestsGpu());
    QCOMPARE(gpu.pythonEnv().dependencies,
             QStringList({"mlflow-skinny", "psutil", "pynvml", "pandas", "torch", "torchvision", "tqdm"}));

    const Project cpu = Project::load(fixture(QStringLiteral("mltf-cpu-demo")));
    QCOMPARE(cpu.gatewayConfig().partition, QStringLiteral("batch"));
    QVERIFY(cpu.gatewayConfig().account.isEmpty());
    QVERIFY(!cpu.gatewayConfig().requestsGpu());
}

void TestProject::readsHelloWorldWithCaseInsensitiveName()
{
    const Project project = Project::load(fixture(QStringLiteral("mltf-hello-world")));
    QVERIFY(project.hasFile(ProjectFileKind::MLproject));
    QCOMPARE(project.fileName(ProjectFileKind::MLproject), QStringLiteral("MLProject"));
    QVERIFY(project.filePath(ProjectFileKind::MLproject).endsWith(QLatin1String("/MLProject")));
    QVERIFY(project.mlProject().name.isEmpty());
    QCOMPARE(project.mlProject().entryPoints[0].command, QStringLiteral("./demo.sh"));
    QCOMPARE(project.pythonEnv().python, QStringLiteral("3.13.5"));
    QCOMPARE(project.pythonEnv().dependencies, QStringList({"mlflow-skinny==3.1.1"}));
}

void TestProject::readsSklearnFlowStyleAndConda()
{
    const Project project = Project::load(fixture(QStringLiteral("sklearn-elasticnet-wine")));
    const MLProject ml = project.mlProject();
    QCOMPARE(ml.envKind, MLProject::EnvKind::Conda);
    QCOMPARE(ml.envFile, QStringLiteral("conda.yaml"));
    QCOMPARE(project.activeEnvFile(), std::optional<ProjectFileKind>(ProjectFileKind::CondaEnv));
    QStringList names;
    for (const EntryPoint &e : ml.entryPoints)
        names << e.name;
    QCOMPARE(names, QStringList({"download_data", "train", "search"}));
    const EntryPoint *train = ml.entryPoint(QStringLiteral("train"));
    QVERIFY(train);
    QCOMPARE(train->parameters.size(), 3);
    QCOMPARE(train->parameters[0].name, QStringLiteral("alpha"));
    QCOMPARE(train->parameters[0].type, QStringLiteral("float"));
    QVERIFY(train->parameters[0].hasDefault);
    QCOMPARE(train->parameters[0].defaultValue, QStringLiteral("0.5"));
    QCOMPARE(train->parameters[2].type, QStringLiteral("path"));
    QCOMPARE(train->parameters[2].defaultValue, QStringLiteral("."));
    // `{type path, default: ...}`: YAML reads a key "type path", so the type stays MLflow's default.
    const Parameter backend = ml.entryPoint(QStringLiteral("search"))->parameters[2];
    QCOMPARE(backend.name, QStringLiteral("train_backend_config"));
    QCOMPARE(backend.type, QStringLiteral("string"));
    QCOMPARE(backend.defaultValue, QStringLiteral("slurm_config.json"));

    const CondaEnv conda = project.condaEnv();
    QCOMPARE(conda.name, QStringLiteral("tutorial"));
    QCOMPARE(conda.channels, QStringList({"conda-forge"}));
    QCOMPARE(conda.dependencies, QStringList({"python=3.7", "pip"}));
    QCOMPARE(conda.pipDependencies.size(), 5);
    QCOMPARE(conda.pipDependencies.last(), QStringLiteral("git+https://github.com/ncsa/mlflow-slurm.git@initial"));
    // The unused python_env.yaml is still read.
    QCOMPARE(project.pythonEnv().python, QStringLiteral("3.9"));
}

void TestProject::readsSequentialWorkersWithoutName()
{
    const Project project = Project::load(fixture(QStringLiteral("sequential-workers")));
    QVERIFY(project.mlProject().name.isEmpty());
    QCOMPARE(project.mlProject().entryPoints[0].command, QStringLiteral("./demo.sh"));
    QCOMPARE(project.pythonEnv().python, QStringLiteral("3.10"));
}

void TestProject::editKeepsUnknownKeysOrderAndJsonTypes()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("seed-slides")), temp.path()));
    Project project = Project::load(temp.path());
    SlurmConfig slurm = project.slurmConfig();
    slurm.gres = QStringLiteral("gpu:2");
    slurm.nodes = QStringLiteral("2");
    project.setSlurmConfig(slurm);
    QVERIFY(project.isDirty(ProjectFileKind::SlurmConfig));
    QVERIFY(!project.saveLosesFormatting(ProjectFileKind::SlurmConfig));
    QVERIFY(project.save(ProjectFileKind::SlurmConfig).ok());
    QVERIFY(!project.isDirty(ProjectFileKind::SlurmConfig));

    const QByteArray saved = readAll(temp.filePath(QStringLiteral("slurm_config.json")));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(saved, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json.object().value(QLatin1String("gres")).toString(), QStringLiteral("gpu:2"));
    // Types as written: ntasks stays the string "1"; the new nodes key is a number.
    QVERIFY(json.object().value(QLatin1String("ntasks")).isString());
    QVERIFY(json.object().value(QLatin1String("nodes")).isDouble());
    QCOMPARE(json.object().value(QLatin1String("mail-user")).toString(), QStringLiteral("researcher@example.edu"));
    // Key order kept (QJsonObject would sort it): compare the positions in the text.
    const QStringList order = {"account", "mem", "partition", "time", "gres", "mail-user", "mail-type",
                               "ntasks", "job-name", "output", "sbatch-script-file", "modules", "nodes"};
    int previous = -1;
    for (const QString &key : order) {
        const int at = saved.indexOf(QByteArray("\"") + key.toUtf8() + "\":");
        QVERIFY2(at > previous, qPrintable(key));
        previous = at;
    }
    // Only the changed line differs, plus the appended key.
    const QByteArray original = readAll(fixture(QStringLiteral("seed-slides/slurm_config.json")));
    QByteArray expected = original;
    expected.replace("\"gres\": \"gpu:1\"", "\"gres\": \"gpu:2\"");
    expected.replace("\"Python/3.10.4\"]\n}", "\"Python/3.10.4\"],\n  \"nodes\": 2\n}");
    QCOMPARE(saved, expected);
    QCOMPARE(Project::load(temp.path()).slurmConfig(), project.slurmConfig());
}

void TestProject::editKeepsYamlComments()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("mltf-gpu-demo")), temp.path()));
    Project project = Project::load(temp.path());
    PythonEnv env = project.pythonEnv();
    env.dependencies.insert(1, QStringLiteral("numpy"));
    env.dependencies.removeAll(QStringLiteral("tqdm"));
    env.dependencies << QStringLiteral("scipy");
    env.python = QStringLiteral("3.11");
    project.setPythonEnv(env);
    QVERIFY(!project.saveLosesFormatting(ProjectFileKind::PythonEnv));
    QVERIFY(project.save(ProjectFileKind::PythonEnv).ok());
    const QByteArray saved = readAll(temp.filePath(QStringLiteral("python_env.yaml")));
    QCOMPARE(saved, QByteArray("# Python version required to run the project.\n"
                               "# This will be installed via pyenv (github.com/pyenv/pyenv)\n"
                               "python: \"3.11\"\n"
                               "\n"
                               "dependencies:\n"
                               "  - mlflow-skinny\n"
                               "  - numpy\n"
                               "  # Needed to track gpu/cpu utilization\n"
                               "  - psutil\n"
                               "  - pynvml\n"
                               "\n"
                               "  # Libraries needed for training\n"
                               "  - pandas\n"
                               "  - torch\n"
                               "  - torchvision\n"
                               "  - scipy\n"));
    QCOMPARE(Project::load(temp.path()).pythonEnv(), env);
}

void TestProject::editToParameterDefaultPatchesOnlyThatValue()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("sklearn-elasticnet-wine")), temp.path()));
    Project project = Project::load(temp.path());
    MLProject ml = project.mlProject();
    ml.entryPoints[1].parameters[0].defaultValue = QStringLiteral("0.7");
    project.setMlProject(ml);
    QVERIFY(project.save(ProjectFileKind::MLproject).ok());
    QByteArray expected = readAll(fixture(QStringLiteral("sklearn-elasticnet-wine/MLproject")));
    expected.replace("alpha: {type: float, default: 0.5}", "alpha: {type: float, default: 0.7}");
    QCOMPARE(readAll(temp.filePath(QStringLiteral("MLproject"))), expected);
    const Project reloaded = Project::load(temp.path());
    QCOMPARE(reloaded.mlProject(), ml);
    QCOMPARE(reloaded.mlProject().entryPoint(QStringLiteral("train"))->parameters[0].defaultValue,
             QStringLiteral("0.7"));
}

void TestProject::reorderingReportsFormattingLoss()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("sklearn-elasticnet-wine")), temp.path()));
    Project project = Project::load(temp.path());
    MLProject ml = project.mlProject();
    std::swap(ml.entryPoints[0], ml.entryPoints[2]);
    project.setMlProject(ml);
    // The commented-out python_env line cannot survive a full rewrite: the user must be told.
    QVERIFY(project.saveLosesFormatting(ProjectFileKind::MLproject));
    QVERIFY(!project.renderedText(ProjectFileKind::MLproject).contains("# python_env"));
    QVERIFY(project.save(ProjectFileKind::MLproject).ok());
    const Project reloaded = Project::load(temp.path());
    QCOMPARE(reloaded.mlProject(), ml);
    QCOMPARE(reloaded.mlProject().entryPoints[0].name, QStringLiteral("search"));
    // Two-space indentation in the rewritten file.
    QVERIFY(reloaded.originalText(ProjectFileKind::MLproject).contains("\n  search:\n    parameters:\n      num_runs:"));

    // A JSON file already in the canonical layout loses nothing when rewritten.
    QTemporaryDir temp2;
    QVERIFY(copyFolder(fixture(QStringLiteral("mltf-gpu-demo")), temp2.path()));
    Project gpu = Project::load(temp2.path());
    GatewayConfig g = gpu.gatewayConfig();
    g.gres = QStringLiteral("gpu:nvidia_rtx_a6000:2");
    gpu.setGatewayConfig(g);
    QVERIFY(!gpu.saveLosesFormatting(ProjectFileKind::GatewayConfig));
}

void TestProject::revertRestoresTheLoadedValue()
{
    Project project = Project::load(fixture(QStringLiteral("seed-slides")));
    const SlurmConfig before = project.slurmConfig();
    SlurmConfig changed = before;
    changed.time = QStringLiteral("1:00:00");
    project.setSlurmConfig(changed);
    QVERIFY(project.isDirty(ProjectFileKind::SlurmConfig));
    QVERIFY(project.renderedText(ProjectFileKind::SlurmConfig).contains("\"time\": \"1:00:00\""));
    project.revert(ProjectFileKind::SlurmConfig);
    QVERIFY(!project.isDirty(ProjectFileKind::SlurmConfig));
    QCOMPARE(project.slurmConfig(), before);

    // A file created in memory disappears again.
    project.setGatewayConfig(GatewayConfig{});
    QVERIFY(project.hasFile(ProjectFileKind::GatewayConfig));
    QVERIFY(project.isDirty(ProjectFileKind::GatewayConfig));
    project.revert(ProjectFileKind::GatewayConfig);
    QVERIFY(!project.hasFile(ProjectFileKind::GatewayConfig));
}

void TestProject::refusesToOverwriteAnExternalChange()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("seed-slides")), temp.path()));
    Project project = Project::load(temp.path());
    SlurmConfig slurm = project.slurmConfig();
    slurm.time = QStringLiteral("2:00:00");
    project.setSlurmConfig(slurm);
    const QString path = temp.filePath(QStringLiteral("slurm_config.json"));
    const QByteArray external = "{\"time\": \"5:00\"}\n";
    QVERIFY(writeAll(path, external));
    const Status saved = project.save(ProjectFileKind::SlurmConfig);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, Error::Kind::Io);
    QVERIFY(saved.error().message.contains(QLatin1String("changed by another program")));
    QCOMPARE(readAll(path), external);
}

void TestProject::refusesToOverwriteAnExistingFileFromATemplate()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("mltf-cpu-demo")), temp.path()));
    Project project = Project::fromTemplate(Project::Template::Blank, temp.path(), QStringLiteral("x"));
    const Status saved = project.saveAll();
    QVERIFY(!saved.ok());
    QCOMPARE(readAll(temp.filePath(QStringLiteral("MLproject"))),
             readAll(fixture(QStringLiteral("mltf-cpu-demo/MLproject"))));
}

void TestProject::envFileFollowsTheMLproject()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("seed-slides")), temp.path()));
    Project project = Project::load(temp.path());
    MLProject ml = project.mlProject();
    ml.envFile = QStringLiteral("envs/runtime.yaml");
    project.setMlProject(ml);
    QCOMPARE(project.fileName(ProjectFileKind::PythonEnv), QStringLiteral("envs/runtime.yaml"));
    // The values move with the name into a new file.
    QCOMPARE(project.pythonEnv().python, QStringLiteral("3.10.4"));
    QVERIFY(project.isDirty(ProjectFileKind::PythonEnv));
    QVERIFY(project.saveAll().ok());
    const Project reloaded = Project::load(temp.path());
    QCOMPARE(reloaded.fileName(ProjectFileKind::PythonEnv), QStringLiteral("envs/runtime.yaml"));
    QCOMPARE(reloaded.pythonEnv(), project.pythonEnv());
    QVERIFY(QFile::exists(temp.filePath(QStringLiteral("python_env.yaml")))); // never deleted
}

void TestProject::templatesSaveAndLoadBack_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("blank") << int(Project::Template::Blank);
    QTest::newRow("pytorch-gpu") << int(Project::Template::PyTorchGpu);
    QTest::newRow("scikit-learn") << int(Project::Template::ScikitLearn);
}

void TestProject::templatesSaveAndLoadBack()
{
    QFETCH(int, kind);
    QTemporaryDir temp;
    const QString dir = temp.filePath(QStringLiteral("new project"));
    Project project = Project::fromTemplate(Project::Template(kind), dir, QStringLiteral("My Project"));
    QVERIFY(project.isAnyDirty());
    QVERIFY2(!hasError(project.diagnostics(Project::Target::Gateway)),
             qPrintable(describe(project.diagnostics(Project::Target::Gateway))));
    const Status saved = project.saveAll();
    QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
    QVERIFY(!project.isAnyDirty());
    QVERIFY(project.pendingNewFiles().isEmpty());

    const Project loaded = Project::load(dir);
    QCOMPARE(loaded.mlProject(), project.mlProject());
    QCOMPARE(loaded.mlProject().name, QStringLiteral("My Project"));
    QCOMPARE(loaded.pythonEnv(), project.pythonEnv());
    QCOMPARE(loaded.hasFile(ProjectFileKind::SlurmConfig), project.hasFile(ProjectFileKind::SlurmConfig));
    QCOMPARE(loaded.slurmConfig(), project.slurmConfig());
    QCOMPARE(loaded.gatewayConfig(), project.gatewayConfig());
    const QList<Diagnostic> diagnostics = loaded.diagnostics(Project::Target::Gateway);
    QVERIFY2(countSeverity(diagnostics, Diagnostic::Severity::Error) == 0 &&
                 countSeverity(diagnostics, Diagnostic::Severity::Warning) == 0,
             qPrintable(describe(diagnostics)));
    if (Project::Template(kind) == Project::Template::PyTorchGpu) {
        QVERIFY(loaded.slurmConfig().requestsGpu());
        QVERIFY(loaded.gatewayConfig().requestsGpu());
        QVERIFY(QFile::exists(QDir(dir).filePath(QStringLiteral("train.py"))));
    }
}

void TestProject::missingFolderIsReported()
{
    const Project project = Project::load(QStringLiteral("/nonexistent/mltf/project"));
    QVERIFY(!project.isFolderReadable());
    const QList<Diagnostic> diagnostics = project.diagnostics();
    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics[0].severity, Diagnostic::Severity::Error);
    QVERIFY(diagnostics[0].message.contains(QLatin1String("does not exist")));
}

QTEST_GUILESS_MAIN(TestProject)
#include "TestProject.moc"
