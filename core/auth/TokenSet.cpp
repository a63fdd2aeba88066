#include "auth/TokenSet.h"

#include "auth/JwtClaims.h"

#include <QJsonDocument>

namespace mltf::auth {

namespace {
QDateTime fromMs(const QJsonValue &v)
{
    const qint64 ms = qint64(v.toDouble(-1));
    return ms < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}
QJsonValue toMs(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(double(t.toMSecsSinceEpoch())) : QJsonValue();
}
} // namespace

Result<TokenSet> TokenSet::fromTokenResponse(const QByteArray &body, const QDateTime &receivedAt)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        return Error::make(Error::Kind::Parse, tr("The identity provider sent an unreadable token answer."),
                           QStringLiteral("not a JSON object (%1 bytes)").arg(body.size()));
    }
    const QJsonObject o = doc.object();
    TokenSet t;
    t.accessToken = o.value(QLatin1String("access_token")).toString();
    if (t.accessToken.isEmpty()) {
        return Error::make(Error::Kind::Parse, tr("The identity provider's answer contains no access token."),
                           QStringLiteral("token answer without access_token"));
    }
    t.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    t.idToken = o.value(QLatin1String("id_token")).toString();
    t.tokenType = o.value(QLatin1String("token_type")).toString(QStringLiteral("Bearer"));
    t.scope = o.value(QLatin1String("scope")).toString();
    t.receivedAt = receivedAt.toUTC();

    // expires_in may come as a number or, from some servers, as a string.
    const auto seconds = [&o](const char *key) -> qint64 {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isString() ? v.toString().toLongLong() : qint64(v.toDouble(0));
    };
    if (const qint64 s = seconds("expires_in"); s > 0)
        t.accessExpiresAt = t.receivedAt.addSecs(s);
    if (!t.refreshToken.isEmpty()) {
        // Keycloak says refresh_expires_in (0 for offline tokens: no fixed end). Otherwise a JWT refresh
        // token's own lifetime (exp - iat), still counted from our receipt time to stay clear of clock skew.
        if (const qint64 s = seconds("refresh_expires_in"); s > 0) {
            t.refreshExpiresAt = t.receivedAt.addSecs(s);
        } else if (!o.contains(QLatin1String("refresh_expires_in"))) {
            const QJsonObject claims = JwtClaims::decodeUnverified(t.refreshToken);
            const qint64 exp = qint64(claims.value(QLatin1String("exp")).toDouble(0));
            const qint64 iat = qint64(claims.value(QLatin1String("iat")).toDouble(0));
            if (exp > 0 && iat > 0 && exp > iat)
                t.refreshExpiresAt = t.receivedAt.addSecs(exp - iat);
        }
    }
    return t;
}

bool TokenSet::accessTokenUsable(const QDateTime &now, int marginSeconds) const
{
    if (accessToken.isEmpty())
        return false;
    if (!accessExpiresAt.isValid())
        return true; // the provider gave no lifetime: use it until a server refuses it
    return now.secsTo(accessExpiresAt) > marginSeconds;
}

bool TokenSet::canRefresh(const QDateTime &now) const
{
    return !refreshToken.isEmpty() && (!refreshExpiresAt.isValid() || now < refreshExpiresAt);
}

TokenSet TokenSet::updatedBy(const TokenSet &refreshed) const
{
    TokenSet t = refreshed;
    if (t.refreshToken.isEmpty()) {
        t.refreshToken = refreshToken;
        t.refreshExpiresAt = refreshExpiresAt;
    }
    if (t.idToken.isEmpty())
        t.idToken = idToken;
    if (t.scope.isEmpty())
        t.scope = scope;
    return t;
}

QDateTime TokenSet::sessionExpiresAt() const
{
    if (!refreshToken.isEmpty())
        return refreshExpiresAt;
    return accessExpiresAt;
}

QJsonObject TokenSet::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("access_token"), accessToken);
    o.insert(QLatin1String("refresh_token"), refreshToken);
    o.insert(QLatin1String("id_token"), idToken);
    o.insert(QLatin1String("token_type"), tokenType);
    o.insert(QLatin1String("scope"), scope);
    o.insert(QLatin1String("received_at_ms"), toMs(receivedAt));
    o.insert(QLatin1String("access_expires_at_ms"), toMs(accessExpiresAt));
    o.insert(QLatin1String("refresh_expires_at_ms"), toMs(refreshExpiresAt));
    return o;
}

TokenSet TokenSet::fromJson(const QJsonObject &o)
{
    TokenSet t;
    t.accessToken = o.value(QLatin1String("access_token")).toString();
    t.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    t.idToken = o.value(QLatin1String("id_token")).toString();
    t.tokenType = o.value(QLatin1String("token_type")).toString();
    t.scope = o.value(QLatin1String("scope")).toString();
    t.receivedAt = fromMs(o.value(QLatin1String("received_at_ms")));
    t.accessExpiresAt = fromMs(o.value(QLatin1String("access_expires_at_ms")));
    t.refreshExpiresAt = fromMs(o.value(QLatin1String("refresh_expires_at_ms")));
    return t;
}

} // namespace mltf::auth
