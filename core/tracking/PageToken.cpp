#include "tracking/PageToken.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace mltf::tracking {

QString PageToken::encode(qint64 offset)
{
    return QString::fromLatin1(QByteArray("{\"offset\": " + QByteArray::number(offset) + "}").toBase64());
}

Result<qint64> PageToken::decode(const QString &token)
{
    if (token.isEmpty())
        return qint64(0);
    const auto decoded = QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || token.size() % 4 != 0) {
        Error e = Error::make(Error::Kind::InvalidInput, QStringLiteral("Invalid page token, could not base64-decode"));
        e.code = QStringLiteral("INVALID_PARAMETER_VALUE");
        return e;
    }
    const QJsonObject o = QJsonDocument::fromJson(*decoded).object();
    const QJsonValue offset = o.value(QLatin1String("offset"));
    if (!offset.isDouble() || offset.toInteger(-1) < 0) {
        Error e = Error::make(Error::Kind::InvalidInput,
                              QStringLiteral("Invalid page token, decoded value=%1").arg(QString::fromUtf8(*decoded)));
        e.code = QStringLiteral("INVALID_PARAMETER_VALUE");
        return e;
    }
    return offset.toInteger();
}

} // namespace mltf::tracking
