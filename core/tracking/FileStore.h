#pragma once

#include "tracking/Store.h"

namespace mltf::tracking {

// The Store of a local MLflow mlruns/ folder (MLflow's FileStore layout), read-only. All reading happens on
// the thread pool (FileStoreReader). Experiments with a numeric or random id are folders with a meta.yaml;
// ".trash" is optional. Artifacts are read from <run folder>/artifacts when meta.yaml's absolute
// artifact_uri does not exist (a moved or copied store).
//
// Search support (a subset of MLflow's syntax, see RunFilter): clauses joined by AND over
// metrics.<key> (= != < <= > >=), params.<key> / tags.<key> (= != LIKE ILIKE), attributes.status /
// run_name / run_id / user_id / start_time / end_time (and bare names), keys in backticks or double quotes;
// order_by over the same identifiers with ASC/DESC. Page tokens are base64 {"offset": N} like the server's.
// Experiments: "name = / LIKE / ILIKE" and tags.<key> filters, order_by name / creation_time /
// last_update_time / experiment_id.
class FileStore : public Store
{
    Q_OBJECT
public:
    explicit FileStore(const QString &root, QObject *parent = nullptr);

    QString root() const { return m_root; }
    QString location() const override { return m_root; }
    bool canWrite() const override { return false; }

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
    QString m_root;
};

} // namespace mltf::tracking
