#pragma once

#include "tracking/Experiment.h"
#include "tracking/FileInfo.h"
#include "tracking/Metric.h"
#include "tracking/Run.h"
#include "util/Error.h"

#include <QString>
#include <QStringList>

namespace mltf::tracking {

// Synchronous reader of MLflow's local mlruns/ layout (FileStore uses it on the thread pool; the test server
// seeds itself with it). Stateless apart from the root, so one instance per task is fine.
//
//   <root>/<experiment id>/meta.yaml, tags/<key>
//   <root>/<experiment id>/<run id>/meta.yaml, params/<key>, tags/<key>, metrics/<key> ("system/x" nested),
//   artifacts/...
// ".trash/" holds deleted experiments and may be missing (git does not keep empty folders).
class FileStoreReader
{
public:
    explicit FileStoreReader(QString root);

    const QString &root() const { return m_root; }
    // The root exists and looks like an mlruns folder (a folder; experiment folders are optional).
    Status check() const;

    // Active experiments, plus the deleted ones in .trash when `includeDeleted`.
    Result<Experiments> experiments(bool includeDeleted) const;
    Result<Experiment> experiment(const QString &experimentId) const;
    // Run ids of one experiment (folders with a meta.yaml).
    QStringList runIds(const QString &experimentId) const;
    // A run with params, tags and the latest value of every metric.
    Result<Run> run(const QString &runId) const;
    Result<Run> runInExperiment(const QString &experimentId, const QString &runId) const;
    // Metric keys of a run ("train_loss", "system/gpu_0_utilization_percentage"), sorted.
    Result<QStringList> metricKeys(const QString &runId) const;
    // The history in file order (not sorted).
    Result<MetricHistory> metricHistory(const QString &runId, const QString &key) const;
    // The folder holding the run's artifacts: meta.yaml's artifact_uri when it is an existing local folder,
    // else <run folder>/artifacts.
    Result<QString> artifactDirectory(const QString &runId) const;
    // One level of the run's artifacts (path relative to the artifact root; "" is the root). A missing path
    // or a file gives a listing without files; ".." or an absolute path is InvalidInput.
    Result<ArtifactListing> listArtifacts(const QString &runId, const QString &path) const;

    // Reads one metrics file: "timestamp value step" lines (also 2-field lines = step 0; nan/inf values).
    static Result<QList<MetricPoint>> readMetricFile(const QString &path);
    // The latest point: max step, then max timestamp, then max value (what MLflow shows as the value).
    static MetricPoint latest(const QList<MetricPoint> &points);

private:
    // The run's folder, searched in every experiment (and .trash); NotFound with MLflow's wording.
    Result<QString> runDirectory(const QString &runId) const;
    Result<Experiment> readExperiment(const QString &dir) const;
    Result<Run> readRun(const QString &dir) const;

    QString m_root;
};

} // namespace mltf::tracking
