// Project::diagnostics: the quirks of the real-world fixtures and of the broken ones, with file, line,
// column, severity and fix as a user sees them in the diagnostics panel and in `mltf-desktop check`.
#include "ProjectTestUtil.h"

#include "project/Project.h"
#include "util/Settings.h"

#include <QtTest>

using namespace mltf;
using namespace mltf::project;
using namespace mltf::project::test;

using Severity = Diagnostic::Severity;
using Target = Project::Target;

// Finds the diagnostic of `file` containing `text`, failing the test (with the whole list) when it is
// missing.
#define EXPECT_DIAGNOSTIC(var, list, file, text)                                                             \
    const Diagnostic *var##Found = findDiagnostic(list, file, text);                                         \
    QVERIFY2(var##Found,                                                                                     \
             qPrintable(QStringLiteral("no \"%1\" in %2 among:\n%3").arg(text, file, describe(list))));      \
    const Diagnostic &var = *var##Found

class TestProjectDiagnostics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Settings::initialise(); }
    void realFixturesHaveNoErrorButTheTrailingComma_data();
    void realFixturesHaveNoErrorButTheTrailingComma();
    void trailingCommaSaysWhatAndWhere();
    void seedSlidesKeysMlflowSlurmIgnores();
    void missingColonInParameterType();
    void gatewayRunsMainOnly();
    void systemMetricsPackages();
    void invalidYaml();
    void invalidJson();
    void multipleEnvironmentKeys();
    void missingEnvironmentFile();
    void unquotedPythonVersion();
    void placeholdersAndParameters();
    void parameterWithoutDefaultIsAnErrorForTheGateway();
    void slurmValuesAndInjection();
    void gatewaySecrets();
    void mergeKeysAndAliasesAreResolved();
    void diagnosticsFollowEdits();
    void toStringFormat();
};

void TestProjectDiagnostics::realFixturesHaveNoErrorButTheTrailingComma_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("errors");
    for (const QString &name : fixtureNames())
        QTest::newRow(qPrintable(name)) << name << (name == QLatin1String("mltf-docs-tutorial") ? 1 : 0);
}

void TestProjectDiagnostics::realFixturesHaveNoErrorButTheTrailingComma()
{
    QFETCH(QString, name);
    QFETCH(int, errors);
    const QList<Diagnostic> list = Project::load(fixture(name)).diagnostics(Target::Local);
    QVERIFY2(countSeverity(list, Severity::Error) == errors, qPrintable(describe(list)));
    for (const Diagnostic &d : list) {
        QVERIFY(!d.message.isEmpty());
        QVERIFY2(!d.file.isEmpty(), qPrintable(d.toString()));
    }
}

void TestProjectDiagnostics::trailingCommaSaysWhatAndWhere()
{
    const QList<Diagnostic> list = Project::load(fixture(QStringLiteral("mltf-docs-tutorial"))).diagnostics();
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("slurm_config.json"), QStringLiteral("Trailing comma"));
    QCOMPARE(d.severity, Severity::Error);
    // `"sbatch-script-file" : "batchFile",` on line 8: the comma is the 35th character.
    QCOMPARE(d.line, 8);
    QCOMPARE(d.column, 35);
    QCOMPARE(d.fixId, QStringLiteral("json.remove-trailing-comma"));
    QVERIFY(d.message.contains(QLatin1String("Remove the comma")));
}

void TestProjectDiagnostics::seedSlidesKeysMlflowSlurmIgnores()
{
    const QList<Diagnostic> list =
        Project::load(fixture(QStringLiteral("seed-slides"))).diagnostics(Target::Slurm);
    const QString file = QStringLiteral("slurm_config.json");
    const QList<QPair<QString, int>> ignored = {
        {"mail-user", 7}, {"mail-type", 8}, {"job-name", 10}, {"output", 11}};
    for (const auto &[key, line] : ignored) {
        EXPECT_DIAGNOSTIC(d, list, file, QStringLiteral("\"%1\" is not read by mlflow-slurm").arg(key));
        QCOMPARE(d.severity, Severity::Info);
        QCOMPARE(d.line, line);
        QCOMPARE(d.column, 3);
        QCOMPARE(d.path, key);
    }
    // ntasks as a string and the modules list are fine.
    QVERIFY(!findDiagnostic(list, file, QStringLiteral("ntasks")));
    QVERIFY(!findDiagnostic(list, file, QStringLiteral("modules")));
}

