#pragma once

#include "tracking/Metric.h"
#include "util/Error.h"

#include <QByteArray>
#include <QString>

namespace mltf::tracking {

// One metrics/get-history answer, points in the server's order (by timestamp, not step).
struct MetricHistoryPage
{
    QString key;
    QList<MetricPoint> points;
    QString nextPageToken;
};

// Parses metrics/get-history bodies (up to hundreds of MB) quickly: a single pass over the bytes that only
// builds the points, instead of a QJsonDocument tree. Anything it does not expect (escapes in keys, odd
// shapes, broken JSON) is handed to the QJsonDocument reader, which also produces the error message. Run it
// off the UI thread for big bodies (RestStore does).
class MetricHistoryParser
{
public:
    static Result<MetricHistoryPage> parse(const QByteArray &body);
    // The straightforward QJsonDocument reader (fallback and benchmark baseline).
    static Result<MetricHistoryPage> parseWithQJson(const QByteArray &body);
};

} // namespace mltf::tracking
