#include "tracking/EntityJson.h"

#include <cmath>
#include <limits>

namespace mltf::tracking {

namespace {
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

double EntityJson::metricValue(const QJsonValue &value, bool *ok)
{
    if (ok)
        *ok = true;
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        const QString s = value.toString().trimmed();
        const QString lower = s.toLower();
        if (lower == QLatin1String("nan"))
            return std::numeric_limits<double>::quiet_NaN();
        if (lower == QLatin1String("infinity") || lower == QLatin1String("inf") || lower == QLatin1String("+inf"))
            return std::numeric_limits<double>::infinity();
        if (lower == QLatin1String("-infinity") || lower == QLatin1String("-inf"))
            return -std::numeric_limits<double>::infinity();
        bool parsed = false;
        const double d = s.toDouble(&parsed);
        if (parsed)
            return d;
    }
    if (ok)
        *ok = false;
    return std::numeric_limits<double>::quiet_NaN();
}

QJsonValue EntityJson::metricValueToJson(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return value;
}

qint64 EntityJson::int64(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInteger(qint64(value.toDouble()));
    if (value.isString()) {
        bool ok = false;
        const qint64 v = value.toString().toLongLong(&ok);
        if (ok)
            return v;
        return qint64(value.toString().toDouble());
    }
    return 0;
}

Experiment EntityJson::experiment(const QJsonObject &o)
{
    Experiment e;
    e.experimentId = str(o, "experiment_id");
    e.name = str(o, "name");
    e.artifactLocation = str(o, "artifact_location");
    e.lifecycleStage = str(o, "lifecycle_stage");
    e.creationTime = int64(o.value(QLatin1String("creation_time")));
    e.lastUpdateTime = int64(o.value(QLatin1String("last_update_time")));
    e.tags = tags(o.value(QLatin1String("tags")));
    return e;
}

RunInfo EntityJson::runInfo(const QJsonObject &o)
{
    RunInfo info;
    info.runId = str(o, "run_id");
    if (info.runId.isEmpty())
        info.runId = str(o, "run_uuid");
    info.experimentId = str(o, "experiment_id");
    info.runName = str(o, "run_name");
    info.userId = str(o, "user_id");
    info.status = runStatusFromName(str(o, "status"));
    info.startTime = int64(o.value(QLatin1String("start_time")));
    info.endTime = int64(o.value(QLatin1String("end_time")));
    info.artifactUri = str(o, "artifact_uri");
    info.lifecycleStage = str(o, "lifecycle_stage");
    return info;
}

Run EntityJson::run(const QJsonObject &o)
{
    Run r;
    r.info = runInfo(o.value(QLatin1String("info")).toObject());
    const QJsonObject data = o.value(QLatin1String("data")).toObject();
    r.metrics = metrics(data.value(QLatin1String("metrics")));
    r.params = params(data.value(QLatin1String("params")));
    r.tags = tags(data.value(QLatin1String("tags")));
    if (r.info.runName.isEmpty())
        r.info.runName = r.tag(QStringLiteral("mlflow.runName"));
    return r;
}

Metric EntityJson::metric(const QJsonObject &o)
{
    Metric m;
    m.key = str(o, "key");
    m.value = metricValue(o.value(QLatin1String("value")));
    m.timestamp = int64(o.value(QLatin1String("timestamp")));
    m.step = int64(o.value(QLatin1String("step")));
    return m;
}

Tags EntityJson::tags(const QJsonValue &array)
{
    Tags out;
    const QJsonArray a = array.toArray();
    out.reserve(a.size());
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        out.append({str(o, "key"), str(o, "value")});
    }
    return out;
}

Params EntityJson::params(const QJsonValue &array)
{
    Params out;
    const QJsonArray a = array.toArray();
    out.reserve(a.size());
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        out.append({str(o, "key"), str(o, "value")});
    }
    return out;
}

