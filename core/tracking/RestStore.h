#pragma once

#include "tracking/Store.h"

#include <QUrl>

namespace mltf::net {
class HttpClient;
}

namespace mltf::tracking {

// The Store of an MLflow tracking server (REST API 2.0), per ../shared/protocols/mlflow-rest.md: always
// sends max_results, follows next_page_token where the server pages (get-history keeps asking until the
// token is absent or empty), treats missing arrays as empty, accepts "NaN"/"Infinity" metric values, and
// parses big bodies off the UI thread. Each endpoint is one small function in RestEndpoints.
class RestStore : public Store
{
    Q_OBJECT
public:
    // Uses its own HttpClient with `server` as base URL and credentials from the MLflow environment
    // variables for that server only.
    explicit RestStore(const QUrl &server, QObject *parent = nullptr);
    // Uses `client` (not owned; its base URL is the server).
    explicit RestStore(net::HttpClient *client, QObject *parent = nullptr);

    // To plug in the sign-in token provider, tune timeouts or retries.
    net::HttpClient *httpClient() const { return m_client; }

    // "/api" (default) or "/ajax-api": the path family requests use. Both exist on every server.
    void setApiPrefix(const QString &prefix) { m_apiPrefix = prefix; }
    QString apiPrefix() const { return m_apiPrefix; }

    QString location() const override;
    bool canWrite() const override { return true; }

    QFuture<Result<ExperimentsPage>> searchExperiments(const ExperimentSearch &search) override;
    QFuture<Result<Experiment>> getExperiment(const QString &experimentId) override;
    QFuture<Result<Experiment>> getExperimentByName(const QString &name) override;
    QFuture<Result<RunsPage>> searchRuns(const RunSearch &search) override;
    QFuture<Result<Run>> getRun(const QString &runId) override;
    QFuture<Result<MetricHistory>> getMetricHistory(const QString &runId, const QString &key) override;
    QFuture<Result<QList<MetricHistory>>> getMetricHistoryBulkInterval(const BulkIntervalQuery &query) override;
    QFuture<Result<ArtifactListing>> listArtifacts(const QString &runId, const QString &path) override;

    QFuture<Result<QString>> createExperiment(const QString &name, const Tags &tags) override;
    QFuture<Result<Run>> createRun(const CreateRun &request) override;
    QFuture<Result<RunInfo>> updateRun(const UpdateRun &request) override;
    QFuture<Result<Done>> logBatch(const LogBatch &batch) override;
    QFuture<Result<Done>> setTag(const QString &runId, const QString &key, const QString &value) override;

private:
    net::HttpClient *m_client;
    QString m_apiPrefix = QStringLiteral("/api");
};

} // namespace mltf::tracking
