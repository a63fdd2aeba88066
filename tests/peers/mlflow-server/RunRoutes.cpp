#include "RunRoutes.h"

#include "ApiCall.h"
#include "SearchParams.h"
#include "TrackingState.h"

#include "tracking/EntityJson.h"
#include "tracking/PageToken.h"
#include "tracking/SearchFilter.h"
#include "tracking/SearchOrder.h"

#include <QRegularExpression>

namespace mltf::testserver {

using namespace mltf::tracking;

namespace {

bool isValidName(const QString &key)
{
    static const QRegularExpression rx(QStringLiteral("^[/\\w.\\- :]*$"), QRegularExpression::UseUnicodePropertiesOption);
    return !key.isEmpty() && rx.match(key).hasMatch();
}

Reply invalidName(const QString &key, const QString &parameter)
{
    return Reply::invalidParameter(QStringLiteral("Invalid value \"%1\" for parameter '%2' supplied: Names may only "
                                                  "contain alphanumerics, underscores (_), dashes (-), periods (.), "
                                                  "spaces ( ), colon(:) and slashes (/).")
                                       .arg(key, parameter));
}

Reply tooMany(const char *what, int limit, qsizetype got)
{
    return Reply::invalidParameter(QStringLiteral("A batch logging request can contain at most %1 %2. Got %3 %2. "
                                                  "Please split up %2 across multiple requests and try again.")
                                       .arg(limit)
                                       .arg(QLatin1String(what))
                                       .arg(got));
}

// One metric of a request, validated the way MLflow does; `where` is "metrics[3]".
std::optional<Reply> readMetric(const QJsonObject &o, const QString &where, Metric &out)
{
    if (!o.contains(QLatin1String("key")))
        return Reply::missingParameter(where + QStringLiteral(".key"));
    out.key = o.value(QLatin1String("key")).toString();
    if (!isValidName(out.key))
        return invalidName(out.key, where + QStringLiteral(".name"));
    if (!o.contains(QLatin1String("value")))
        return Reply::missingParameter(where + QStringLiteral(".value"));
    bool ok = false;
    out.value = EntityJson::metricValue(o.value(QLatin1String("value")), &ok);
    if (!ok)
        return Reply::invalidParameter(QStringLiteral("Invalid value %1 for parameter '%2.value' supplied")
                                           .arg(o.value(QLatin1String("value")).toVariant().toString(), where));
    if (!o.contains(QLatin1String("timestamp")))
        return Reply::missingParameter(where + QStringLiteral(".timestamp"));
    out.timestamp = EntityJson::int64(o.value(QLatin1String("timestamp")));
    out.step = EntityJson::int64(o.value(QLatin1String("step")));
    return std::nullopt;
}

} // namespace

std::optional<Reply> RunRoutes::handle(const Request &request)
{
    const QString endpoint = ApiCall::endpointOf(request.path);
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    if (endpoint == QLatin1String("runs/search"))
        return post ? search(request) : Reply::methodNotAllowed("POST, OPTIONS");
    if (endpoint == QLatin1String("runs/get"))
        return get ? this->get(request) : Reply::methodNotAllowed("GET, OPTIONS");
    using Handler = Reply (RunRoutes::*)(const Request &);
    const QList<QPair<QLatin1String, Handler>> posts{{QLatin1String("runs/create"), &RunRoutes::create},
                                                     {QLatin1String("runs/update"), &RunRoutes::update},
                                                     {QLatin1String("runs/log-batch"), &RunRoutes::logBatch},
                                                     {QLatin1String("runs/log-metric"), &RunRoutes::logMetric},
                                                     {QLatin1String("runs/set-tag"), &RunRoutes::setTag}};
    for (const auto &route : posts)
        if (endpoint == route.first)
            return post ? (this->*route.second)(request) : Reply::methodNotAllowed("POST, OPTIONS");
    if (endpoint == QLatin1String("runs/delete") || endpoint == QLatin1String("runs/restore"))
        return post ? setLifecycle(request, endpoint.endsWith(QLatin1String("delete")))
                    : Reply::methodNotAllowed("POST, OPTIONS");
    return std::nullopt;
}

StoredRun *RunRoutes::findRun(const ApiCall &call, std::optional<Reply> &error)
{
    QString id = call.string(QStringLiteral("run_id"));
    if (id.isEmpty())
        id = call.string(QStringLiteral("run_uuid"));
    if (id.isEmpty()) {
        error = Reply::missingParameter(QStringLiteral("run_id"));
        return nullptr;
    }
    StoredRun *run = m_state.run(id);
    if (!run)
        error = Reply::notFoundJson(QStringLiteral("Run with id=%1 not found").arg(id));
    return run;
}

std::optional<Reply> RunRoutes::checkActive(const StoredRun &run)
{
    if (run.info.isDeleted())
        return Reply::invalidParameter(QStringLiteral("The run %1 must be in the 'active' state. Current state is "
                                                      "deleted.")
                                           .arg(run.info.runId));
    return std::nullopt;
}

Reply RunRoutes::search(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    const qint64 maxResults = call.integer(QStringLiteral("max_results")).value_or(1000);
    if (auto bad = SearchParams::checkMaxResults(maxResults, true))
        return *bad;
    Result<SearchFilter> filter = SearchFilter::parse(call.string(QStringLiteral("filter")), SearchFilter::Target::Runs);
    if (!filter.ok())
        return Reply::invalidParameter(filter.error().message);
    Result<SearchOrder> order = SearchOrder::parse(call.strings(QStringLiteral("order_by")), SearchFilter::Target::Runs);
    if (!order.ok())
        return Reply::invalidParameter(order.error().message);
    Result<qint64> offset = PageToken::decode(call.string(QStringLiteral("page_token")));
    if (!offset.ok())
        return Reply::invalidParameter(offset.error().message);
    const ViewType view = SearchParams::viewType(call.string(QStringLiteral("run_view_type")));

    QList<Run> matching;
    for (StoredRun *stored : m_state.runsOf(call.strings(QStringLiteral("experiment_ids")))) {
        if (!SearchParams::includes(view, stored->info.isDeleted()))
            continue;
        Run run = m_state.toRun(*stored);
        if (filter.value().matches(run))
            matching.append(std::move(run));
    }
    order.value().sort(matching);

    QJsonArray runs;
    const qint64 end = std::min<qint64>(offset.value() + maxResults, matching.size());
    for (qint64 i = offset.value(); i < end; ++i)
        runs.append(EntityJson::toJson(matching.at(i)));
    QJsonObject body;
    if (!runs.isEmpty())
        body.insert(QStringLiteral("runs"), runs);
    // Like the SQL store: a full page always carries a token, even when nothing follows.
    if (runs.size() == maxResults)
        body.insert(QStringLiteral("next_page_token"), PageToken::encode(end));
    return Reply::json(body);
}

Reply RunRoutes::get(const Request &request)
{
    const ApiCall call(request);
    std::optional<Reply> error;
    StoredRun *run = findRun(call, error);
    if (!run)
        return *error;
    return Reply::json({{QStringLiteral("run"), EntityJson::toJson(m_state.toRun(*run))}});
}

Reply RunRoutes::create(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    const QString experimentId = call.string(QStringLiteral("experiment_id"));
    if (!m_state.experiment(experimentId))
        return Reply::notFoundJson(QStringLiteral("No Experiment with id=%1 exists").arg(experimentId));
    StoredRun &run = m_state.createRun(experimentId, call.string(QStringLiteral("run_name")),
                                       call.string(QStringLiteral("user_id")),
                                       call.integer(QStringLiteral("start_time")).value_or(0),
                                       EntityJson::tags(call.array(QStringLiteral("tags"))));
    return Reply::json({{QStringLiteral("run"), EntityJson::toJson(m_state.toRun(run))}});
}

Reply RunRoutes::update(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    std::optional<Reply> error;
    StoredRun *run = findRun(call, error);
    if (!run)
        return *error;
    if (auto inactive = checkActive(*run))
        return *inactive;
    // An unknown status is silently ignored, as MLflow 2.x does.
    const RunStatus status = runStatusFromName(call.string(QStringLiteral("status")));
    if (status != RunStatus::Unknown)
        run->info.status = status;
    if (const auto end = call.integer(QStringLiteral("end_time")))
        run->info.endTime = *end;
    if (call.has(QStringLiteral("run_name")))
        m_state.setTag(*run, QStringLiteral("mlflow.runName"), call.string(QStringLiteral("run_name")));
    return Reply::json({{QStringLiteral("run_info"), EntityJson::toJson(run->info)}});
}

Reply RunRoutes::logBatch(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    const QJsonArray metrics = call.array(QStringLiteral("metrics"));
    const QJsonArray params = call.array(QStringLiteral("params"));
    const QJsonArray tags = call.array(QStringLiteral("tags"));
    if (metrics.size() > 1000)
        return tooMany("metrics", 1000, metrics.size());
    if (params.size() > 100)
        return tooMany("params", 100, params.size());
    if (tags.size() > 100)
        return tooMany("tags", 100, tags.size());
    const qsizetype total = metrics.size() + params.size() + tags.size();
    if (total > 1000)
        return Reply::invalidParameter(QStringLiteral("A batch logging request can contain at most 1000 metrics, "
                                                      "params, and tags in total. Got %1 total values.")
                                           .arg(total));
    std::optional<Reply> error;
    StoredRun *run = findRun(call, error);
    if (!run)
        return *error;
    if (auto inactive = checkActive(*run))
        return *inactive;

    // Validate everything before changing anything.
    QList<Metric> parsedMetrics;
    for (int i = 0; i < metrics.size(); ++i) {
        Metric m;
        if (auto bad = readMetric(metrics.at(i).toObject(), QStringLiteral("metrics[%1]").arg(i), m))
            return *bad;
        parsedMetrics.append(m);
    }
    QStringList changed;
    Params parsedParams;
    for (int i = 0; i < params.size(); ++i) {
        const QJsonObject o = params.at(i).toObject();
        const Param p{o.value(QLatin1String("key")).toString(), o.value(QLatin1String("value")).toString()};
        if (!isValidName(p.key))
            return invalidName(p.key, QStringLiteral("params[%1].key").arg(i));
        for (const Param &existing : run->params)
            if (existing.key == p.key && existing.value != p.value)
                changed << QStringLiteral("{'key': '%1', 'old_value': '%2', 'new_value': '%3'}")
                               .arg(p.key, existing.value, p.value);
        parsedParams.append(p);
    }
    if (!changed.isEmpty())
        return Reply::invalidParameter(QStringLiteral("Changing param values is not allowed. Params were already "
                                                      "logged='[%1]' for run ID='%2'.")
                                           .arg(changed.join(QLatin1String(", ")), run->info.runId));
    Tags parsedTags = EntityJson::tags(tags);
    for (int i = 0; i < parsedTags.size(); ++i)
        if (!isValidName(parsedTags.at(i).key))
            return invalidName(parsedTags.at(i).key, QStringLiteral("tags[%1].key").arg(i));

    for (const Metric &m : parsedMetrics)
        m_state.logMetric(*run, m);
    for (const Param &p : parsedParams)
        if (!run->params.contains(p))
            run->params.append(p);
    for (const Tag &t : parsedTags)
        m_state.setTag(*run, t.key, t.value);
    return Reply::json({});
}

Reply RunRoutes::logMetric(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    std::optional<Reply> error;
    StoredRun *run = findRun(call, error);
    if (!run)
        return *error;
    if (auto inactive = checkActive(*run))
        return *inactive;
    Metric m;
    if (auto bad = readMetric(call.params(), QStringLiteral("metric"), m))
        return *bad;
    m_state.logMetric(*run, m);
    return Reply::json({});
}

Reply RunRoutes::setTag(const Request &request)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    if (!call.has(QStringLiteral("key")))
        return Reply::missingParameter(QStringLiteral("key"));
    std::optional<Reply> error;
    StoredRun *run = findRun(call, error);
    if (!run)
        return *error;
    if (auto inactive = checkActive(*run))
        return *inactive;
    const QString key = call.string(QStringLiteral("key"));
    if (!isValidName(key))
        return invalidName(key, QStringLiteral("key"));
    m_state.setTag(*run, key, call.string(QStringLiteral("value")));
    return Reply::json({});
}

Reply RunRoutes::setLifecycle(const Request &request, bool deleted)
{
    const ApiCall call(request);
    if (call.rejection())
        return *call.rejection();
    std::optional<Reply> error;
    StoredRun *run = findRun(call, error);
    if (!run)
        return *error;
    run->info.lifecycleStage = deleted ? QStringLiteral("deleted") : QStringLiteral("active");
    return Reply::json({});
}

} // namespace mltf::testserver
