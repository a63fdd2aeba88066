// Writing projects: a project built in code is written in the form mlproject.md describes and loads back
// equal; edits keep unknown keys, order and comments; unparseable files are never overwritten; automatic fixes
// repair the text minimally.
#include "ProjectTestUtil.h"

#include "project/DocNode.h"
#include "project/JsonDocumentParser.h"
#include "project/Project.h"
#include "project/YamlDocumentParser.h"
#include "util/Settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace mltf;
using namespace mltf::project;
using namespace mltf::project::test;

namespace {

Parameter param(const QString &name, const QString &type, std::optional<QString> defaultValue = std::nullopt)
{
    Parameter p;
    p.name = name;
    p.type = type;
    p.hasDefault = defaultValue.has_value();
    p.defaultValue = defaultValue.value_or(QString());
    return p;
}

QJsonObject strictJson(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "invalid JSON:" << error.errorString() << "at" << error.offset;
    return doc.object();
}

} // namespace

class TestProjectWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Settings::initialise(); }
    void projectBuiltInCodeLoadsBackEqual();
    void writtenFilesFollowTheMLflowFormat();
    void dockerEnvironmentRoundTrip();
    void condaEnvironmentRoundTrip();
    void changedValueKeepsUnknownKeysOrderAndComments();
    void awkwardStringsAreQuoted();
    void invalidYamlIsNeverOverwritten();
    void invalidJsonIsNeverOverwritten();
    void trailingCommaFix();
    void trailingCommaGoesWithTheFirstEdit();
    void quotePythonVersionFix();
    void missingColonFix();
    void removeGatewaySecretsFix();
    void fixWithoutFixIdIsRefused();

private:
    static Project builtInCode(const QString &dir);
};

Project TestProjectWriter::builtInCode(const QString &dir)
{
    Project project = Project::fromTemplate(Project::Template::Blank, dir, QStringLiteral("built"));
    MLProject ml;
    ml.name = QStringLiteral("Built in code");
    ml.envKind = MLProject::EnvKind::Python;
    ml.envFile = QStringLiteral("python_env.yaml");
    EntryPoint main;
    main.name = QStringLiteral("main");
    main.parameters = {param("alpha", "float", "0.5"), param("epochs", "int", "10"), param("data", "path", "."),
                       param("source", "uri", "s3://bucket/x"), param("label", "string", "3.10"),
                       param("required", "string")};
    main.command = QStringLiteral("python main.py --alpha {alpha} --epochs {epochs} --data {data} --source {source} "
                                  "--label {label} --required {required} --json '{{\"k\": 1}}'");
    EntryPoint eval;
    eval.name = QStringLiteral("evaluate");
    eval.parameters = {param("model", "path")};
    eval.command = QStringLiteral("python evaluate.py {model}");
    ml.entryPoints = {main, eval};
    project.setMlProject(ml);

    PythonEnv env;
    env.python = QStringLiteral("3.10");
    env.buildDependencies = {QStringLiteral("pip"), QStringLiteral("setuptools")};
    env.dependencies = {QStringLiteral("mlflow==2.8.1"), QStringLiteral("psutil"), QStringLiteral("pynvml"),
                        QStringLiteral("-r requirements.txt")};
    project.setPythonEnv(env);

    SlurmConfig slurm;
    slurm.partition = QStringLiteral("pascal");
    slurm.account = QStringLiteral("mltf_acc");
    slurm.gpusPerNode = QStringLiteral("2");
    slurm.mem = QStringLiteral("4G");
    slurm.time = QStringLiteral("1-00:00:00");
    slurm.nodes = QStringLiteral("1");
    slurm.exclusive = true;
    slurm.modules = {QStringLiteral("GCCcore/.11.3.0"), QStringLiteral("Python/3.10.4")};
    slurm.environment = {QStringLiteral("OMP_NUM_THREADS=4")};
    slurm.mailUser = QStringLiteral("someone@example.edu");
    project.setSlurmConfig(slurm);

    GatewayConfig gateway;
    gateway.nodes = QStringLiteral("1");
    gateway.cpusPerTask = QStringLiteral("4");
    gateway.mem = QStringLiteral("8192");
    gateway.time = QStringLiteral("3600");
    gateway.partition = QStringLiteral("batch_gpu");
    gateway.gres = QStringLiteral("gpu:nvidia_rtx_a6000:1");
    gateway.jobName = QStringLiteral("built");
    gateway.debug = false;
    project.setGatewayConfig(gateway);
    return project;
}