void TestProjectDiagnostics::missingColonInParameterType()
{
    const QList<Diagnostic> list =
        Project::load(fixture(QStringLiteral("sklearn-elasticnet-wine"))).diagnostics(Target::Local);
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("MLproject"), QStringLiteral("\"type path\""));
    QCOMPARE(d.severity, Severity::Warning);
    QCOMPARE(d.line, 23);
    QCOMPARE(d.column, 32);
    QCOMPARE(d.path, QStringLiteral("entry_points.search.parameters.train_backend_config.type"));
    QCOMPARE(d.fixId, QStringLiteral("yaml.add-missing-colon"));
    QVERIFY(d.message.contains(QLatin1String("colon is missing")));
    QVERIFY(d.message.contains(QLatin1String("type: path")));
    // The absolute paths of the commands are pointed out; python_env.yaml is named as unused.
    EXPECT_DIAGNOSTIC(absolute, list, QStringLiteral("MLproject"),
                      QStringLiteral("absolute path /u/bengal1"));
    QCOMPARE(absolute.severity, Severity::Info);
    QCOMPARE(absolute.line, 17);
    EXPECT_DIAGNOSTIC(unused, list, QStringLiteral("python_env.yaml"), QStringLiteral("not used"));
    QCOMPARE(unused.severity, Severity::Info);
    QCOMPARE(countSeverity(list, Severity::Error), 0);
}

void TestProjectDiagnostics::gatewayRunsMainOnly()
{
    const QList<Diagnostic> list =
        Project::load(fixture(QStringLiteral("sklearn-elasticnet-wine"))).diagnostics(Target::Gateway);
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("MLproject"), QStringLiteral("does not declare"));
    QCOMPARE(d.severity, Severity::Error);
    QCOMPARE(d.line, 6); // entry_points:
    EXPECT_DIAGNOSTIC(d1, list, QStringLiteral("MLproject"), QStringLiteral("\"train\" cannot be run"));
    QCOMPARE(d1.severity, Severity::Info);

    const QList<Diagnostic> gpu =
        Project::load(fixture(QStringLiteral("mltf-gpu-demo"))).diagnostics(Target::Gateway);
    QVERIFY2(!hasError(gpu), qPrintable(describe(gpu)));
}

void TestProjectDiagnostics::systemMetricsPackages()
{
    // A GPU job without pynvml (seed-slides asks gres gpu:1, docs-tutorial gpus_per_node "2").
    for (const QString &name : {QStringLiteral("seed-slides"), QStringLiteral("mltf-docs-tutorial")}) {
        const QList<Diagnostic> list = Project::load(fixture(name)).diagnostics();
        EXPECT_DIAGNOSTIC(d, list, QStringLiteral("python_env.yaml"), QStringLiteral("pynvml"));
        QCOMPARE(d.severity, Severity::Info);
        QCOMPARE(d.path, QStringLiteral("dependencies"));
        QCOMPARE(d.line, 9);
        QVERIFY(!findDiagnostic(list, QStringLiteral("python_env.yaml"), QStringLiteral("psutil")));
    }
    // psutil missing; mlflow-skinny counts as mlflow.
    const QList<Diagnostic> hello = Project::load(fixture(QStringLiteral("mltf-hello-world"))).diagnostics();
    EXPECT_DIAGNOSTIC(d2, hello, QStringLiteral("python_env.yaml"), QStringLiteral("psutil"));
    QCOMPARE(d2.severity, Severity::Info);
    QVERIFY(!findDiagnostic(hello, QStringLiteral("python_env.yaml"), QStringLiteral("mlflow is not")));
    QVERIFY(!findDiagnostic(hello, QStringLiteral("python_env.yaml"), QStringLiteral("pynvml")));
    // Conda: the pip list is searched too (mlflow>=1.0 is there, psutil is not).
    const QList<Diagnostic> conda =
        Project::load(fixture(QStringLiteral("sklearn-elasticnet-wine"))).diagnostics();
    QVERIFY(findDiagnostic(conda, QStringLiteral("conda.yaml"), QStringLiteral("psutil")));
    QVERIFY(!findDiagnostic(conda, QStringLiteral("conda.yaml"), QStringLiteral("mlflow is not")));
    // The GPU demo has everything.
    const QList<Diagnostic> gpu = Project::load(fixture(QStringLiteral("mltf-gpu-demo"))).diagnostics();
    QVERIFY(!findDiagnostic(gpu, QStringLiteral("python_env.yaml"),
                            QStringLiteral("is not in the dependencies")));
}

