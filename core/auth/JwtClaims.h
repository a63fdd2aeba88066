#pragma once

#include <QJsonObject>
#include <QString>

namespace mltf::auth {

// Reads the claims of a JWT without checking its signature. Only for tokens that came straight from the
// token endpoint over a verified connection (OpenID Connect Core 3.1.3.7 allows TLS in place of the
// signature there), to show who is signed in and how long a token lasts; never for access decisions.
class JwtClaims
{
public:
    // An empty object when the text is not a JWT with a JSON payload.
    static QJsonObject decodeUnverified(const QString &jwt);
};

} // namespace mltf::auth
