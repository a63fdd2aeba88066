#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace mltf::tracking {

// One logged metric value. `value` may be NaN or +/-Inf (the server sends them as the strings "NaN",
// "Infinity", "-Infinity"; the file store writes nan/inf). Timestamps are ms since the epoch.
struct Metric
{
    QString key;
    double value = 0;
    qint64 timestamp = 0;
    qint64 step = 0;
};

using Metrics = QList<Metric>;

// One point of a metric history (the key is held once by MetricHistory).
struct MetricPoint
{
    qint64 step = 0;
    qint64 timestamp = 0;
    double value = 0;
};

// The history of one metric of one run, sorted by step (then timestamp). Duplicate steps are all kept, in
// the order of their timestamps, so the same data always gives the same order.
struct MetricHistory
{
    QString runId;
    QString key;
    QList<MetricPoint> points;
};

// Sorts by (step, timestamp) keeping equal points in their original order.
void sortByStep(QList<MetricPoint> &points);

} // namespace mltf::tracking
