#include "net/HttpRequest.h"

namespace mltf::net {

HttpRequest HttpRequest::get(const QString &path)
{
    HttpRequest r;
    r.method = "GET";
    r.path = path;
    return r;
}

HttpRequest HttpRequest::postJson(const QString &path, const QByteArray &json, bool idempotent)
{
    HttpRequest r;
    r.method = "POST";
    r.path = path;
    r.body = json;
    r.contentType = "application/json";
    r.idempotent = idempotent;
    return r;
}

HttpRequest HttpRequest::put(const QString &path, const QByteArray &body, const QByteArray &contentType)
{
    HttpRequest r;
    r.method = "PUT";
    r.path = path;
    r.body = body;
    r.contentType = contentType;
    return r;
}

} // namespace mltf::net
