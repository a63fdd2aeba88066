#include "MetricRoutes.h"

#include "ApiCall.h"
#include "TrackingState.h"

#include "tracking/PageToken.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace mltf::testserver {

using namespace mltf::tracking;

namespace {

QByteArray jsonString(const QString &s)
{
    // Metric keys and run ids need no escaping beyond quotes and backslashes (names are validated).
    QByteArray out = s.toUtf8();
    out.replace('\\', "\\\\");
    out.replace('"', "\\\"");
    return '"' + out + '"';
}

QByteArray jsonNumber(double v)
{
    if (std::isnan(v))
        return "\"NaN\"";
    if (std::isinf(v))
        return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    QByteArray text = QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
    if (!text.contains('.') && !text.contains('e') && !text.contains("inf"))
        text += ".0"; // Python prints floats with a decimal point
    return text;
}

struct Row
{
    const MetricPoint *point;
    const QString *runId;
};

// Pretty-printed like MLflow (2-space indent), written by hand: histories can have millions of points.
QByteArray metricsBody(const QString &key, const QList<Row> &rows, const QString &nextPageToken)
{
    if (rows.isEmpty() && nextPageToken.isEmpty())
        return "{}";
    QByteArray out;
    out.reserve(rows.size() * 130 + 64);
    const QByteArray quotedKey = jsonString(key);
    out += "{\n";
    if (!rows.isEmpty()) {
        out += "  \"metrics\": [\n";
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const MetricPoint &p = *rows.at(i).point;
            out += "    {\n      \"key\": " + quotedKey + ",\n      \"value\": " + jsonNumber(p.value) +
                   ",\n      \"timestamp\": " + QByteArray::number(p.timestamp) +
                   ",\n      \"step\": " + QByteArray::number(p.step);
            if (rows.at(i).runId)
                out += ",\n      \"run_id\": " + jsonString(*rows.at(i).runId);
            out += i + 1 < rows.size() ? "\n    },\n" : "\n    }\n";
        }
        out += nextPageToken.isEmpty() ? "  ]\n" : "  ],\n";
    }
    if (!nextPageToken.isEmpty())
        out += "  \"next_page_token\": " + jsonString(nextPageToken) + "\n";
    out += "}";
    return out;
}

} // namespace

std::optional<Reply> MetricRoutes::handle(const Request &request)
{
    const QString endpoint = ApiCall::endpointOf(request.path);
    if (endpoint == QLatin1String("metrics/get-history"))
        return request.method == "GET" ? history(request) : Reply::methodNotAllowed("GET, OPTIONS");
    if (endpoint == QLatin1String("metrics/get-history-bulk-interval"))
        return request.method == "GET" ? bulkInterval(request) : Reply::methodNotAllowed("GET, OPTIONS");
    return std::nullopt;
}

Reply MetricRoutes::history(const Request &request)
{
    const ApiCall call(request);
    QString runId = call.string(QStringLiteral("run_id"));
    if (runId.isEmpty())
        runId = call.string(QStringLiteral("run_uuid"));
    if (runId.isEmpty())
        return Reply::missingParameter(QStringLiteral("run_id"));
    if (!call.has(QStringLiteral("metric_key")))
        return Reply::missingParameter(QStringLiteral("metric_key"));
    const QString key = call.string(QStringLiteral("metric_key"));

    static const QList<MetricPoint> none;
    const StoredRun *run = m_state.run(runId);
    const QList<MetricPoint> *source = &none;
    if (run) {
        const auto it = run->history.constFind(key);
        if (it != run->history.cend())
            source = &*it;
    }

    qint64 begin = 0;
    qint64 end = source->size();
    QString token;
    if (m_historyPageSize > 0) {
        Result<qint64> offset = PageToken::decode(call.string(QStringLiteral("page_token")));
        if (!offset.ok())
            return Reply::invalidParameter(offset.error().message);
        const qint64 maxResults = call.integer(QStringLiteral("max_results")).value_or(0);
        begin = std::min<qint64>(offset.value(), source->size());
        end = std::min<qint64>(begin + std::min<qint64>(std::max<qint64>(maxResults, 0), m_historyPageSize),
                               source->size());
        if (end < source->size())
            token = PageToken::encode(end); // with max_results missing: the same offset again (3.x bug)
    }
    QList<Row> rows;
    rows.reserve(end - begin);
    for (qint64 i = begin; i < end; ++i)
        rows.append(Row{&source->at(i), nullptr});
    Reply reply;
    reply.body = metricsBody(key, rows, token);
    return reply;
}

