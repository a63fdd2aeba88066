#include "HttpExchange.h"

#include <QJsonDocument>

namespace mltf::testserver {

QByteArray Request::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QString Request::queryValue(const QString &key) const
{
    for (const auto &item : query)
        if (item.first == key)
            return item.second;
    return {};
}

QStringList Request::queryValues(const QString &key) const
{
    QStringList values;
    for (const auto &item : query)
        if (item.first == key)
            values << item.second;
    return values;
}

bool Request::hasQuery(const QString &key) const
{
    for (const auto &item : query)
        if (item.first == key)
            return true;
    return false;
}

bool Request::isJsonContent() const
{
    return header("Content-Type").split(';').first().trimmed().toLower() == "application/json";
}

Reply Reply::json(const QJsonObject &object, int status)
{
    Reply r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Indented);
    return r;
}

Reply Reply::error(int status, const QString &code, const QString &message)
{
    Reply r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("error_code"), code}, {QStringLiteral("message"), message}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

Reply Reply::missingParameter(const QString &name)
{
    return invalidParameter(QStringLiteral("Missing value for required parameter '%1'. See the API docs for more "
                                           "information about request parameters.")
                                .arg(name));
}

Reply Reply::html(int status, const QByteArray &title, const QByteArray &heading, const QByteArray &text)
{
    Reply r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    r.body = "<!doctype html>\n<html lang=en>\n<title>" + title + "</title>\n<h1>" + heading + "</h1>\n<p>" + text +
             "</p>\n";
    return r;
}

Reply Reply::routeNotFound()
{
    return html(404, "404 Not Found", "Not Found",
                "The requested URL was not found on the server. If you entered the URL manually please check your "
                "spelling and try again.");
}

Reply Reply::methodNotAllowed(const QByteArray &allow)
{
    Reply r = html(405, "405 Method Not Allowed", "Method Not Allowed",
                   "The method is not allowed for the requested URL.");
    r.addHeader("Allow", allow);
    return r;
}

Reply Reply::internalErrorHtml()
{
    return html(500, "500 Internal Server Error", "Internal Server Error",
                "The server encountered an internal error and was unable to complete your request. Either the server "
                "is overloaded or there is an error in the application.");
}

Reply Reply::text(const QByteArray &body, const QByteArray &contentType)
{
    Reply r;
    r.contentType = contentType;
    r.body = body;
    return r;
}

QByteArray Reply::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 206: return "PARTIAL CONTENT";
    case 301: return "MOVED PERMANENTLY";
    case 302: return "FOUND";
    case 303: return "SEE OTHER";
    case 304: return "NOT MODIFIED";
    case 307: return "TEMPORARY REDIRECT";
    case 308: return "PERMANENT REDIRECT";
    case 400: return "BAD REQUEST";
    case 401: return "UNAUTHORIZED";
    case 403: return "FORBIDDEN";
    case 404: return "NOT FOUND";
    case 405: return "METHOD NOT ALLOWED";
    case 416: return "REQUESTED RANGE NOT SATISFIABLE";
    case 429: return "TOO MANY REQUESTS";
    case 500: return "INTERNAL SERVER ERROR";
    case 503: return "SERVICE UNAVAILABLE";
    default: return "STATUS";
    }
}

} // namespace mltf::testserver
