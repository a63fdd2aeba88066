#pragma once

#include "FaultSwitches.h"
#include "HttpExchange.h"
#include "RouteGroup.h"
#include "TrackingState.h"
#include "TrafficCounter.h"

#include "SocketHttpServer.h"

#include <memory>
#include <vector>

class QTcpSocket;

namespace mltf::testserver {

// The MLflow-compatible test server. Responses are written as raw HTTP/1.1 on the socket
// (QHttpServerResponder in Qt 6.4 cannot stream chunked bodies or break a body off), always with "Connection:
// close", after which the connection is closed like gunicorn's sync workers do.
class MlflowTestServer : public testpeers::SocketHttpServer
{
    Q_OBJECT
public:
    struct Options
    {
        QString seedFolder;
        int generateRuns = 0;
        int generateHistoryPoints = 0;
        int historyPageSize = 0; // 0: MLflow 2.x get-history (no paging)
        FaultSwitches faults;
    };

    explicit MlflowTestServer(QObject *parent = nullptr);
    Status configure(const Options &options);

protected:
    bool handle(const QHttpServerRequest &request, QHttpServerResponder &responder,
                QTcpSocket *socket) override;
    void handleMissing(const QHttpServerRequest &request, QHttpServerResponder &responder,
                       QTcpSocket *socket) override;

private:
    static Request copyRequest(const QHttpServerRequest &request);
    Reply dispatch(const Request &request);
    // An injected failure for this request, if a switch is on.
    std::optional<Reply> injectedFault(const Request &request);
    void send(QTcpSocket *socket, const Reply &reply, int dropAfterBytes,
              const std::optional<TrafficCounter::Ticket> &ticket = std::nullopt);

    TrackingState m_state;
    FaultSwitches m_faults;
    TrafficCounter m_traffic;
    std::vector<std::unique_ptr<RouteGroup>> m_routes;
};

} // namespace mltf::testserver