void TestProjectWriter::projectBuiltInCodeLoadsBackEqual()
{
    QTemporaryDir temp;
    Project project = builtInCode(temp.path());
    const Status saved = project.saveAll();
    QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
    const Project loaded = Project::load(temp.path());
    QCOMPARE(loaded.mlProject(), project.mlProject());
    QCOMPARE(loaded.pythonEnv(), project.pythonEnv());
    QCOMPARE(loaded.slurmConfig(), project.slurmConfig());
    QCOMPARE(loaded.gatewayConfig(), project.gatewayConfig());
    for (ProjectFileKind kind : allProjectFileKinds()) {
        if (loaded.hasFile(kind))
            QVERIFY(loaded.isParseable(kind));
    }
    const QList<Diagnostic> diagnostics = loaded.diagnostics(Project::Target::Local);
    QVERIFY2(!hasError(diagnostics), qPrintable(describe(diagnostics)));
    // The required parameter is the one warning (and an error for the gateway).
    QVERIFY(findDiagnostic(diagnostics, QStringLiteral("MLproject"), QStringLiteral("\"required\" has no default")));
    QVERIFY(hasError(loaded.diagnostics(Project::Target::Gateway)));
}

void TestProjectWriter::writtenFilesFollowTheMLflowFormat()
{
    QTemporaryDir temp;
    Project project = builtInCode(temp.path());
    QVERIFY(project.saveAll().ok());

    const QByteArray mlText = readAll(temp.filePath(QStringLiteral("MLproject")));
    const ParsedDocument ml = YamlDocumentParser::parse(mlText);
    QVERIFY(ml.ok);
    QVERIFY(ml.diagnostics.isEmpty());
    const DocNode &root = ml.root;
    QCOMPARE(root.keyAt(0), QStringLiteral("name"));
    QVERIFY(root.get(QStringLiteral("python_env")));
    QVERIFY(!root.get(QStringLiteral("conda_env")));
    QVERIFY(!root.get(QStringLiteral("docker_env")));
    const DocNode *alpha = root.find(QStringLiteral("entry_points.main.parameters.alpha"));
    QVERIFY(alpha && alpha->isMap());
    QCOMPARE(alpha->get(QStringLiteral("type"))->scalar, QStringLiteral("float"));
    QCOMPARE(alpha->get(QStringLiteral("default"))->valueType(), DocNode::ValueType::Float);
    // A string default that looks like a number stays a string.
    const DocNode *label = root.find(QStringLiteral("entry_points.main.parameters.label.default"));
    QVERIFY(label);
    QCOMPARE(label->valueType(), DocNode::ValueType::String);
    QCOMPARE(label->scalar, QStringLiteral("3.10"));
    // Every parameter has an explicit type; a required one has no default key.
    const DocNode *required = root.find(QStringLiteral("entry_points.main.parameters.required"));
    QVERIFY(required && required->get(QStringLiteral("type")) && !required->get(QStringLiteral("default")));
    const DocNode *command = root.find(QStringLiteral("entry_points.main.command"));
    QCOMPARE(command->valueType(), DocNode::ValueType::String);
    QVERIFY(command->scalar.contains(QLatin1String("{{\"k\": 1}}")));
    // Two-space indentation, parameters before the command in a new entry point.
    QVERIFY(mlText.contains("entry_points:\n  main:\n    parameters:\n      alpha: {type: float, default: 0.5}\n"));

    const QByteArray envText = readAll(temp.filePath(QStringLiteral("python_env.yaml")));
    QVERIFY(envText.startsWith("python: \"3.10\"\n"));
    const ParsedDocument env = YamlDocumentParser::parse(envText);
    QCOMPARE(env.root.get(QStringLiteral("python"))->valueType(), DocNode::ValueType::String);
    QVERIFY(env.root.get(QStringLiteral("build_dependencies"))->isSeq());
    QVERIFY(env.root.get(QStringLiteral("dependencies"))->isSeq());
    QCOMPARE(env.root.get(QStringLiteral("dependencies"))->scalarList().last(), QStringLiteral("-r requirements.txt"));

    const QJsonObject slurm = strictJson(readAll(temp.filePath(QStringLiteral("slurm_config.json"))));
    QVERIFY(!slurm.isEmpty());
    QCOMPARE(slurm.value(QLatin1String("partition")).toString(), QStringLiteral("pascal"));
    QCOMPARE(slurm.value(QLatin1String("gpus_per_node")).toInt(), 2);
    QCOMPARE(slurm.value(QLatin1String("nodes")).toInt(), 1);
    QCOMPARE(slurm.value(QLatin1String("exclusive")).toBool(), true);
    QCOMPARE(slurm.value(QLatin1String("modules")).toArray().size(), 2);
    QCOMPARE(slurm.value(QLatin1String("time")).toString(), QStringLiteral("1-00:00:00"));

    const QJsonObject gateway = strictJson(readAll(temp.filePath(QStringLiteral("gateway_config.json"))));
    QCOMPARE(gateway.value(QLatin1String("cpus-per-task")).toInt(), 4);
    QVERIFY(gateway.value(QLatin1String("mem")).isString());
    QCOMPARE(gateway.value(QLatin1String("time")).toInt(), 3600);
    QCOMPARE(gateway.value(QLatin1String("debug")).toBool(true), false);
    QVERIFY(!gateway.contains(QLatin1String("url")));
    QVERIFY(!gateway.contains(QLatin1String("auth_token")));
}

