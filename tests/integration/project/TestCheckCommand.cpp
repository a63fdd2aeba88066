// `mltf-desktop check <dir> [--target ...]`: the real executable, its output format and exit codes.
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QStringList lines;
    QString err;
};

// Runs the executable as a terminal user on a machine without any display would.
Run runApp(const QStringList &arguments, const QString &workingDir = QString())
{
    QProcess process;
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(MLTF_APP_BINARY), arguments);
    Run run;
    if (!process.waitForStarted(30000) || !process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitCode();
    run.status = process.exitStatus();
    run.lines =
        QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

Run check(const QStringList &arguments, const QString &workingDir = QString())
{
    return runApp(QStringList{QStringLiteral("check")} + arguments, workingDir);
}

QString projects()
{
    return QStringLiteral(MLTF_TEST_DATA_DIR "/projects/");
}

QString badProjects()
{
    return QStringLiteral(MLTF_TEST_DATA_DIR "/projects-bad/");
}

} // namespace

class TestCheckCommand : public QObject
{
    Q_OBJECT

private slots:
    void cleanProjectExitsZero();
    void everyLineHasTheDiagnosticFormat();
    void errorExitsOne();
    void targetChangesTheVerdict();
    void missingFolderExitsTwo();
    void unknownTargetExitsTwo();
    void pathsAreAsGiven();
    void helpAndVersionNeedNoDisplay();
};

void TestCheckCommand::cleanProjectExitsZero()
{
    const Run run = check({projects() + QStringLiteral("seed-slides")});
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.lines.contains(projects() +
                               QStringLiteral("seed-slides/slurm_config.json:7:3: info: \"mail-user\" is "
                                              "not read by mlflow-slurm: it is kept, but has no effect "
                                              "with --backend slurm.")));
    for (const QString &line : run.lines)
        QVERIFY2(!line.contains(QLatin1String(": error: ")), qPrintable(line));
}

void TestCheckCommand::everyLineHasTheDiagnosticFormat()
{
    static const QRegularExpression format(QStringLiteral("^.+:\\d+:\\d+: (error|warning|info): \\S.*$"));
    const QStringList dirs = QDir(projects()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    const QStringList bad = QDir(badProjects()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    int lines = 0;
    for (const QString &dir : dirs + bad) {
        const QString path = (dirs.contains(dir) ? projects() : badProjects()) + dir;
        const Run run = check({path});
        QCOMPARE(run.status, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(dir));
        bool sawError = false;
        for (const QString &line : run.lines) {
            QVERIFY2(format.match(line).hasMatch(), qPrintable(line));
            QVERIFY2(line.startsWith(path), qPrintable(line));
            sawError = sawError || line.contains(QLatin1String(": error: "));
            ++lines;
        }
        QCOMPARE(run.exitCode, sawError ? 1 : 0);
    }
    QVERIFY(lines > 20);
}

void TestCheckCommand::errorExitsOne()
{
    const Run run = check({projects() + QStringLiteral("mltf-docs-tutorial")});
    QCOMPARE(run.exitCode, 1);
    const QString expected =
        projects() + QStringLiteral("mltf-docs-tutorial/slurm_config.json:8:35: error: Trailing comma");
    bool found = false;
    for (const QString &line : run.lines)
        found = found || line.startsWith(expected);
    QVERIFY2(found, qPrintable(run.lines.join(QLatin1Char('\n'))));
    QVERIFY(run.err.contains(QLatin1String("1 error(s)")));

    const Run yaml = check({badProjects() + QStringLiteral("invalid-yaml")});
    QCOMPARE(yaml.exitCode, 1);
    QVERIFY(yaml.lines.first().startsWith(
        badProjects() + QStringLiteral("invalid-yaml/MLproject:6:7: error: YAML syntax error")));
}

void TestCheckCommand::targetChangesTheVerdict()
{
    const QString sklearn = projects() + QStringLiteral("sklearn-elasticnet-wine");
    QCOMPARE(check({sklearn}).exitCode, 0);
    QCOMPARE(check({sklearn, QStringLiteral("--target"), QStringLiteral("slurm")}).exitCode, 0);
    const Run gateway = check({sklearn, QStringLiteral("--target"), QStringLiteral("gateway")});
    QCOMPARE(gateway.exitCode, 1);
    QVERIFY(gateway.lines.contains(sklearn +
                                   QStringLiteral("/MLproject:6:1: error: The gateway runs the entry point "
                                                  "\"main\", which this MLproject does not declare.")));
    const QString placeholders = badProjects() + QStringLiteral("placeholders");
    const Run local = check({placeholders, QStringLiteral("--target=local")});
    QVERIFY(local.lines.contains(placeholders +
                                 QStringLiteral("/MLproject:7:7: warning: Parameter \"data_file\" has no "
                                                "default: every run must give a value (-P data_file=...).")));
}

void TestCheckCommand::missingFolderExitsTwo()
{
    const Run run = check({QStringLiteral("/nonexistent/mltf-project")});
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.lines.isEmpty());
    QVERIFY(run.err.contains(QLatin1String("/nonexistent/mltf-project")));

    // A file is not a folder either.
    QCOMPARE(check({projects() + QStringLiteral("seed-slides/MLproject")}).exitCode, 2);
    // No folder at all: usage.
    QCOMPARE(check({}).exitCode, 2);
}

void TestCheckCommand::unknownTargetExitsTwo()
{
    const Run run = check(
        {projects() + QStringLiteral("seed-slides"), QStringLiteral("--target"), QStringLiteral("cloud")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QLatin1String("cloud")));
    QVERIFY(run.lines.isEmpty());
}

void TestCheckCommand::pathsAreAsGiven()
{
    // A relative folder is printed relative, with the file name of the project (MLProject keeps its case).
    const Run run = check({QStringLiteral("mltf-hello-world/")}, projects());
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.lines.isEmpty());
    for (const QString &line : run.lines)
        QVERIFY2(line.startsWith(QLatin1String("mltf-hello-world/")), qPrintable(line));
    QVERIFY(run.lines.contains(
        QStringLiteral("mltf-hello-world/python_env.yaml:4:1: info: psutil is not in the "
                       "dependencies: MLflow cannot record CPU and memory system metrics.")));
}

void TestCheckCommand::helpAndVersionNeedNoDisplay()
{
    const Run version = runApp({QStringLiteral("--version")});
    QCOMPARE(version.status, QProcess::NormalExit);
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.lines, QStringList{QStringLiteral("MLTF Desktop " MLTF_VERSION)});

    const Run help = runApp({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    const QString text = help.lines.join(QLatin1Char('\n'));
    for (const char *expected :
         {"--tracking-uri <uri>", "--project <dir>", "--version", "check <project-dir>"})
        QVERIFY2(text.contains(QLatin1String(expected)), qPrintable(text));

    const Run checkHelp = runApp({QStringLiteral("check"), QStringLiteral("--help")});
    QCOMPARE(checkHelp.exitCode, 0);
    QVERIFY(checkHelp.lines.join(QLatin1Char('\n')).contains(QLatin1String("--target <backend>")));
}

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "TestCheckCommand.moc"