Metrics EntityJson::metrics(const QJsonValue &array)
{
    Metrics out;
    const QJsonArray a = array.toArray();
    out.reserve(a.size());
    for (const QJsonValue &v : a)
        out.append(metric(v.toObject()));
    return out;
}

FileInfo EntityJson::fileInfo(const QJsonObject &o)
{
    FileInfo f;
    f.path = str(o, "path");
    f.isDir = o.value(QLatin1String("is_dir")).toBool();
    f.size = o.contains(QLatin1String("file_size")) ? int64(o.value(QLatin1String("file_size"))) : -1;
    return f;
}

QJsonObject EntityJson::toJson(const Metric &m)
{
    return QJsonObject{{QStringLiteral("key"), m.key},
                       {QStringLiteral("value"), metricValueToJson(m.value)},
                       {QStringLiteral("timestamp"), QJsonValue(qint64(m.timestamp))},
                       {QStringLiteral("step"), QJsonValue(qint64(m.step))}};
}

QJsonObject EntityJson::toJson(const Tag &t)
{
    return QJsonObject{{QStringLiteral("key"), t.key}, {QStringLiteral("value"), t.value}};
}

QJsonObject EntityJson::toJson(const Param &p)
{
    return QJsonObject{{QStringLiteral("key"), p.key}, {QStringLiteral("value"), p.value}};
}

QJsonArray EntityJson::toJson(const Tags &tags)
{
    QJsonArray a;
    for (const Tag &t : tags)
        a.append(toJson(t));
    return a;
}

QJsonObject EntityJson::toJson(const Experiment &e)
{
    QJsonObject o{{QStringLiteral("experiment_id"), e.experimentId},
                  {QStringLiteral("name"), e.name},
                  {QStringLiteral("artifact_location"), e.artifactLocation},
                  {QStringLiteral("lifecycle_stage"), e.lifecycleStage}};
    if (e.lastUpdateTime)
        o.insert(QStringLiteral("last_update_time"), QJsonValue(qint64(e.lastUpdateTime)));
    if (e.creationTime)
        o.insert(QStringLiteral("creation_time"), QJsonValue(qint64(e.creationTime)));
    if (!e.tags.isEmpty())
        o.insert(QStringLiteral("tags"), toJson(e.tags));
    return o;
}

QJsonObject EntityJson::toJson(const RunInfo &info)
{
    QJsonObject o{{QStringLiteral("run_uuid"), info.runId},
                  {QStringLiteral("experiment_id"), info.experimentId},
                  {QStringLiteral("run_name"), info.runName},
                  {QStringLiteral("user_id"), info.userId},
                  {QStringLiteral("status"), runStatusName(info.status)}};
    if (info.startTime)
        o.insert(QStringLiteral("start_time"), QJsonValue(qint64(info.startTime)));
    if (info.endTime)
        o.insert(QStringLiteral("end_time"), QJsonValue(qint64(info.endTime)));
    o.insert(QStringLiteral("artifact_uri"), info.artifactUri);
    o.insert(QStringLiteral("lifecycle_stage"), info.lifecycleStage);
    o.insert(QStringLiteral("run_id"), info.runId);
    return o;
}

QJsonObject EntityJson::toJson(const Run &run)
{
    QJsonObject data;
    if (!run.metrics.isEmpty()) {
        QJsonArray a;
        for (const Metric &m : run.metrics)
            a.append(toJson(m));
        data.insert(QStringLiteral("metrics"), a);
    }
    if (!run.params.isEmpty()) {
        QJsonArray a;
        for (const Param &p : run.params)
            a.append(toJson(p));
        data.insert(QStringLiteral("params"), a);
    }
    if (!run.tags.isEmpty())
        data.insert(QStringLiteral("tags"), toJson(run.tags));
    return QJsonObject{{QStringLiteral("info"), toJson(run.info)},
                       {QStringLiteral("data"), data},
                       {QStringLiteral("inputs"), QJsonObject()}};
}

} // namespace mltf::tracking