void TestProjectDiagnostics::invalidYaml()
{
    const Project project = Project::load(badFixture(QStringLiteral("invalid-yaml")));
    QVERIFY(!project.isParseable(ProjectFileKind::MLproject));
    const QList<Diagnostic> list = project.diagnostics();
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("MLproject"), QStringLiteral("YAML syntax error"));
    QCOMPARE(d.severity, Severity::Error);
    QCOMPARE(d.line, 6);
    QCOMPARE(d.column, 7);
}

void TestProjectDiagnostics::invalidJson()
{
    const Project project = Project::load(badFixture(QStringLiteral("invalid-json")));
    QVERIFY(!project.isParseable(ProjectFileKind::SlurmConfig));
    const QList<Diagnostic> list = project.diagnostics();
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("slurm_config.json"), QStringLiteral("Expected ',' or '}'"));
    QCOMPARE(d.severity, Severity::Error);
    QCOMPARE(d.line, 3);
    QCOMPARE(d.column, 3);
    QVERIFY(d.message.contains(QLatin1String("\"partition\"")));
    QVERIFY(d.fixId.isEmpty());
}

void TestProjectDiagnostics::multipleEnvironmentKeys()
{
    const Project project = Project::load(badFixture(QStringLiteral("multiple-env")));
    const QList<Diagnostic> list = project.diagnostics();
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("MLproject"), QStringLiteral("multiple environment fields"));
    QCOMPARE(d.severity, Severity::Error);
    QCOMPARE(d.line, 3);
    QCOMPARE(d.column, 1);
    QCOMPARE(d.path, QStringLiteral("conda_env"));
    // The first one is used.
    QCOMPARE(project.mlProject().envKind, MLProject::EnvKind::Python);
}

void TestProjectDiagnostics::missingEnvironmentFile()
{
    const QList<Diagnostic> list =
        Project::load(badFixture(QStringLiteral("missing-env-file"))).diagnostics();
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("MLproject"), QStringLiteral("does not exist"));
    QCOMPARE(d.severity, Severity::Error);
    QCOMPARE(d.line, 2);
    QCOMPARE(d.column, 13);
    QVERIFY(d.message.contains(QLatin1String("envs/python_env.yaml")));
}

void TestProjectDiagnostics::unquotedPythonVersion()
{
    const Project project = Project::load(badFixture(QStringLiteral("unquoted-python")));
    QCOMPARE(project.pythonEnv().python, QStringLiteral("3.10")); // as written, not 3.1
    const QList<Diagnostic> list = project.diagnostics();
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("python_env.yaml"), QStringLiteral("not quoted"));
    QCOMPARE(d.severity, Severity::Error);
    QCOMPARE(d.line, 2);
    QCOMPARE(d.column, 9);
    QCOMPARE(d.path, QStringLiteral("python"));
    QCOMPARE(d.fixId, QStringLiteral("yaml.quote-python-version"));
    QVERIFY(d.message.contains(QLatin1String("3.1 ")));
    QVERIFY(d.message.contains(QLatin1String("\"3.10\"")));

    // The quoted "3.10" of sequential-workers is fine.
    const QList<Diagnostic> quoted =
        Project::load(fixture(QStringLiteral("sequential-workers"))).diagnostics();
    QVERIFY(!findDiagnostic(quoted, QStringLiteral("python_env.yaml"), QStringLiteral("quoted")));
}

