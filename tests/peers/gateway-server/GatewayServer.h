#pragma once

#include "GatewayTask.h"
#include "JwtVerifier.h"

#include "SocketHttpServer.h"

#include <QHttpServerResponder>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QPointer>

#include <memory>
#include <vector>

namespace mltf::testgateway {

// The MLTF gateway's REST API as ../shared/protocols/mltf-gateway.md describes it (version 0.6.0 with the
// local executor), bugs included:
//   GET /api/config, /.config, /healthz (no auth); POST /api/job (multipart); GET /api/jobs (the caller's
//   tasks by the token's `name` claim: run_id, gateway_id, creation_time only); GET /api/jobs/<id>
//   ?show_logs=true (no ownership check; logs wait for the job to end and can be read once, later reads
//   answer 500); DELETE /api/jobs/<id> (kills and forgets; the MLflow run is left RUNNING);
//   GET /api/securedata. Bearer token or ?access_token=, validated as RS256 JWTs against the identity
//   provider's JWKS (issuer, audience, expiry): 401 JSON {"error": ...}. Unknown ids: 404 JSON. Unknown
//   paths, wrong methods, missing form fields and malformed JSON fields: Werkzeug's HTML pages.
// Test control (not part of the gateway): POST /_test/faults {"upload_401": n, "upload_500_html": n,
// "upload_drop": n} makes the next n submissions answer 401 / an HTML 500 / lose their connection mid-upload.
class GatewayServer : public testpeers::SocketHttpServer
{
    Q_OBJECT

public:
    struct Options
    {
        QString issuer;
        QString audience = QStringLiteral("mlflow");
        QString clientId = QStringLiteral("mlflow");
        QString defaultTrackingUri;    // used when the client sends a file: tracking URI
        qint64 clockOffsetSeconds = 0; // tests: token expiry is checked this far in the future
    };

    explicit GatewayServer(Options options, QObject *parent = nullptr);
    ~GatewayServer() override;

    // Fetches the provider's discovery document and JWKS (blocking, at start). Returns an error text or "".
    QString loadKeys();

protected:
    bool handle(const QHttpServerRequest &request, QHttpServerResponder &responder,
                QTcpSocket *socket) override;
    void handleMissing(const QHttpServerRequest &request, QHttpServerResponder &responder,
                       QTcpSocket *socket) override;
    void connectionAccepted(QTcpSocket *socket) override { watchUploads(socket); }

private:
    struct Reply
    {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
    };
    struct Caller
    {
        QString name;
        QString email;
        QByteArray token;
    };

    static Reply json(const QJsonValue &value, int status = 200);
    static Reply html(int status, const QByteArray &title, const QByteArray &text);
    static Reply notFoundPage();
    static Reply methodNotAllowed();
    static Reply badRequestPage();
    static Reply internalErrorPage();
    static void send(QHttpServerResponder &responder, const Reply &reply);
    static QString newGatewayId();

    // Empty optional and *reply set when the request is not authenticated.
    std::optional<Caller> authenticate(const QHttpServerRequest &request, Reply *reply) const;
    Reply submit(const QHttpServerRequest &request, const Caller &caller);
    Reply list(const Caller &caller) const;
    Reply remove(const QString &gatewayId);
    void show(const QHttpServerRequest &request, QHttpServerResponder &responder, QTcpSocket *socket,
              const QString &gatewayId);
    Reply config() const;
    Reply setFaults(const QHttpServerRequest &request);
    bool takeFault(const QString &name);
    void watchUploads(QTcpSocket *socket);

    Options m_options;
    JwtVerifier m_verifier;
    QNetworkAccessManager m_nam;
    QMap<QString, GatewayTask *> m_tasks; // by gateway id
    QMap<QString, bool> m_logsRead;       // gateway id -> logs were read once
    QJsonObject m_faults;
};

} // namespace mltf::testgateway
