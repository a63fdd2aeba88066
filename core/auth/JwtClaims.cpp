#include "auth/JwtClaims.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QStringList>

namespace mltf::auth {

QJsonObject JwtClaims::decodeUnverified(const QString &jwt)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3 || parts.at(1).isEmpty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded);
    return doc.isObject() ? doc.object() : QJsonObject();
}

} // namespace mltf::auth
