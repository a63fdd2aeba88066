#include "ServiceRoutes.h"

#include <QJsonDocument>

namespace mltf::testserver {

std::optional<Reply> ServiceRoutes::handle(const Request &request)
{
    if (request.path == QLatin1String("/health"))
        return request.method == "GET" ? Reply::text("OK") : Reply::methodNotAllowed("GET, HEAD, OPTIONS");
    if (request.path == QLatin1String("/version"))
        return request.method == "GET" ? Reply::text("2.22.1.dev0")
                                       : Reply::methodNotAllowed("GET, HEAD, OPTIONS");
    if (request.path == QLatin1String("/__faults")) {
        if (request.method == "POST")
            m_faults.merge(QJsonDocument::fromJson(request.body).object());
        else if (request.method == "DELETE")
            m_faults = FaultSwitches();
        else if (request.method != "GET")
            return Reply::methodNotAllowed("GET, POST, DELETE");
        return Reply::json(m_faults.toJson());
    }
    if (request.path == QLatin1String("/__stats")) {
        if (request.method == "DELETE")
            m_traffic.reset();
        else if (request.method != "GET")
            return Reply::methodNotAllowed("GET, DELETE");
        return Reply::json(m_traffic.toJson());
    }
    if (request.path == QLatin1String("/__echo")) {
        // What arrived, for the HTTP client's header tests.
        QJsonObject headers;
        for (const auto &h : request.headers)
            headers.insert(QString::fromLatin1(h.first).toLower(), QString::fromLatin1(h.second));
        return Reply::json({{QStringLiteral("method"), QString::fromLatin1(request.method)},
                            {QStringLiteral("headers"), headers},
                            {QStringLiteral("body"), QString::fromUtf8(request.body)}});
    }
    if (request.path == QLatin1String("/__redirect")) {
        // 30x to ?to=<url> (status from ?status=, default 302), for the redirect tests.
        Reply r = Reply::text("redirecting");
        r.status = request.hasQuery(QStringLiteral("status"))
                       ? request.queryValue(QStringLiteral("status")).toInt()
                       : 302;
        r.addHeader("Location", request.queryValue(QStringLiteral("to")).toUtf8());
        return r;
    }
    return std::nullopt;
}

} // namespace mltf::testserver
