#include "net/JsonBody.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mltf::net {

Result<QJsonObject> JsonBody::object(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error::make(Error::Kind::Parse,
                           QCoreApplication::translate("mltf::net::JsonBody",
                                                       "The server's answer is not valid JSON (%1 at byte %2).")
                               .arg(error.errorString())
                               .arg(error.offset),
                           QString::fromUtf8(body.left(300)));
    if (!doc.isObject())
        return Error::make(Error::Kind::Parse,
                           QCoreApplication::translate("mltf::net::JsonBody",
                                                       "The server's answer is JSON but not an object."),
                           QString::fromUtf8(body.left(300)));
    return doc.object();
}

} // namespace mltf::net
