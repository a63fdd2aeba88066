#pragma once

#include <QString>

namespace mltf::tracking {

// Builds the pieces of MLflow search filters and order_by clauses the app writes itself, quoting keys that
// are not plain identifiers (the "system/..." metrics) with backticks, as the server requires.
class SearchSyntax
{
public:
    enum class Entity { Metric, Param, Tag, Attribute };

    // metrics.val_loss, metrics.`system/gpu_0_utilization_percentage`, tags.`mlflow.user`, attributes.status
    static QString identifier(Entity entity, const QString &key);
    // "metrics.`system/x` DESC"
    static QString orderBy(Entity entity, const QString &key, bool ascending);
    // A single-quoted string literal with quotes escaped.
    static QString stringLiteral(const QString &value);
    // True when `key` is not a plain identifier (letters, digits, '_', not starting with a digit): such keys
    // are wrapped in backticks (always accepted by the server).
    static bool needsQuoting(const QString &key);
};

} // namespace mltf::tracking
