#pragma once

#include "tracking/Experiment.h"
#include "tracking/FileInfo.h"
#include "tracking/Metric.h"
#include "tracking/Page.h"
#include "tracking/Run.h"
#include "tracking/RunWrites.h"
#include "tracking/SearchQueries.h"
#include "util/Error.h"

#include <QFuture>
#include <QObject>

namespace mltf::tracking {

using ExperimentsPage = Page<Experiment>;
using RunsPage = Page<Run>;

// Where experiments, runs, metrics and artifacts come from: an MLflow tracking server (RestStore) or a local
// mlruns/ folder (FileStore).
//
// Every call is asynchronous and returns a QFuture that finishes once with a Result (value or Error); it
// never blocks the calling thread and never throws. Consume it on the UI thread with
// `AsyncResult::watch(future, this, [](const Result<T> &r) {...})` (util/AsyncResult.h). Cancelling the future
// (`future.cancel()`) aborts the request where possible; a cancelled future carries no result.
// Create and use a Store on one thread (the UI thread); the futures may be consumed anywhere.
class Store : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Store() override = default;

    // A short description for people: the server URL or the folder.
    virtual QString location() const = 0;
    // False for stores that cannot log (FileStore): the write calls then fail with Error::Kind::Unsupported.
    virtual bool canWrite() const = 0;

    // --- reading -------------------------------------------------------------------------------------
    virtual QFuture<Result<ExperimentsPage>> searchExperiments(const ExperimentSearch &search) = 0;
    virtual QFuture<Result<Experiment>> getExperiment(const QString &experimentId) = 0;
    // Fails with Error::Kind::NotFound for an unknown name.
    virtual QFuture<Result<Experiment>> getExperimentByName(const QString &name) = 0;
    virtual QFuture<Result<RunsPage>> searchRuns(const RunSearch &search) = 0;
    virtual QFuture<Result<Run>> getRun(const QString &runId) = 0;
    // The whole history, sorted by step (duplicates kept; see MetricHistory). An unknown key gives an empty
    // history, not an error (as the server does).
    virtual QFuture<Result<MetricHistory>> getMetricHistory(const QString &runId, const QString &key) = 0;
    // Server-side sampled histories, one per requested run (in query order, runs without points included
    // with no points), each sorted by step.
    virtual QFuture<Result<QList<MetricHistory>>> getMetricHistoryBulkInterval(const BulkIntervalQuery &query) = 0;
    // One directory level; `path` is relative to the artifact root ("" for the root, "model/data").
    virtual QFuture<Result<ArtifactListing>> listArtifacts(const QString &runId, const QString &path) = 0;

    // --- writing -------------------------------------------------------------------------------------
    // Gives the new experiment id.
    virtual QFuture<Result<QString>> createExperiment(const QString &name, const Tags &tags) = 0;
    virtual QFuture<Result<Run>> createRun(const CreateRun &request) = 0;
    virtual QFuture<Result<RunInfo>> updateRun(const UpdateRun &request) = 0;
    virtual QFuture<Result<Done>> logBatch(const LogBatch &batch) = 0;
    virtual QFuture<Result<Done>> setTag(const QString &runId, const QString &key, const QString &value) = 0;
};

} // namespace mltf::tracking
