#include "tracking/RunComparison.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <cmath>

namespace mltf::tracking {

MetricSummary MetricSummary::of(const QList<MetricPoint> &points)
{
    MetricSummary s;
    s.count = points.size();
    const MetricPoint *latest = nullptr;
    for (const MetricPoint &p : points) {
        if (!latest || p.step > latest->step || (p.step == latest->step && p.timestamp >= latest->timestamp))
            latest = &p;
        if (std::isnan(p.value))
            continue;
        if (std::isnan(s.min) || p.value < s.min)
            s.min = p.value;
        if (std::isnan(s.max) || p.value > s.max)
            s.max = p.value;
    }
    if (latest)
        s.last = latest->value;
    return s;
}

namespace {

// Marks the cells of a differing row that stand out from its usual value (see ComparisonRow::standsOut).
void markStandouts(ComparisonRow &row)
{
    row.standsOut = QList<bool>(row.values.size(), false);
    if (!row.differs)
        return;
    QHash<QString, int> counts;
    for (const std::optional<QString> &v : row.values)
        if (v)
            ++counts[*v];
    int best = 0;
    int bestHolders = 0;
    QString usual;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > best) {
            best = it.value();
            bestHolders = 1;
            usual = it.key();
        } else if (it.value() == best) {
            ++bestHolders;
        }
    }
    const bool hasUsual = best > 1 && bestHolders == 1;
    for (qsizetype i = 0; i < row.values.size(); ++i)
        row.standsOut[i] = !hasUsual || !row.values[i] || *row.values[i] != usual;
}

} // namespace

template <typename Get> QList<ComparisonRow> RunComparison::compare(Get entriesOf) const
{
    QMap<QString, ComparisonRow> rows; // sorted by key
    for (int r = 0; r < m_runs.size(); ++r) {
        for (const auto &entry : entriesOf(m_runs[r])) {
            ComparisonRow &row = rows[entry.key];
            if (row.values.isEmpty()) {
                row.key = entry.key;
                row.values.resize(m_runs.size());
            }
            row.values[r] = entry.value;
        }
    }
    QList<ComparisonRow> out;
    out.reserve(rows.size());
    for (ComparisonRow &row : rows) {
        for (const std::optional<QString> &v : row.values)
            if (v != row.values.first())
                row.differs = true;
        markStandouts(row);
        out.append(std::move(row));
    }
    return out;
}

RunComparison::RunComparison(Runs runs)
    : m_runs(std::move(runs))
{
    m_params = compare([](const Run &run) { return run.params; });
    m_tags = compare([](const Run &run) { return run.tags; });
    QSet<QString> keys;
    for (const Run &run : m_runs)
        for (const Metric &m : run.metrics)
            keys.insert(m.key);
    m_metricKeys = QStringList(keys.cbegin(), keys.cend());
    m_metricKeys.sort();
}

QStringList RunComparison::runNames() const
{
    QHash<QString, int> uses;
    for (const Run &run : m_runs)
        ++uses[run.displayName()];
    QStringList names;
    for (const Run &run : m_runs) {
        QString name = run.displayName(); // the run id when the run has no name
        if (uses.value(name) > 1)
            name += QStringLiteral(" (%1)").arg(run.info.runId.left(6));
        names.append(name);
    }
    return names;
}

QStringList RunComparison::differingParamKeys() const
{
    QStringList keys;
    for (const ComparisonRow &row : m_params)
        if (row.differs)
            keys.append(row.key);
    return keys;
}

std::optional<double> RunComparison::latestMetric(int run, const QString &key) const
{
    if (run < 0 || run >= m_runs.size())
        return std::nullopt;
    if (const std::optional<Metric> m = m_runs[run].metric(key))
        return m->value;
    return std::nullopt;
}

QList<ComparisonRow> RunComparison::onlyDifferences(const QList<ComparisonRow> &rows)
{
    QList<ComparisonRow> out;
    for (const ComparisonRow &row : rows)
        if (row.differs)
            out.append(row);
    return out;
}

} // namespace mltf::tracking
