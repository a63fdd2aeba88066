#include "auth/DeviceAuthorization.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace mltf::auth {

QUrl DeviceAuthorization::urlToOpen() const
{
    if (verificationUriComplete.isValid() && !verificationUriComplete.isEmpty())
        return verificationUriComplete;
    QUrl url = verificationUri;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("user_code"), userCode);
    url.setQuery(query);
    return url;
}

Result<DeviceAuthorization> DeviceAuthorization::parse(const QByteArray &body, const QDateTime &receivedAt)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    DeviceAuthorization d;
    d.deviceCode = o.value(QLatin1String("device_code")).toString();
    d.userCode = o.value(QLatin1String("user_code")).toString();
    d.verificationUri = QUrl(o.value(QLatin1String("verification_uri")).toString());
    // Some older servers say verification_url.
    if (d.verificationUri.isEmpty())
        d.verificationUri = QUrl(o.value(QLatin1String("verification_url")).toString());
    d.verificationUriComplete = QUrl(o.value(QLatin1String("verification_uri_complete")).toString());
    const int expiresIn = o.value(QLatin1String("expires_in")).toInt(0);
    const int interval = o.value(QLatin1String("interval")).toInt(0);
    if (d.deviceCode.isEmpty() || d.userCode.isEmpty() || d.verificationUri.isEmpty() || expiresIn <= 0) {
        return Error::make(
            Error::Kind::Parse,
            tr("The identity provider sent an incomplete answer to the device code request."),
            QStringLiteral("device authorization answer has keys: %1").arg(o.keys().join(u',')));
    }
    d.expiresAt = receivedAt.toUTC().addSecs(expiresIn);
    if (interval > 0)
        d.intervalSeconds = interval;
    return d;
}

} // namespace mltf::auth