void TestProjectDiagnostics::placeholdersAndParameters()
{
    const QList<Diagnostic> list = Project::load(badFixture(QStringLiteral("placeholders"))).diagnostics();
    const QString file = QStringLiteral("MLproject");
    EXPECT_DIAGNOSTIC(undeclared, list, file, QStringLiteral("{lr}"));
    QCOMPARE(undeclared.severity, Severity::Error);
    QCOMPARE(undeclared.line, 10);
    QCOMPARE(undeclared.column, 89); // the '{' of {lr}
    QCOMPARE(undeclared.path, QStringLiteral("entry_points.main.command"));
    // {{"a": 1}} is an escape, not a placeholder named "a".
    QVERIFY(!findDiagnostic(list, file, QStringLiteral("{\"a\"")));
    QVERIFY(!findDiagnostic(list, file, QStringLiteral("uses {a}")));

    EXPECT_DIAGNOSTIC(unused, list, file, QStringLiteral("\"unused\" of \"main\" is declared but not used"));
    QCOMPARE(unused.severity, Severity::Warning);
    QCOMPARE(unused.line, 8);
    QCOMPARE(unused.column, 7);

    EXPECT_DIAGNOSTIC(noDefault, list, file, QStringLiteral("\"data_file\" has no default"));
    QCOMPARE(noDefault.severity, Severity::Warning);
    QCOMPARE(noDefault.line, 7);

    EXPECT_DIAGNOSTIC(unknownType, list, file, QStringLiteral("unknown type \"integer\""));
    QCOMPARE(unknownType.severity, Severity::Error);
    QCOMPARE(unknownType.line, 9);
    QCOMPARE(unknownType.column, 21);
    QCOMPARE(unknownType.path, QStringLiteral("entry_points.main.parameters.steps.type"));

    EXPECT_DIAGNOSTIC(notAType, list, file, QStringLiteral("\"alpha\" must be a type"));
    QCOMPARE(notAType.severity, Severity::Error);
    QCOMPARE(notAType.line, 13);
    // A malformed parameter is reported once, not also as "no default".
    QVERIFY(!findDiagnostic(list, file, QStringLiteral("\"alpha\" has no default")));
}

void TestProjectDiagnostics::parameterWithoutDefaultIsAnErrorForTheGateway()
{
    const Project project = Project::load(badFixture(QStringLiteral("placeholders")));
    const QList<Diagnostic> list = project.diagnostics(Target::Gateway);
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("MLproject"), QStringLiteral("\"data_file\" has no default"));
    QCOMPARE(d.severity, Severity::Error);
    QVERIFY(d.message.contains(QLatin1String("gateway")));
    QCOMPARE(d.line, 7);
    EXPECT_DIAGNOSTIC(d3, list, QStringLiteral("MLproject"), QStringLiteral("\"other\" cannot be run"));
    QCOMPARE(d3.severity, Severity::Info);
}

void TestProjectDiagnostics::slurmValuesAndInjection()
{
    const QList<Diagnostic> list =
        Project::load(badFixture(QStringLiteral("slurm-injection"))).diagnostics(Target::Slurm);
    const QString file = QStringLiteral("slurm_config.json");
    struct Expected
    {
        const char *path;
        const char *text;
        int line;
    };
    const QList<Expected> expected = {
        {"partition", "line break", 2},        {"time", "not a SLURM time", 4},
        {"mem", "not a SLURM memory size", 5}, {"gres", "not a SLURM gres", 6},
        {"nodes", "greater than 0", 7},        {"job-name", "contains ;", 8},
        {"modules.1", "contains $", 9},        {"environment.1", "NAME=value", 10},
    };
    for (const Expected &e : expected) {
        EXPECT_DIAGNOSTIC(d, list, file, QLatin1String(e.text));
        QCOMPARE(d.severity, Severity::Error);
        QCOMPARE(d.path, QLatin1String(e.path));
        QCOMPARE(d.line, e.line);
    }
    QVERIFY(!findDiagnostic(list, file, QStringLiteral("account")));
    QVERIFY(!findDiagnostic(list, file, QStringLiteral("OMP_NUM_THREADS")));
}

