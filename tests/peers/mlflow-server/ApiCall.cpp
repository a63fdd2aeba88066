#include "ApiCall.h"

#include <QJsonDocument>

namespace mltf::testserver {

QString ApiCall::endpointOf(const QString &path)
{
    for (const QLatin1String prefix : {QLatin1String("/api/2.0/mlflow/"), QLatin1String("/ajax-api/2.0/mlflow/")})
        if (path.startsWith(prefix))
            return path.mid(prefix.size());
    return {};
}

ApiCall::ApiCall(const Request &request)
{
    if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        if (!request.isJsonContent()) {
            m_rejection = Reply::invalidParameter(
                QStringLiteral("Bad Request. Content-Type must be one of ['application/json']."));
            return;
        }
        m_params = QJsonDocument::fromJson(request.body).object(); // malformed: treated as empty
        return;
    }
    for (const auto &item : request.query) {
        const QJsonValue existing = m_params.value(item.first);
        if (existing.isUndefined()) {
            m_params.insert(item.first, item.second);
        } else {
            QJsonArray list = existing.isArray() ? existing.toArray() : QJsonArray{existing};
            list.append(item.second);
            m_params.insert(item.first, list);
        }
    }
}

bool ApiCall::has(const QString &key) const
{
    const QJsonValue v = m_params.value(key);
    return !v.isUndefined() && !v.isNull() && !(v.isString() && v.toString().isEmpty());
}

QString ApiCall::string(const QString &key) const
{
    const QJsonValue v = m_params.value(key);
    if (v.isArray())
        return v.toArray().isEmpty() ? QString() : v.toArray().first().toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

QStringList ApiCall::strings(const QString &key) const
{
    const QJsonValue v = m_params.value(key);
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            out << (item.isDouble() ? QString::number(item.toInteger()) : item.toString());
    } else if (v.isString()) {
        out << v.toString();
    }
    return out;
}

std::optional<qint64> ApiCall::integer(const QString &key) const
{
    QJsonValue v = m_params.value(key);
    if (v.isArray())
        v = v.toArray().isEmpty() ? QJsonValue() : v.toArray().first();
    if (v.isDouble())
        return v.toInteger(qint64(v.toDouble()));
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

} // namespace mltf::testserver
