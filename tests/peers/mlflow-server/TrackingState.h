#pragma once

#include "tracking/Experiment.h"
#include "tracking/Metric.h"
#include "tracking/Run.h"
#include "util/Error.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QTemporaryDir>

namespace mltf::testserver {

// One run as the server keeps it: its full metric histories (ordered like MLflow's SQL store: by timestamp,
// step, value) and the latest value of every key.
struct StoredRun
{
    tracking::RunInfo info;
    tracking::Params params;
    tracking::Tags tags;
    QStringList metricKeys; // first-logged order
    QHash<QString, QList<tracking::MetricPoint>> history;
    QHash<QString, tracking::Metric> latest;
    QString seededArtifacts; // read-only artifact folder of a seeded run (uploads go to the upload folder)
};

// The server's in-memory tracking data, optionally seeded from an mlruns folder.
class TrackingState
{
public:
    TrackingState();

    // Loads every experiment and run of `mlruns` (ids kept; artifact URIs rewritten to mlflow-artifacts:/).
    Status seed(const QString &mlruns);
    // An experiment "generated" with `count` small runs (for paging tests).
    void generateRuns(int count);
    // A run "big-history" in experiment "generated" with metric "big_loss" of `points` points.
    void generateHistory(int points);

    QList<tracking::Experiment> &experiments() { return m_experiments; }
    tracking::Experiment *experiment(const QString &id);
    tracking::Experiment *experimentByName(const QString &name);
    // The new id, or an error message for an existing name.
    Result<QString> createExperiment(const QString &name, const tracking::Tags &tags);

    StoredRun *run(const QString &runId);
    QList<StoredRun *> runsOf(const QStringList &experimentIds);
    StoredRun &createRun(const QString &experimentId, const QString &runName, const QString &userId,
                         qint64 startTime, const tracking::Tags &tags);
    void setTag(StoredRun &run, const QString &key, const QString &value);
    void logMetric(StoredRun &run, const tracking::Metric &metric);
    // info + data (latest metrics, params, tags).
    tracking::Run toRun(const StoredRun &run) const;

    // Where uploads for a run go (created on demand), and the folders to look in for a run's artifacts
    // (uploads first).
    QString uploadDirectory(const QString &runId) const;
    QStringList artifactRoots(const StoredRun &run) const;

private:
    QString nextExperimentId() const;

    QTemporaryDir m_uploads;
    QList<tracking::Experiment> m_experiments;
    QHash<QString, StoredRun> m_runs;
    QStringList m_runOrder;
};

} // namespace mltf::testserver