void TestProjectWriter::dockerEnvironmentRoundTrip()
{
    QTemporaryDir temp;
    Project project = Project::fromTemplate(Project::Template::Blank, temp.path(), QStringLiteral("docker"));
    MLProject ml = project.mlProject();
    ml.envKind = MLProject::EnvKind::Docker;
    ml.envFile.clear();
    ml.dockerEnv.image = QStringLiteral("mlflow-docker-example:latest");
    ml.dockerEnv.volumes = {QStringLiteral("/data:/data")};
    ml.dockerEnv.environment = {DockerEnvVar{QStringLiteral("NEW_ENV_VAR"), QStringLiteral("new_var_value")},
                                DockerEnvVar{QStringLiteral("VAR_TO_COPY_FROM_HOST_ENVIRONMENT"), std::nullopt}};
    project.setMlProject(ml);
    QVERIFY(project.save(ProjectFileKind::MLproject).ok());
    const QByteArray text = readAll(temp.filePath(QStringLiteral("MLproject")));
    QVERIFY(text.contains("docker_env:\n  image: mlflow-docker-example:latest\n"));
    QVERIFY(text.contains("  environment:\n    - [NEW_ENV_VAR, new_var_value]\n    - VAR_TO_COPY_FROM_HOST_ENVIRONMENT\n"));
    const Project loaded = Project::load(temp.path());
    QCOMPARE(loaded.mlProject(), ml);
    QCOMPARE(loaded.activeEnvFile(), std::nullopt);
}

