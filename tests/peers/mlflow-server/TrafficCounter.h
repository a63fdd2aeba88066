#pragma once

#include "HttpExchange.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>

#include <optional>

namespace mltf::testserver {

// What the API routes served, for the client's efficiency tests: requests and response bytes (headers and
// body as written) per endpoint, and the most requests naming one run (query run_id, run_uuid or run_ids)
// that were open at once, from arrival to the end of the answer (delay_ms included).
// GET /__stats shows it, DELETE /__stats resets the totals.
class TrafficCounter
{
public:
    struct Ticket
    {
        QString endpoint; // "runs/get", "metrics/get-history", "/get-artifact" ...
        QString runId;
    };

    Ticket begin(const Request &request);
    void end(const Ticket &ticket, qint64 bytes);
    void reset();
    QJsonObject toJson() const;

private:
    struct Totals
    {
        qint64 requests = 0;
        qint64 bytes = 0;
    };
    QMap<QString, Totals> m_endpoints;
    QHash<QString, int> m_openPerRun;
    int m_maxOpenPerRun = 0;
};

} // namespace mltf::testserver