void TestProjectDiagnostics::gatewaySecrets()
{
    const QList<Diagnostic> list =
        Project::load(badFixture(QStringLiteral("gateway-secrets"))).diagnostics(Target::Gateway);
    for (const auto &[key, line] : {std::pair{"url", 3}, {"auth_token", 4}}) {
        EXPECT_DIAGNOSTIC(d, list, QStringLiteral("gateway_config.json"),
                          QStringLiteral("\"%1\" must not be stored").arg(QLatin1String(key)));
        QCOMPARE(d.severity, Severity::Error);
        QCOMPARE(d.line, line);
        QCOMPARE(d.column, 3);
        QCOMPARE(d.fixId, QStringLiteral("gateway.remove-url-and-token"));
        // The token itself never appears in a message.
        QVERIFY(!d.message.contains(QLatin1String("do-not-store-me")));
    }
}

void TestProjectDiagnostics::mergeKeysAndAliasesAreResolved()
{
    const Project project = Project::load(badFixture(QStringLiteral("merge-keys")));
    const EntryPoint *main = project.mlProject().entryPoint(QStringLiteral("main"));
    QVERIFY(main);
    QCOMPARE(main->parameters.size(), 2);
    // alpha: <<: *defaults, default overridden; beta: the alias itself.
    QCOMPARE(main->parameters[0].type, QStringLiteral("float"));
    QCOMPARE(main->parameters[0].defaultValue, QStringLiteral("0.5"));
    QCOMPARE(main->parameters[1].type, QStringLiteral("float"));
    QCOMPARE(main->parameters[1].defaultValue, QStringLiteral("0.1"));
    const QList<Diagnostic> list = project.diagnostics();
    QVERIFY2(countSeverity(list, Severity::Error) == 0 && countSeverity(list, Severity::Warning) == 0,
             qPrintable(describe(list)));
    // Changing a value reached through an alias cannot be patched in place: the file is rewritten.
    Project edited = project;
    MLProject ml = edited.mlProject();
    ml.entryPoints[0].parameters[1].defaultValue = QStringLiteral("0.2");
    edited.setMlProject(ml);
    QVERIFY(edited.saveLosesFormatting(ProjectFileKind::MLproject));
    QVERIFY(edited.renderedText(ProjectFileKind::MLproject).contains("default: 0.2"));
}

void TestProjectDiagnostics::diagnosticsFollowEdits()
{
    Project project = Project::load(fixture(QStringLiteral("seed-slides")));
    SlurmConfig slurm = project.slurmConfig();
    slurm.time = QStringLiteral("eight hours");
    project.setSlurmConfig(slurm);
    const QList<Diagnostic> list = project.diagnostics();
    EXPECT_DIAGNOSTIC(d, list, QStringLiteral("slurm_config.json"), QStringLiteral("not a SLURM time"));
    QCOMPARE(d.line, 5);
    QCOMPARE(d.column, 11);

    MLProject ml = project.mlProject();
    ml.entryPoints[0].command = QStringLiteral("python train_sklearn.py --seed {seed}");
    project.setMlProject(ml);
    QVERIFY(findDiagnostic(project.diagnostics(), QStringLiteral("MLproject"), QStringLiteral("{seed}")));
}

void TestProjectDiagnostics::toStringFormat()
{
    Diagnostic d;
    d.severity = Severity::Warning;
    d.file = QStringLiteral("MLproject");
    d.line = 3;
    d.column = 7;
    d.message = QStringLiteral("Something");
    QCOMPARE(d.toString(), QStringLiteral("MLproject:3:7: warning: Something"));
    QCOMPARE(Diagnostic::severityName(Severity::Error), QStringLiteral("error"));
    QCOMPARE(Diagnostic::severityName(Severity::Info), QStringLiteral("info"));
}

QTEST_GUILESS_MAIN(TestProjectDiagnostics)
#include "TestProjectDiagnostics.moc"
