#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace mltf::net {

// One request as REST callers describe it. `path` is appended to the client's base URL (keeping the base
// URL's own path prefix) unless `url` is set, which is used as is.
struct HttpRequest
{
    QByteArray method = "GET";
    QString path;   // "/api/2.0/mlflow/runs/get"
    QUrl url;       // absolute URL instead of base URL + path
    // Query items as plain (decoded) text; encoded exactly once when sent ('+' and '%' included).
    QList<QPair<QString, QString>> query;
    QByteArray body;
    QByteArray contentType; // sent when a body is sent; "application/json" for JSON bodies
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (never Authorization: see Authenticator)
    int timeoutMs = -1;  // transfer timeout (no progress for that long); -1: the client's default
    int maxAttempts = -1; // -1: the retry policy's default; 1: never retry
    // Safe to repeat after a connection error or 429/502/503/504. Defaults to true for GET/HEAD/PUT/DELETE.
    // MLflow's search calls are POSTs without side effects: mark them idempotent explicitly.
    bool idempotent = true;

    HttpRequest &addQuery(const QString &key, const QString &value)
    {
        query.append({key, value});
        return *this;
    }

    static HttpRequest get(const QString &path);
    static HttpRequest postJson(const QString &path, const QByteArray &json, bool idempotent = false);
    static HttpRequest put(const QString &path, const QByteArray &body, const QByteArray &contentType);
};

} // namespace mltf::net
