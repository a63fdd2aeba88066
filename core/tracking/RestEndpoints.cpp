#include "tracking/RestEndpoints.h"

#include "net/JsonBody.h"
#include "tracking/EntityJson.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace mltf::tracking::rest {

namespace {

QString api(const QString &prefix, const char *endpoint)
{
    return prefix + QStringLiteral("/2.0/mlflow/") + QLatin1String(endpoint);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString viewTypeName(ViewType v)
{
    switch (v) {
    case ViewType::ActiveOnly:
        return QStringLiteral("ACTIVE_ONLY");
    case ViewType::DeletedOnly:
        return QStringLiteral("DELETED_ONLY");
    case ViewType::All:
        return QStringLiteral("ALL");
    }
    return QStringLiteral("ACTIVE_ONLY");
}

Error shapeError(const char *what)
{
    return Error::make(
        Error::Kind::Parse,
        QCoreApplication::translate("mltf::tracking::RestStore",
                                    "The server's answer has no %1. Is this an MLflow tracking server?")
            .arg(QLatin1String(what)));
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

} // namespace

net::HttpRequest SearchExperiments::request(const QString &prefix, const ExperimentSearch &search)
{
    QJsonObject body{{QStringLiteral("max_results"), search.maxResults},
                     {QStringLiteral("view_type"), viewTypeName(search.viewType)}};
    if (!search.filter.isEmpty())
        body.insert(QStringLiteral("filter"), search.filter);
    if (!search.orderBy.isEmpty())
        body.insert(QStringLiteral("order_by"), toArray(search.orderBy));
    if (!search.pageToken.isEmpty())
        body.insert(QStringLiteral("page_token"), search.pageToken);
    // A search has no side effects: safe to retry although it is a POST.
    return net::HttpRequest::postJson(api(prefix, "experiments/search"), compact(body), true);
}

Result<ExperimentsPage> SearchExperiments::decode(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    ExperimentsPage page;
    for (const QJsonValue &v : root.value().value(QLatin1String("experiments")).toArray())
        page.items.append(EntityJson::experiment(v.toObject()));
    page.nextPageToken = root.value().value(QLatin1String("next_page_token")).toString();
    return page;
}

net::HttpRequest GetExperiment::request(const QString &prefix, const QString &experimentId)
{
    return net::HttpRequest::get(api(prefix, "experiments/get"))
        .addQuery(QStringLiteral("experiment_id"), experimentId);
}

Result<Experiment> GetExperiment::decode(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    const QJsonValue e = root.value().value(QLatin1String("experiment"));
    if (!e.isObject())
        return shapeError("experiment");
    return EntityJson::experiment(e.toObject());
}

net::HttpRequest GetExperimentByName::request(const QString &prefix, const QString &name)
{
    return net::HttpRequest::get(api(prefix, "experiments/get-by-name"))
        .addQuery(QStringLiteral("experiment_name"), name);
}

net::HttpRequest CreateExperiment::request(const QString &prefix, const QString &name, const Tags &tags)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (!tags.isEmpty())
        body.insert(QStringLiteral("tags"), EntityJson::toJson(tags));
    return net::HttpRequest::postJson(api(prefix, "experiments/create"), compact(body));
}

Result<QString> CreateExperiment::decode(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    const QString id = root.value().value(QLatin1String("experiment_id")).toString();
    if (id.isEmpty())
        return shapeError("experiment_id");
    return id;
}

net::HttpRequest SearchRuns::request(const QString &prefix, const RunSearch &search)
{
    QJsonObject body{{QStringLiteral("experiment_ids"), toArray(search.experimentIds)},
                     {QStringLiteral("max_results"), search.maxResults},
                     {QStringLiteral("run_view_type"), viewTypeName(search.runViewType)}};
    if (!search.filter.isEmpty())
        body.insert(QStringLiteral("filter"), search.filter);
    if (!search.orderBy.isEmpty())
        body.insert(QStringLiteral("order_by"), toArray(search.orderBy));
    if (!search.pageToken.isEmpty())
        body.insert(QStringLiteral("page_token"), search.pageToken);
    return net::HttpRequest::postJson(api(prefix, "runs/search"), compact(body), true);
}

Result<RunsPage> SearchRuns::decode(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    RunsPage page;
    const QJsonArray runs = root.value().value(QLatin1String("runs")).toArray();
    page.items.reserve(runs.size());
    for (const QJsonValue &v : runs)
        page.items.append(EntityJson::run(v.toObject()));
    page.nextPageToken = root.value().value(QLatin1String("next_page_token")).toString();
    return page;
}

net::HttpRequest GetRun::request(const QString &prefix, const QString &runId)
{
    return net::HttpRequest::get(api(prefix, "runs/get")).addQuery(QStringLiteral("run_id"), runId);
}

Result<Run> GetRun::decode(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    const QJsonValue run = root.value().value(QLatin1String("run"));
    if (!run.isObject())
        return shapeError("run");
    return EntityJson::run(run.toObject());
}

net::HttpRequest CreateRun::request(const QString &prefix, const tracking::CreateRun &create)
{
    QJsonObject body{{QStringLiteral("experiment_id"), create.experimentId}};
    if (!create.runName.isEmpty())
        body.insert(QStringLiteral("run_name"), create.runName);
    if (!create.userId.isEmpty())
        body.insert(QStringLiteral("user_id"), create.userId);
    body.insert(
        QStringLiteral("start_time"),
        QJsonValue(qint64(create.startTime > 0 ? create.startTime : QDateTime::currentMSecsSinceEpoch())));
    if (!create.tags.isEmpty())
        body.insert(QStringLiteral("tags"), EntityJson::toJson(create.tags));
    return net::HttpRequest::postJson(api(prefix, "runs/create"), compact(body));
}

net::HttpRequest UpdateRun::request(const QString &prefix, const tracking::UpdateRun &update)
{
    QJsonObject body{{QStringLiteral("run_id"), update.runId}};
    if (update.status)
        body.insert(QStringLiteral("status"), runStatusName(*update.status));
    if (update.endTime)
        body.insert(QStringLiteral("end_time"), QJsonValue(qint64(*update.endTime)));
    if (update.runName)
        body.insert(QStringLiteral("run_name"), *update.runName);
    // Setting the same fields twice gives the same run: safe to retry.
    return net::HttpRequest::postJson(api(prefix, "runs/update"), compact(body), true);
}

Result<RunInfo> UpdateRun::decode(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    const QJsonValue info = root.value().value(QLatin1String("run_info"));
    if (!info.isObject())
        return shapeError("run_info");
    return EntityJson::runInfo(info.toObject());
}

QList<tracking::LogBatch> LogBatch::split(const tracking::LogBatch &batch)
{
    QList<tracking::LogBatch> parts;
    int m = 0, p = 0, t = 0;
    do {
        tracking::LogBatch part;
        part.runId = batch.runId;
        const int params = std::min<int>(kMaxParams, batch.params.size() - p);
        const int tags = std::min<int>(kMaxTags, batch.tags.size() - t);
        const int metrics =
            std::min<int>({kMaxMetrics, kMaxItems - params - tags, int(batch.metrics.size()) - m});
        part.params = batch.params.mid(p, params);
        part.tags = batch.tags.mid(t, tags);
        part.metrics = batch.metrics.mid(m, metrics);
        p += params;
        t += tags;
        m += metrics;
        parts.append(part);
    } while (m < batch.metrics.size() || p < batch.params.size() || t < batch.tags.size());
    return parts;
}

net::HttpRequest LogBatch::request(const QString &prefix, const tracking::LogBatch &batch)
{
    QJsonArray metrics, params;
    for (const Metric &m : batch.metrics)
        metrics.append(EntityJson::toJson(m));
    for (const Param &p : batch.params)
        params.append(EntityJson::toJson(p));
    QJsonObject body{{QStringLiteral("run_id"), batch.runId}};
    if (!metrics.isEmpty())
        body.insert(QStringLiteral("metrics"), metrics);
    if (!params.isEmpty())
        body.insert(QStringLiteral("params"), params);
    if (!batch.tags.isEmpty())
        body.insert(QStringLiteral("tags"), EntityJson::toJson(batch.tags));
    // Not idempotent: a repeated batch would log its metric points twice.
    return net::HttpRequest::postJson(api(prefix, "runs/log-batch"), compact(body));
}

net::HttpRequest SetTag::request(const QString &prefix, const QString &runId, const QString &key,
                                 const QString &value)
{
    const QJsonObject body{
        {QStringLiteral("run_id"), runId}, {QStringLiteral("key"), key}, {QStringLiteral("value"), value}};
    return net::HttpRequest::postJson(api(prefix, "runs/set-tag"), compact(body), true);
}

net::HttpRequest GetMetricHistory::request(const QString &prefix, const QString &runId, const QString &key,
                                           const QString &pageToken)
{
    net::HttpRequest r = net::HttpRequest::get(api(prefix, "metrics/get-history"));
    r.addQuery(QStringLiteral("run_id"), runId)
        .addQuery(QStringLiteral("metric_key"), key)
        .addQuery(QStringLiteral("max_results"), QString::number(kMaxResults));
    if (!pageToken.isEmpty())
        r.addQuery(QStringLiteral("page_token"), pageToken);
    return r;
}

net::HttpRequest GetMetricHistoryBulkInterval::request(const QString &prefix, const BulkIntervalQuery &query)
{
    net::HttpRequest r = net::HttpRequest::get(api(prefix, "metrics/get-history-bulk-interval"));
    for (const QString &runId : query.runIds)
        r.addQuery(QStringLiteral("run_ids"), runId);
    r.addQuery(QStringLiteral("metric_key"), query.metricKey);
    r.addQuery(QStringLiteral("max_results"), QString::number(query.maxResults));
    if (query.startStep && query.endStep) {
        r.addQuery(QStringLiteral("start_step"), QString::number(*query.startStep));
        r.addQuery(QStringLiteral("end_step"), QString::number(*query.endStep));
    }
    return r;
}

Result<QList<MetricHistory>>
GetMetricHistoryBulkInterval::decode(const QByteArray &body, const QStringList &runIds, const QString &key)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    QList<MetricHistory> out;
    QHash<QString, int> index;
    for (const QString &runId : runIds) {
        index.insert(runId, int(out.size()));
        out.append(MetricHistory{runId, key, {}});
    }
    for (const QJsonValue &v : root.value().value(QLatin1String("metrics")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString runId = o.value(QLatin1String("run_id")).toString();
        auto it = index.find(runId);
        if (it == index.end()) {
            it = index.insert(runId, int(out.size()));
            out.append(MetricHistory{runId, key, {}});
        }
        const Metric m = EntityJson::metric(o);
        out[*it].points.append(MetricPoint{m.step, m.timestamp, m.value});
    }
    for (MetricHistory &h : out)
        sortByStep(h.points);
    return out;
}

net::HttpRequest ListArtifacts::request(const QString &prefix, const QString &runId, const QString &path)
{
    net::HttpRequest r = net::HttpRequest::get(api(prefix, "artifacts/list"));
    r.addQuery(QStringLiteral("run_id"), runId);
    if (!path.isEmpty())
        r.addQuery(QStringLiteral("path"), path);
    return r;
}

Result<ArtifactListing> ListArtifacts::decode(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    ArtifactListing listing;
    listing.rootUri = root.value().value(QLatin1String("root_uri")).toString();
    for (const QJsonValue &v : root.value().value(QLatin1String("files")).toArray())
        listing.files.append(EntityJson::fileInfo(v.toObject()));
    return listing;
}

net::HttpRequest GetArtifact::request(const QString &runId, const QString &path, qint64 fromByte)
{
    net::HttpRequest r = net::HttpRequest::get(QStringLiteral("/get-artifact"));
    r.addQuery(QStringLiteral("path"), path);
    r.addQuery(QStringLiteral("run_uuid"), runId);
    // Byte offsets only make sense on the raw bytes.
    r.headers.append({QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity")});
    if (fromByte > 0)
        r.headers.append({QByteArrayLiteral("Range"), "bytes=" + QByteArray::number(fromByte) + '-'});
    return r;
}

} // namespace mltf::tracking::rest
