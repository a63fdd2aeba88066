#include "CommandLine.h"

#include "CheckCommand.h"
#include "mainwindow/MainWindow.h"
#include "util/Settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>
#include <QTextStream>

#include <cstring>

namespace mltf::app {

namespace {

bool isCheckCommand(int argc, char *argv[])
{
    return argc >= 2 && std::strcmp(argv[1], "check") == 0;
}

int runCheck(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Settings::initialise();
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Checks an MLflow project folder and prints every diagnostic as\n"
                "file:line:column: severity: message. Exits 1 when there is an error."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("check"),
                                 QCoreApplication::translate("main", "The command."));
    parser.addPositionalArgument(QStringLiteral("project-dir"),
                                 QCoreApplication::translate("main", "The project folder to check."));
    QCommandLineOption target(QStringLiteral("target"),
                              QCoreApplication::translate("main", "Backend the project is meant for: "
                                                                  "local, slurm or gateway (default local)."),
                              QStringLiteral("backend"), QStringLiteral("local"));
    parser.addOption(target);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) {
        QTextStream(stderr) << QCoreApplication::translate("main", "usage: mltf-desktop check <project-dir>")
                            << '\n';
        return 2;
    }
    return CheckCommand::run(args.at(1), parser.value(target), QTextStream(stdout).device());
}

// The options of the window mode, on `parser`.
struct WindowOptions
{
    QCommandLineOption trackingUri{QStringLiteral("tracking-uri"),
                                   QCoreApplication::translate("main",
                                                               "MLflow tracking URI: http(s)://…, "
                                                               "file:… or a path to an mlruns folder."),
                                   QStringLiteral("uri")};
    QCommandLineOption project{QStringLiteral("project"),
                               QCoreApplication::translate("main", "Open this MLflow project folder."),
                               QStringLiteral("dir")};

    void addTo(QCommandLineParser &parser)
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "main", "MLTF Desktop: build MLflow projects, submit training tasks and watch runs live.\n\n"
                    "Commands:\n  check <project-dir>   print the project's diagnostics and exit"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(trackingUri);
        parser.addOption(project);
    }
};

// --help and --version print and exit; they must work without a display (terminals, CI, ssh).
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

int printHelpOrVersion(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Settings::initialise();
    QCommandLineParser parser;
    WindowOptions options;
    options.addTo(parser);
    parser.process(app); // prints and exits
    return 0;
}

} // namespace

int run(int argc, char *argv[])
{
    if (isCheckCommand(argc, argv))
        return runCheck(argc, argv);
    if (wantsTextOnly(argc, argv))
        return printHelpOrVersion(argc, argv);

    QApplication app(argc, argv);
    Settings::initialise();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mltf-desktop.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.mltf.Desktop"));

    QCommandLineParser parser;
    WindowOptions windowOptions;
    windowOptions.addTo(parser);
    parser.process(app);

    ui::MainWindow::Options options;
    options.trackingUri = parser.value(windowOptions.trackingUri);
    options.projectDir = parser.value(windowOptions.project);
    ui::MainWindow window(options);
    window.show();
    return app.exec();
}

} // namespace mltf::app
