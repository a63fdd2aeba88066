#include "TrackingState.h"

#include "tracking/FileStoreReader.h"

#include <QDateTime>
#include <QDir>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace mltf::testserver {

using namespace mltf::tracking;

namespace {

bool historyOrder(const MetricPoint &a, const MetricPoint &b)
{
    if (a.timestamp != b.timestamp)
        return a.timestamp < b.timestamp;
    if (a.step != b.step)
        return a.step < b.step;
    return a.value < b.value;
}

// MLflow's latest_metrics rule: max step, then max timestamp, then max value.
bool isNewer(const Metric &candidate, const Metric &current)
{
    if (candidate.step != current.step)
        return candidate.step > current.step;
    if (candidate.timestamp != current.timestamp)
        return candidate.timestamp > current.timestamp;
    return candidate.value > current.value;
}

QString newRunId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace

TrackingState::TrackingState()
{
    Experiment defaultExperiment;
    defaultExperiment.experimentId = QStringLiteral("0");
    defaultExperiment.name = QStringLiteral("Default");
    defaultExperiment.artifactLocation = QStringLiteral("mlflow-artifacts:/0");
    defaultExperiment.lifecycleStage = QStringLiteral("active");
    defaultExperiment.creationTime = defaultExperiment.lastUpdateTime = QDateTime::currentMSecsSinceEpoch();
    m_experiments.append(defaultExperiment);
}

Status TrackingState::seed(const QString &mlruns)
{
    const FileStoreReader reader(mlruns);
    Result<Experiments> experiments = reader.experiments(true);
    if (!experiments.ok())
        return experiments.error();
    for (Experiment e : experiments.value()) {
        e.artifactLocation = QStringLiteral("mlflow-artifacts:/") + e.experimentId;
        if (Experiment *existing = experiment(e.experimentId))
            *existing = e;
        else
            m_experiments.append(e);
        for (const QString &runId : reader.runIds(e.experimentId)) {
            Result<Run> run = reader.runInExperiment(e.experimentId, runId);
            if (!run.ok())
                return run.error();
            StoredRun stored;
            stored.info = run.value().info;
            stored.info.experimentId = e.experimentId;
            stored.info.artifactUri =
                QStringLiteral("mlflow-artifacts:/%1/%2/artifacts").arg(e.experimentId, stored.info.runId);
            stored.params = run.value().params;
            stored.tags = run.value().tags;
            Result<QStringList> keys = reader.metricKeys(runId);
            if (!keys.ok())
                return keys.error();
            for (const QString &key : keys.value()) {
                Result<MetricHistory> h = reader.metricHistory(runId, key);
                if (!h.ok())
                    return h.error();
                QList<MetricPoint> points = h.value().points;
                std::stable_sort(points.begin(), points.end(), historyOrder);
                stored.metricKeys << key;
                stored.history.insert(key, points);
                const MetricPoint last = FileStoreReader::latest(points);
                stored.latest.insert(key, Metric{key, last.value, last.timestamp, last.step});
            }
            Result<QString> artifacts = reader.artifactDirectory(runId);
            if (artifacts.ok())
                stored.seededArtifacts = artifacts.value();
            m_runOrder << stored.info.runId;
            m_runs.insert(stored.info.runId, stored);
        }
    }
    return Done{};
}

void TrackingState::generateRuns(int count)
{
    Experiment *e = experimentByName(QStringLiteral("generated"));
    const QString experimentId = e ? e->experimentId : createExperiment(QStringLiteral("generated"), {}).value();
    const qint64 base = 1795000000000;
    for (int i = 0; i < count; ++i) {
        StoredRun &run = createRun(experimentId, QStringLiteral("gen-%1").arg(i, 5, 10, QLatin1Char('0')),
                                   QStringLiteral("generator"), base + i * 1000, {});
        run.info.status = i % 10 == 0 ? RunStatus::Failed : RunStatus::Finished;
        run.info.endTime = run.info.startTime + 500 + i;
        run.params = {{QStringLiteral("index"), QString::number(i)},
                      {QStringLiteral("lr"), QString::number(0.001 * (i % 7 + 1))}};
        logMetric(run, Metric{QStringLiteral("loss"), 1.0 / (i + 1), run.info.endTime, 10});
    }
}

void TrackingState::generateHistory(int points)
{
    Experiment *e = experimentByName(QStringLiteral("generated"));
    const QString experimentId = e ? e->experimentId : createExperiment(QStringLiteral("generated"), {}).value();
    StoredRun &run = createRun(experimentId, QStringLiteral("big-history"), QStringLiteral("generator"),
                               1795000000000, {});
    const QString key = QStringLiteral("big_loss");
    QList<MetricPoint> history;
    history.reserve(points);
    for (int i = 0; i < points; ++i)
        history.append(MetricPoint{i, 1795000000000 + i, 1.0 / (1.0 + i * 0.001)});
    run.metricKeys << key;
    run.history.insert(key, history);
    const MetricPoint last = history.isEmpty() ? MetricPoint{} : history.last();
    run.latest.insert(key, Metric{key, last.value, last.timestamp, last.step});
}

Experiment *TrackingState::experiment(const QString &id)
{
    for (Experiment &e : m_experiments)
        if (e.experimentId == id)
            return &e;
    return nullptr;
}

Experiment *TrackingState::experimentByName(const QString &name)
{
    for (Experiment &e : m_experiments)
        if (e.name == name)
            return &e;
    return nullptr;
}

QString TrackingState::nextExperimentId() const
{
    qint64 highest = 0;
    for (const Experiment &e : m_experiments) {
        bool ok = false;
        const qint64 id = e.experimentId.toLongLong(&ok);
        if (ok && id < 1000000000)
            highest = std::max(highest, id);
    }
    return QString::number(highest + 1);
}

Result<QString> TrackingState::createExperiment(const QString &name, const Tags &tags)
{
    if (experimentByName(name))
        return Error::make(Error::Kind::InvalidInput,
                           QStringLiteral("Experiment(name=%1) already exists. Error: (raised by the MLTF test "
                                          "server: UNIQUE constraint failed: experiments.name)")
                               .arg(name));
    Experiment e;
    e.experimentId = nextExperimentId();
    e.name = name;
    e.artifactLocation = QStringLiteral("mlflow-artifacts:/") + e.experimentId;
    e.lifecycleStage = QStringLiteral("active");
    e.creationTime = e.lastUpdateTime = QDateTime::currentMSecsSinceEpoch();
    e.tags = tags;
    m_experiments.append(e);
    return e.experimentId;
}

StoredRun *TrackingState::run(const QString &runId)
{
    auto it = m_runs.find(runId);
    return it == m_runs.end() ? nullptr : &it.value();
}

QList<StoredRun *> TrackingState::runsOf(const QStringList &experimentIds)
{
    QList<StoredRun *> out;
    for (const QString &id : std::as_const(m_runOrder)) {
        StoredRun &r = m_runs[id];
        if (experimentIds.contains(r.info.experimentId))
            out.append(&r);
    }
    return out;
}

StoredRun &TrackingState::createRun(const QString &experimentId, const QString &runName, const QString &userId,
                                    qint64 startTime, const Tags &tags)
{
    StoredRun run;
    run.info.runId = newRunId();
    run.info.experimentId = experimentId;
    run.info.runName = runName;
    run.info.userId = userId;
    run.info.status = RunStatus::Running;
    run.info.startTime = startTime > 0 ? startTime : QDateTime::currentMSecsSinceEpoch();
    run.info.artifactUri = QStringLiteral("mlflow-artifacts:/%1/%2/artifacts").arg(experimentId, run.info.runId);
    run.info.lifecycleStage = QStringLiteral("active");
    run.tags = tags;
    if (!runName.isEmpty() && tagValue(run.tags, QStringLiteral("mlflow.runName")).isEmpty())
        run.tags.append({QStringLiteral("mlflow.runName"), runName});
    m_runOrder << run.info.runId;
    return m_runs.insert(run.info.runId, run).value();
}

void TrackingState::setTag(StoredRun &run, const QString &key, const QString &value)
{
    for (Tag &t : run.tags)
        if (t.key == key) {
            t.value = value;
            if (key == QLatin1String("mlflow.runName"))
                run.info.runName = value;
            return;
        }
    run.tags.append({key, value});
    if (key == QLatin1String("mlflow.runName"))
        run.info.runName = value;
}

void TrackingState::logMetric(StoredRun &run, const Metric &metric)
{
    Metric m = metric;
    // MLflow's SQL store keeps +/-Infinity as +/-DBL_MAX.
    if (std::isinf(m.value))
        m.value = m.value > 0 ? std::numeric_limits<double>::max() : -std::numeric_limits<double>::max();
    if (!run.history.contains(m.key))
        run.metricKeys << m.key;
    QList<MetricPoint> &points = run.history[m.key];
    const MetricPoint p{m.step, m.timestamp, m.value};
    points.insert(std::upper_bound(points.begin(), points.end(), p, historyOrder), p);
    auto latest = run.latest.find(m.key);
    if (latest == run.latest.end() || isNewer(m, latest.value()))
        run.latest.insert(m.key, m);
}

Run TrackingState::toRun(const StoredRun &stored) const
{
    Run run;
    run.info = stored.info;
    for (const QString &key : stored.metricKeys)
        run.metrics.append(stored.latest.value(key));
    run.params = stored.params;
    run.tags = stored.tags;
    return run;
}

QString TrackingState::uploadDirectory(const QString &runId) const
{
    return m_uploads.path() + QLatin1Char('/') + runId;
}

QStringList TrackingState::artifactRoots(const StoredRun &run) const
{
    QStringList roots{uploadDirectory(run.info.runId)};
    if (!run.seededArtifacts.isEmpty())
        roots << run.seededArtifacts;
    return roots;
}

} // namespace mltf::testserver
