#pragma once

#include "tracking/Metric.h"
#include "tracking/Run.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QtNumeric>

#include <optional>

namespace mltf::tracking {

// One key (a param or a tag) across the compared runs: one value per run, nullopt where the run lacks it.
struct ComparisonRow
{
    QString key;
    QList<std::optional<QString>> values;
    // True when some run's value differs (a missing value differs from any present one).
    bool differs = false;
    // Per run: the cells that stand out in a differing row. When one value is shared by more runs than any
    // other (the row's usual value), the others stand out; without such a value (all distinct, or a tie)
    // every cell does.
    QList<bool> standsOut;
};

// Last, min and max of a metric's history. `last` is MLflow's latest value (highest step, then latest
// timestamp); min and max ignore NaN (both NaN when there is no other value).
struct MetricSummary
{
    double last = qQNaN();
    double min = qQNaN();
    double max = qQNaN();
    qsizetype count = 0;

    static MetricSummary of(const QList<MetricPoint> &points);
};

// What differs between runs: their params and tags key by key, and the metric keys they logged. UI-free so
// the rules are unit-tested; the compare view draws what this computes.
class RunComparison
{
public:
    RunComparison() = default;
    explicit RunComparison(Runs runs);

    const Runs &runs() const { return m_runs; }
    int runCount() const { return int(m_runs.size()); }
    // The runs' display names, made unique with a short id suffix where two runs share a name.
    QStringList runNames() const;

    // Sorted by key.
    QList<ComparisonRow> params() const { return m_params; }
    QList<ComparisonRow> tags() const { return m_tags; }
    QStringList differingParamKeys() const;
    // The union of the runs' metric keys, sorted.
    QStringList metricKeys() const { return m_metricKeys; }
    // The run's latest value of `key` (from the run itself, no history needed).
    std::optional<double> latestMetric(int run, const QString &key) const;

    static QList<ComparisonRow> onlyDifferences(const QList<ComparisonRow> &rows);

private:
    template <typename Get> QList<ComparisonRow> compare(Get entriesOf) const;

    Runs m_runs;
    QList<ComparisonRow> m_params;
    QList<ComparisonRow> m_tags;
    QStringList m_metricKeys;
};

} // namespace mltf::tracking
