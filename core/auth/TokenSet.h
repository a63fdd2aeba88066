#pragma once

#include "util/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace mltf::auth {

// The tokens of one signed-in session and when they expire. Expiry times are computed from `expires_in`
// relative to the moment the answer arrived on this machine, never from the JWT `exp` against the local
// clock, so a provider whose clock is minutes off does not make tokens look expired (or valid) too early.
struct TokenSet
{
    Q_DECLARE_TR_FUNCTIONS(TokenSet)

public:
    QString accessToken;
    QString refreshToken;
    QString idToken;
    QString tokenType;
    QString scope;
    QDateTime receivedAt;       // UTC, local clock
    QDateTime accessExpiresAt;  // UTC; invalid when the provider did not say
    QDateTime refreshExpiresAt; // UTC; invalid when unknown or unlimited

    // Parses a successful token endpoint answer (RFC 6749 5.1).
    static Result<TokenSet> fromTokenResponse(const QByteArray &body, const QDateTime &receivedAt);

    // The access token can be sent for at least `marginSeconds` more.
    bool accessTokenUsable(const QDateTime &now, int marginSeconds) const;
    // A refresh is possible: there is a refresh token and it has not expired.
    bool canRefresh(const QDateTime &now) const;
    // The answer to a refresh: providers that rotate refresh tokens send a new one, the others omit it (then
    // the old one stays valid), and an id_token may or may not come again.
    TokenSet updatedBy(const TokenSet &refreshed) const;
    // When the session as a whole ends without a new sign-in: the refresh token's expiry, else the access
    // token's if there is no refresh token. Invalid when unknown.
    QDateTime sessionExpiresAt() const;

    QJsonObject toJson() const;
    static TokenSet fromJson(const QJsonObject &o);
};

} // namespace mltf::auth
