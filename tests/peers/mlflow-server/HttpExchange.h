#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace mltf::testserver {

// A request as the routes see it (copied out of QHttpServerRequest, which only lives during the call).
struct Request
{
    QByteArray method; // upper case
    QString path;      // decoded
    QList<QPair<QString, QString>> query; // decoded like werkzeug ('+' is a space)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    QString queryValue(const QString &key) const;
    QStringList queryValues(const QString &key) const;
    bool hasQuery(const QString &key) const;
    bool isJsonContent() const;
};

// A response to write. `chunked` sends Transfer-Encoding: chunked instead of Content-Length.
struct Reply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool chunked = false;

    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }

    // Pretty-printed JSON, like MLflow's successful answers.
    static Reply json(const QJsonObject &object, int status = 200);
    // MLflow's compact {"error_code", "message"}.
    static Reply error(int status, const QString &code, const QString &message);
    static Reply invalidParameter(const QString &message) { return error(400, QStringLiteral("INVALID_PARAMETER_VALUE"), message); }
    static Reply notFoundJson(const QString &message) { return error(404, QStringLiteral("RESOURCE_DOES_NOT_EXIST"), message); }
    static Reply missingParameter(const QString &name);
    // Flask's HTML pages.
    static Reply html(int status, const QByteArray &title, const QByteArray &heading, const QByteArray &text);
    static Reply routeNotFound();
    static Reply methodNotAllowed(const QByteArray &allow);
    static Reply internalErrorHtml();
    static Reply text(const QByteArray &body, const QByteArray &contentType = "text/html; charset=utf-8");

    static QByteArray reasonPhrase(int status);
};

} // namespace mltf::testserver