Reply MetricRoutes::bulkInterval(const Request &request)
{
    const ApiCall call(request);
    const QStringList runIds = call.strings(QStringLiteral("run_ids"));
    if (runIds.isEmpty())
        return Reply::invalidParameter(
            QStringLiteral("GetMetricHistoryBulkInterval request must specify at least one run_id."));
    if (runIds.size() > 100)
        return Reply::invalidParameter(QStringLiteral("GetMetricHistoryBulkInterval request cannot specify more "
                                                      "than 100 run_ids. Received %1 run_ids.")
                                           .arg(runIds.size()));
    if (!call.has(QStringLiteral("metric_key")))
        return Reply::missingParameter(QStringLiteral("metric_key"));
    const QString key = call.string(QStringLiteral("metric_key"));
    const qint64 maxResults = call.integer(QStringLiteral("max_results")).value_or(2500);
    if (maxResults < 1 || maxResults > 2500)
        return Reply::invalidParameter(QStringLiteral("max_results must be between 1 and 2500."));
    const auto startStep = call.integer(QStringLiteral("start_step"));
    const auto endStep = call.integer(QStringLiteral("end_step"));
    if (startStep.has_value() != endStep.has_value())
        return Reply::invalidParameter(
            QStringLiteral("If either start step or end step are specified, both must be specified."));
    if (startStep && *startStep > *endStep)
        return Reply::invalidParameter(QStringLiteral("end_step must be greater than start_step. Found "
                                                      "start_step=%1 and end_step=%2.")
                                           .arg(*startStep)
                                           .arg(*endStep));

    // Sampled like MLflow 3.x (2.x under-samples windows that do not start at the first step; not copied).
    QList<Row> rows;
    QList<QList<MetricPoint>> sortedCopies;
    sortedCopies.reserve(runIds.size());
    for (const QString &runId : runIds) {
        const StoredRun *run = m_state.run(runId);
        if (!run || !run->history.contains(key))
            continue;
        QList<MetricPoint> points = *run->history.find(key);
        std::stable_sort(points.begin(), points.end(), [](const MetricPoint &a, const MetricPoint &b) {
            return a.step != b.step ? a.step < b.step : a.timestamp < b.timestamp;
        });
        QList<qint64> steps;
        for (const MetricPoint &p : points)
            if ((!startStep || (p.step >= *startStep && p.step <= *endStep)) && (steps.isEmpty() || steps.last() != p.step))
                steps.append(p.step);
        QSet<qint64> chosen;
        if (steps.size() <= maxResults) {
            for (qint64 s : steps)
                chosen.insert(s);
        } else {
            const double interval = double(steps.size()) / double(maxResults);
            for (qint64 i = 0; i < maxResults; ++i)
                chosen.insert(steps.at(qsizetype(double(i) * interval)));
            chosen.insert(steps.first());
            chosen.insert(steps.last());
        }
        sortedCopies.append(points);
        const QString *id = &*std::find(runIds.begin(), runIds.end(), runId);
        for (const MetricPoint &p : sortedCopies.last())
            if (chosen.contains(p.step))
                rows.append(Row{&p, id});
    }
    Reply reply;
    reply.body = metricsBody(key, rows, QString());
    return reply;
}

} // namespace mltf::testserver
