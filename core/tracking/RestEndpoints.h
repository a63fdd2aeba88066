#pragma once

#include "net/HttpRequest.h"
#include "tracking/MetricHistoryParser.h"
#include "tracking/Store.h"

#include <QByteArray>

namespace mltf::tracking::rest {

// One small struct per MLflow REST endpoint: `request(...)` builds the HTTP request (prefix is "/api" or
// "/ajax-api"), `decode(body)` reads a 2xx body. Decoders are pure functions, safe on any thread.

struct SearchExperiments
{
    using Value = ExperimentsPage;
    static net::HttpRequest request(const QString &prefix, const ExperimentSearch &search);
    static Result<Value> decode(const QByteArray &body);
};

struct GetExperiment
{
    using Value = Experiment;
    static net::HttpRequest request(const QString &prefix, const QString &experimentId);
    static Result<Value> decode(const QByteArray &body);
};

struct GetExperimentByName
{
    using Value = Experiment;
    static net::HttpRequest request(const QString &prefix, const QString &name);
    static Result<Value> decode(const QByteArray &body) { return GetExperiment::decode(body); }
};

struct CreateExperiment
{
    using Value = QString;
    static net::HttpRequest request(const QString &prefix, const QString &name, const Tags &tags);
    static Result<Value> decode(const QByteArray &body);
};

struct SearchRuns
{
    using Value = RunsPage;
    static net::HttpRequest request(const QString &prefix, const RunSearch &search);
    static Result<Value> decode(const QByteArray &body);
};

struct GetRun
{
    using Value = Run;
    static net::HttpRequest request(const QString &prefix, const QString &runId);
    static Result<Value> decode(const QByteArray &body);
};

struct CreateRun
{
    using Value = Run;
    static net::HttpRequest request(const QString &prefix, const tracking::CreateRun &create);
    static Result<Value> decode(const QByteArray &body) { return GetRun::decode(body); }
};

struct UpdateRun
{
    using Value = RunInfo;
    static net::HttpRequest request(const QString &prefix, const tracking::UpdateRun &update);
    static Result<Value> decode(const QByteArray &body);
};

struct LogBatch
{
    using Value = Done;
    static constexpr int kMaxMetrics = 1000;
    static constexpr int kMaxParams = 100;
    static constexpr int kMaxTags = 100;
    static constexpr int kMaxItems = 1000;
    // Splits a batch of any size into requests within the server's limits (params and tags first).
    static QList<tracking::LogBatch> split(const tracking::LogBatch &batch);
    static net::HttpRequest request(const QString &prefix, const tracking::LogBatch &batch);
    static Result<Value> decode(const QByteArray &) { return Done{}; }
};

struct SetTag
{
    using Value = Done;
    static net::HttpRequest request(const QString &prefix, const QString &runId, const QString &key,
                                    const QString &value);
    static Result<Value> decode(const QByteArray &) { return Done{}; }
};

struct GetMetricHistory
{
    using Value = MetricHistoryPage;
    // Always at most this many per page: 2.x ignores it, 3.x needs it (an omitted value pages forever).
    static constexpr int kMaxResults = 25000;
    static net::HttpRequest request(const QString &prefix, const QString &runId, const QString &key,
                                    const QString &pageToken);
    static Result<Value> decode(const QByteArray &body) { return MetricHistoryParser::parse(body); }
};

struct GetMetricHistoryBulkInterval
{
    using Value = QList<MetricHistory>;
    static net::HttpRequest request(const QString &prefix, const BulkIntervalQuery &query);
    // Groups the rows by run_id, in the order of `runIds`, each sorted by step.
    static Result<Value> decode(const QByteArray &body, const QStringList &runIds, const QString &key);
};

struct ListArtifacts
{
    using Value = ArtifactListing;
    static net::HttpRequest request(const QString &prefix, const QString &runId, const QString &path);
    static Result<Value> decode(const QByteArray &body);
};

// GET /get-artifact?path=…&run_uuid=…: the download route that sends Content-Length and honours Range (206,
// 416 past the end); the artifact proxy route streams chunked and ignores Range. It lives at the server root,
// so it takes no prefix. `fromByte` > 0 asks for the rest of the file from that offset (resuming a download).
struct GetArtifact
{
    using Value = QByteArray;
    static net::HttpRequest request(const QString &runId, const QString &path, qint64 fromByte = 0);
    static Result<Value> decode(const QByteArray &body) { return body; }
};

} // namespace mltf::tracking::rest
