#include "ExperimentRoutes.h"

#include "ApiCall.h"
#include "SearchParams.h"
#include "TrackingState.h"

#include "tracking/EntityJson.h"
#include "tracking/PageToken.h"
#include "tracking/SearchFilter.h"
#include "tracking/SearchOrder.h"

namespace mltf::testserver {

using namespace mltf::tracking;

std::optional<Reply> ExperimentRoutes::handle(const Request &request)
{
    const QString endpoint = ApiCall::endpointOf(request.path);
    const QByteArray &m = request.method;
    if (endpoint == QLatin1String("experiments/search"))
        return m == "GET" || m == "POST" ? search(request) : Reply::methodNotAllowed("GET, POST, OPTIONS");
    if (endpoint == QLatin1String("experiments/get"))
        return m == "GET" ? get(request) : Reply::methodNotAllowed("GET, OPTIONS");
    if (endpoint == QLatin1String("experiments/get-by-name"))
        return m == "GET" ? getByName(request) : Reply::methodNotAllowed("GET, OPTIONS");
    if (endpoint == QLatin1String("experiments/create"))
        return m == "POST" ? create(request) : Reply::methodNotAllowed("POST, OPTIONS");
    return std::nullopt;
}

Reply ExperimentRoutes::search(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    const qint64 maxResults = call.integer(QStringLiteral("max_results")).value_or(0);
    if (auto bad = SearchParams::checkMaxResults(maxResults, false))
        return *bad;
    Result<SearchFilter> filter = SearchFilter::parse(call.string(QStringLiteral("filter")), SearchFilter::Target::Experiments);
    if (!filter.ok())
        return Reply::invalidParameter(filter.error().message);
    Result<SearchOrder> order = SearchOrder::parse(call.strings(QStringLiteral("order_by")), SearchFilter::Target::Experiments);
    if (!order.ok())
        return Reply::invalidParameter(order.error().message);
    Result<qint64> offset = PageToken::decode(call.string(QStringLiteral("page_token")));
    if (!offset.ok())
        return Reply::invalidParameter(offset.error().message);
    const ViewType view = SearchParams::viewType(call.string(QStringLiteral("view_type")));

    QList<Experiment> matching;
    for (const Experiment &e : m_state.experiments())
        if (SearchParams::includes(view, e.isDeleted()) && filter.value().matches(e))
            matching.append(e);
    order.value().sort(matching);

    QJsonArray items;
    const qint64 end = std::min<qint64>(offset.value() + maxResults, matching.size());
    for (qint64 i = offset.value(); i < end; ++i)
        items.append(EntityJson::toJson(matching.at(i)));
    QJsonObject body;
    if (!items.isEmpty())
        body.insert(QStringLiteral("experiments"), items);
    // The SQL store looks one row ahead here, so the last page has no token.
    if (end < matching.size())
        body.insert(QStringLiteral("next_page_token"), PageToken::encode(end));
    return Reply::json(body);
}

Reply ExperimentRoutes::get(const Request &request)
{
    const ApiCall call(request);
    if (!call.has(QStringLiteral("experiment_id")))
        return Reply::missingParameter(QStringLiteral("experiment_id"));
    const QString id = call.string(QStringLiteral("experiment_id"));
    const Experiment *e = m_state.experiment(id);
    if (!e)
        return Reply::notFoundJson(QStringLiteral("No Experiment with id=%1 exists").arg(id));
    return Reply::json({{QStringLiteral("experiment"), EntityJson::toJson(*e)}});
}

Reply ExperimentRoutes::getByName(const Request &request)
{
    const ApiCall call(request);
    if (!call.has(QStringLiteral("experiment_name")))
        return Reply::missingParameter(QStringLiteral("experiment_name"));
    const QString name = call.string(QStringLiteral("experiment_name"));
    const Experiment *e = m_state.experimentByName(name);
    if (!e)
        return Reply::notFoundJson(QStringLiteral("Could not find experiment with name '%1'").arg(name));
    return Reply::json({{QStringLiteral("experiment"), EntityJson::toJson(*e)}});
}

Reply ExperimentRoutes::create(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    if (!call.has(QStringLiteral("name")))
        return Reply::missingParameter(QStringLiteral("name"));
    Result<QString> id = m_state.createExperiment(call.string(QStringLiteral("name")),
                                                  EntityJson::tags(call.array(QStringLiteral("tags"))));
    if (!id.ok())
        return Reply::error(400, QStringLiteral("RESOURCE_ALREADY_EXISTS"), id.error().message);
    return Reply::json({{QStringLiteral("experiment_id"), id.value()}});
}

} // namespace mltf::testserver