void TestProjectWriter::condaEnvironmentRoundTrip()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("sklearn-elasticnet-wine")), temp.path()));
    Project project = Project::load(temp.path());
    CondaEnv conda = project.condaEnv();
    conda.pipDependencies << QStringLiteral("psutil");
    conda.channels << QStringLiteral("defaults");
    project.setCondaEnv(conda);
    QVERIFY(!project.saveLosesFormatting(ProjectFileKind::CondaEnv));
    QVERIFY(project.save(ProjectFileKind::CondaEnv).ok());
    const QByteArray text = readAll(temp.filePath(QStringLiteral("conda.yaml")));
    QVERIFY(text.contains("  - conda-forge\n  - defaults\n"));
    QVERIFY(text.contains("      - git+https://github.com/ncsa/mlflow-slurm.git@initial\n      - psutil\n"));
    QCOMPARE(Project::load(temp.path()).condaEnv(), conda);
    QVERIFY(!findDiagnostic(Project::load(temp.path()).diagnostics(), QStringLiteral("conda.yaml"),
                            QStringLiteral("psutil")));
}

void TestProjectWriter::changedValueKeepsUnknownKeysOrderAndComments()
{
    QTemporaryDir temp;
    const QByteArray original = "# Project header comment\n"
                                "name: keep me\n"
                                "python_env: python_env.yaml   # the environment\n"
                                "databricks_spark_job:\n"
                                "  python_file: run.py\n"
                                "entry_points:\n"
                                "  main:\n"
                                "    x-owner: team-a\n"
                                "    parameters:\n"
                                "      alpha: {type: float, default: 0.5, x-unit: none}\n"
                                "      beta: float\n"
                                "    command: 'python run.py {alpha} {beta}'\n";
    QVERIFY(writeAll(temp.filePath(QStringLiteral("MLproject")), original));
    QVERIFY(writeAll(temp.filePath(QStringLiteral("python_env.yaml")), "python: \"3.10\"\n"));
    Project project = Project::load(temp.path());
    MLProject ml = project.mlProject();
    ml.entryPoints[0].parameters[0].defaultValue = QStringLiteral("0.25");
    ml.entryPoints[0].parameters[1].hasDefault = true;
    ml.entryPoints[0].parameters[1].defaultValue = QStringLiteral("1.5");
    ml.entryPoints[0].command = QStringLiteral("python run.py {alpha} {beta} --it's");
    project.setMlProject(ml);
    QVERIFY(!project.saveLosesFormatting(ProjectFileKind::MLproject));
    QVERIFY(project.save(ProjectFileKind::MLproject).ok());
    const QByteArray saved = readAll(temp.filePath(QStringLiteral("MLproject")));
    QCOMPARE(saved, QByteArray("# Project header comment\n"
                               "name: keep me\n"
                               "python_env: python_env.yaml   # the environment\n"
                               "databricks_spark_job:\n"
                               "  python_file: run.py\n"
                               "entry_points:\n"
                               "  main:\n"
                               "    x-owner: team-a\n"
                               "    parameters:\n"
                               "      alpha: {type: float, default: 0.25, x-unit: none}\n"
                               "      beta: {type: float, default: 1.5}\n"
                               "    command: 'python run.py {alpha} {beta} --it''s'\n"));
    QCOMPARE(Project::load(temp.path()).mlProject(), ml);
}

void TestProjectWriter::awkwardStringsAreQuoted()
{
    QTemporaryDir temp;
    Project project = Project::fromTemplate(Project::Template::Blank, temp.path(), QStringLiteral("yes"));
    MLProject ml = project.mlProject();
    ml.entryPoints[0].parameters = {param("flag", "string", "no"), param("hash", "string", "a #b"),
                                    param("colon", "string", "k: v"), param("empty", "string", ""),
                                    param("brace", "string", "{x}"), param("multi", "string", "a\nb")};
    ml.entryPoints[0].command = QStringLiteral("python main.py {flag} {hash} {colon} {empty} {brace} {multi}");
    project.setMlProject(ml);
    QVERIFY(project.save(ProjectFileKind::MLproject).ok());
    const Project loaded = Project::load(temp.path());
    QCOMPARE(loaded.mlProject(), ml);
    QCOMPARE(loaded.mlProject().name, QStringLiteral("yes")); // not the boolean true
}

