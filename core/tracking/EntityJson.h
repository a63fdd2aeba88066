#pragma once

#include "tracking/Experiment.h"
#include "tracking/FileInfo.h"
#include "tracking/Metric.h"
#include "tracking/Param.h"
#include "tracking/Run.h"
#include "tracking/Tag.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace mltf::tracking {

// MLflow REST JSON <-> entities. Decoding is lenient the way the server's answers need: missing arrays and
// fields are empty, int64 fields may be numbers or strings, metric values may be "NaN", "Infinity",
// "-Infinity" (or numbers as strings).
class EntityJson
{
public:
    // A metric value; false in *ok for anything else (null, objects, "abc").
    static double metricValue(const QJsonValue &value, bool *ok = nullptr);
    // "NaN" / "Infinity" / "-Infinity" as the server sends them, else a number.
    static QJsonValue metricValueToJson(double value);
    static qint64 int64(const QJsonValue &value);

    static Experiment experiment(const QJsonObject &o);
    static RunInfo runInfo(const QJsonObject &o);
    static Run run(const QJsonObject &o);
    static Metric metric(const QJsonObject &o);
    static Tags tags(const QJsonValue &array);
    static Params params(const QJsonValue &array);
    static Metrics metrics(const QJsonValue &array);
    static FileInfo fileInfo(const QJsonObject &o);

    static QJsonObject toJson(const Metric &m);
    static QJsonObject toJson(const Tag &t);
    static QJsonObject toJson(const Param &p);
    static QJsonArray toJson(const Tags &tags);
    // The server's shapes (used by the test server): empty fields omitted like MLflow does.
    static QJsonObject toJson(const Experiment &e);
    static QJsonObject toJson(const RunInfo &info);
    static QJsonObject toJson(const Run &run);
};

} // namespace mltf::tracking
