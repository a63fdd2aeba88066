// mltf-test-gateway-server: an MLTF gateway stand-in for the tests (see GatewayServer.h).
// Prints "LISTENING <port>" on stdout once it accepts connections.

#include "GatewayServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mltf-test-gateway-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("MLTF gateway test server"));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port on 127.0.0.1 (0: a free one)."),
                                  QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption issuer(QStringLiteral("issuer"),
                                    QStringLiteral("Identity provider (issuer URL)."), QStringLiteral("url"));
    const QCommandLineOption audience(QStringLiteral("audience"), QStringLiteral("Required token audience."),
                                      QStringLiteral("aud"), QStringLiteral("mlflow"));
    const QCommandLineOption tracking(QStringLiteral("tracking-uri"),
                                      QStringLiteral("Tracking URI used when a client sends a file: URI."),
                                      QStringLiteral("uri"));
    const QCommandLineOption clockOffset(
        QStringLiteral("clock-offset"),
        QStringLiteral("The token checks' clock runs this many seconds ahead."), QStringLiteral("s"),
        QStringLiteral("0"));
    parser.addOptions({port, issuer, audience, tracking, clockOffset});
    parser.process(app);

    mltf::testgateway::GatewayServer::Options options;
    options.issuer = parser.value(issuer);
    options.audience = parser.value(audience);
    options.defaultTrackingUri = parser.value(tracking);
    options.clockOffsetSeconds = parser.value(clockOffset).toLongLong();
    if (options.issuer.isEmpty()) {
        std::fprintf(stderr, "mltf-test-gateway-server: --issuer is required\n");
        return 2;
    }
    mltf::testgateway::GatewayServer server(options);
    if (const QString error = server.loadKeys(); !error.isEmpty()) {
        std::fprintf(stderr, "mltf-test-gateway-server: %s\n", qPrintable(error));
        return 2;
    }
    const quint16 bound = server.listenLocal(quint16(parser.value(port).toUInt()));
    if (bound == 0) {
        std::fprintf(stderr, "mltf-test-gateway-server: cannot listen on port %s\n",
                     qPrintable(parser.value(port)));
        return 3;
    }
    std::printf("LISTENING %u\n", unsigned(bound));
    std::fflush(stdout);
    return app.exec();
}