void TestProjectWriter::invalidYamlIsNeverOverwritten()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(badFixture(QStringLiteral("invalid-yaml")), temp.path()));
    const QString path = temp.filePath(QStringLiteral("MLproject"));
    const QByteArray before = readAll(path);
    Project project = Project::load(temp.path());
    QVERIFY(!project.isParseable(ProjectFileKind::MLproject));
    QVERIFY(hasError(project.diagnostics()));
    MLProject ml = project.mlProject();
    ml.name = QStringLiteral("changed");
    project.setMlProject(ml);
    // The text shown and saved stays the original; saving is refused.
    QCOMPARE(project.renderedText(ProjectFileKind::MLproject), before);
    const Status saved = project.save(ProjectFileKind::MLproject);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, Error::Kind::Parse);
    QVERIFY(!project.saveAll().ok());
    QCOMPARE(readAll(path), before);
    // The other files of the project can still be saved.
    PythonEnv env = project.pythonEnv();
    env.dependencies << QStringLiteral("numpy");
    project.setPythonEnv(env);
    QVERIFY(project.save(ProjectFileKind::PythonEnv).ok());
    QCOMPARE(readAll(path), before);
}

void TestProjectWriter::invalidJsonIsNeverOverwritten()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(badFixture(QStringLiteral("invalid-json")), temp.path()));
    const QString path = temp.filePath(QStringLiteral("slurm_config.json"));
    const QByteArray before = readAll(path);
    Project project = Project::load(temp.path());
    SlurmConfig slurm = project.slurmConfig();
    slurm.gres = QStringLiteral("gpu:1");
    project.setSlurmConfig(slurm);
    QVERIFY(!project.save(ProjectFileKind::SlurmConfig).ok());
    QCOMPARE(readAll(path), before);
}

void TestProjectWriter::trailingCommaFix()
{
    QTemporaryDir temp;
    QVERIFY(copyFolder(fixture(QStringLiteral("mltf-docs-tutorial")), temp.path()));
    Project project = Project::load(temp.path());
    const SlurmConfig before = project.slurmConfig();
    const QList<Diagnostic> list = project.diagnostics();
    const Diagnostic *comma = findDiagnostic(list, QStringLiteral("slurm_config.json"), QStringLiteral("Trailing comma"));
    QVERIFY(comma);
    const Status fixed = project.applyFix(*comma);
    QVERIFY2(fixed.ok(), fixed.ok() ? "" : qPrintable(fixed.error().message));
    // Only the comma is gone (the space after the brace stays, as written).
    QByteArray expected = project.originalText(ProjectFileKind::SlurmConfig);
    expected.replace("\"batchFile\",\n}", "\"batchFile\"\n}");
    QCOMPARE(project.renderedText(ProjectFileKind::SlurmConfig), expected);
    QVERIFY(project.isDirty(ProjectFileKind::SlurmConfig));
    QCOMPARE(project.slurmConfig(), before);
    QVERIFY(!findDiagnostic(project.diagnostics(), QStringLiteral("slurm_config.json"), QStringLiteral("Trailing")));
    QVERIFY(project.save(ProjectFileKind::SlurmConfig).ok());
    const QJsonObject json = strictJson(readAll(temp.filePath(QStringLiteral("slurm_config.json"))));
    QCOMPARE(json.value(QLatin1String("gpus_per_node")).toString(), QStringLiteral("2"));
    QCOMPARE(json.size(), 7);
    QVERIFY(!hasError(Project::load(temp.path()).diagnostics()));
}

