// mltf-test-mlflow-server: an MLflow tracking server stand-in for the tests (see README.md).
// Prints "LISTENING <port>" on stdout once it accepts connections.

#include "MlflowTestServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mltf-test-mlflow-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("MLflow-compatible test tracking server"));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port on 127.0.0.1 (0: a free one)."),
                                  QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Load experiments and runs from an mlruns folder."),
                                  QStringLiteral("dir"));
    const QCommandLineOption runs(QStringLiteral("generate-runs"),
                                  QStringLiteral("Add experiment \"generated\" with this many runs."),
                                  QStringLiteral("n"));
    const QCommandLineOption history(
        QStringLiteral("generate-history"),
        QStringLiteral("Add run \"big-history\" with metric big_loss of this many points."),
        QStringLiteral("n"));
    const QCommandLineOption pageSize(
        QStringLiteral("history-page-size"),
        QStringLiteral("Page get-history like MLflow 3.x, at most n points per page."), QStringLiteral("n"));
    const QCommandLineOption faults(
        QStringLiteral("faults"),
        QStringLiteral("Fault switches as JSON, e.g. {\"delay_ms\":500} (see README.md)."),
        QStringLiteral("json"));
    parser.addOptions({port, seed, runs, history, pageSize, faults});
    parser.process(app);

    mltf::testserver::MlflowTestServer::Options options;
    options.seedFolder = parser.value(seed);
    options.generateRuns = parser.value(runs).toInt();
    options.generateHistoryPoints = parser.value(history).toInt();
    options.historyPageSize = parser.value(pageSize).toInt();
    options.faults.merge(QJsonDocument::fromJson(parser.value(faults).toUtf8()).object());

    mltf::testserver::MlflowTestServer server;
    if (const mltf::Status ok = server.configure(options); !ok.ok()) {
        std::fprintf(stderr, "mltf-test-mlflow-server: %s\n", qPrintable(ok.error().message));
        return 2;
    }
    const quint16 bound = server.listenLocal(quint16(parser.value(port).toUInt()));
    if (bound == 0) {
        std::fprintf(stderr, "mltf-test-mlflow-server: cannot listen on port %s\n",
                     qPrintable(parser.value(port)));
        return 3;
    }
    std::printf("LISTENING %u\n", unsigned(bound));
    std::fflush(stdout);
    return app.exec();
}
