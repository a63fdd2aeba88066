#pragma once

#include "HttpExchange.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace mltf::testserver {

// The parameters of one MLflow API call, from the query string (GET) or the JSON body (POST), the way the
// server reads them: a POST without a JSON content type is rejected, a malformed body counts as empty.
class ApiCall
{
public:
    // "runs/search" for /api/2.0/mlflow/runs/search and /ajax-api/2.0/mlflow/runs/search; empty otherwise.
    static QString endpointOf(const QString &path);

    explicit ApiCall(const Request &request);

    // Set for a POST without Content-Type: application/json.
    const std::optional<Reply> &rejection() const { return m_rejection; }

    bool has(const QString &key) const;
    QString string(const QString &key) const;
    // Lists: repeated query keys or JSON arrays.
    QStringList strings(const QString &key) const;
    // Numbers may come as JSON numbers or strings (MLflow accepts both); nullopt when absent or not a number.
    std::optional<qint64> integer(const QString &key) const;
    QJsonArray array(const QString &key) const { return m_params.value(key).toArray(); }
    const QJsonObject &params() const { return m_params; }

private:
    QJsonObject m_params;
    std::optional<Reply> m_rejection;
};

} // namespace mltf::testserver
