#include "TrafficCounter.h"

#include "ApiCall.h"

#include <algorithm>

namespace mltf::testserver {

TrafficCounter::Ticket TrafficCounter::begin(const Request &request)
{
    Ticket t;
    t.endpoint = ApiCall::endpointOf(request.path);
    if (t.endpoint.isEmpty())
        t.endpoint = request.path;
    for (const char *name : {"run_id", "run_uuid", "run_ids"})
        if (t.runId.isEmpty())
            t.runId = request.queryValue(QLatin1String(name));
    if (!t.runId.isEmpty())
        m_maxOpenPerRun = std::max(m_maxOpenPerRun, ++m_openPerRun[t.runId]);
    return t;
}

void TrafficCounter::end(const Ticket &ticket, qint64 bytes)
{
    Totals &totals = m_endpoints[ticket.endpoint];
    ++totals.requests;
    totals.bytes += bytes;
    if (!ticket.runId.isEmpty() && --m_openPerRun[ticket.runId] <= 0)
        m_openPerRun.remove(ticket.runId);
}

void TrafficCounter::reset()
{
    m_endpoints.clear();
    // Requests still open stay counted so their end does not go below zero.
    m_maxOpenPerRun = 0;
    for (int open : std::as_const(m_openPerRun))
        m_maxOpenPerRun = std::max(m_maxOpenPerRun, open);
}

QJsonObject TrafficCounter::toJson() const
{
    QJsonObject endpoints;
    qint64 requests = 0;
    qint64 bytes = 0;
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it) {
        endpoints.insert(it.key(), QJsonObject{{QStringLiteral("requests"), it->requests},
                                               {QStringLiteral("bytes"), it->bytes}});
        requests += it->requests;
        bytes += it->bytes;
    }
    return QJsonObject{{QStringLiteral("endpoints"), endpoints},
                       {QStringLiteral("requests"), requests},
                       {QStringLiteral("bytes"), bytes},
                       {QStringLiteral("max_open_per_run"), m_maxOpenPerRun}};
}

} // namespace mltf::testserver