void TestProjectWriter::trailingCommaGoesWithTheFirstEdit()
{
    Project project = Project::load(fixture(QStringLiteral("mltf-docs-tutorial")));
    SlurmConfig slurm = project.slurmConfig();
    slurm.gres = QStringLiteral("gpu:1");
    slurm.gpusPerNode = QStringLiteral("1");
    project.setSlurmConfig(slurm);
    const QByteArray text = project.renderedText(ProjectFileKind::SlurmConfig);
    QVERIFY(!project.saveLosesFormatting(ProjectFileKind::SlurmConfig));
    const QJsonObject json = strictJson(text);
    QCOMPARE(json.value(QLatin1String("gres")).toString(), QStringLiteral("gpu:1"));
    QCOMPARE(json.value(QLatin1String("gpus_per_node")).toString(), QStringLiteral("1")); // still a string
    QVERIFY(text.contains("\"sbatch-script-file\" : \"batchFile\",\n\"gres\": \"gpu:1\"\n}"));
}

void TestProjectWriter::quotePythonVersionFix()
{
    Project project = Project::load(badFixture(QStringLiteral("unquoted-python")));
    const Diagnostic *d = findDiagnostic(project.diagnostics(), QStringLiteral("python_env.yaml"), QStringLiteral("quoted"));
    QVERIFY(d);
    QVERIFY(project.applyFix(*d).ok());
    QCOMPARE(project.renderedText(ProjectFileKind::PythonEnv),
             QByteArray("# The version is not quoted.\npython: \"3.10\"\ndependencies:\n  - mlflow\n  - psutil\n"));
    QCOMPARE(project.pythonEnv().python, QStringLiteral("3.10"));
    QVERIFY(!hasError(project.diagnostics()));
}

void TestProjectWriter::missingColonFix()
{
    Project project = Project::load(fixture(QStringLiteral("sklearn-elasticnet-wine")));
    const Diagnostic *d = findDiagnostic(project.diagnostics(), QStringLiteral("MLproject"), QStringLiteral("\"type path\""));
    QVERIFY(d);
    QVERIFY(project.applyFix(*d).ok());
    QByteArray expected = project.originalText(ProjectFileKind::MLproject);
    expected.replace("{type path, default: slurm_config.json}", "{type: path, default: slurm_config.json}");
    QCOMPARE(project.renderedText(ProjectFileKind::MLproject), expected);
    QCOMPARE(project.mlProject().entryPoint(QStringLiteral("search"))->parameters[2].type, QStringLiteral("path"));
    QVERIFY(!findDiagnostic(project.diagnostics(), QStringLiteral("MLproject"), QStringLiteral("colon")));
}

void TestProjectWriter::removeGatewaySecretsFix()
{
    Project project = Project::load(badFixture(QStringLiteral("gateway-secrets")));
    const Diagnostic *d = findDiagnostic(project.diagnostics(), QStringLiteral("gateway_config.json"), QStringLiteral("\"url\""));
    QVERIFY(d);
    QVERIFY(project.applyFix(*d).ok());
    const QByteArray text = project.renderedText(ProjectFileKind::GatewayConfig);
    QCOMPARE(text, QByteArray("{\n  \"nodes\": 1,\n  \"partition\": \"batch\"\n}\n"));
    QVERIFY(!hasError(project.diagnostics()));
}

void TestProjectWriter::fixWithoutFixIdIsRefused()
{
    Project project = Project::load(fixture(QStringLiteral("seed-slides")));
    Diagnostic d;
    d.file = QStringLiteral("slurm_config.json");
    d.message = QStringLiteral("no fix");
    QVERIFY(!project.applyFix(d).ok());
    d.fixId = QStringLiteral("json.remove-trailing-comma"); // nothing to remove here
    QVERIFY(!project.applyFix(d).ok());
    QVERIFY(!project.isDirty(ProjectFileKind::SlurmConfig));
}

QTEST_GUILESS_MAIN(TestProjectWriter)
#include "TestProjectWriter.moc"
