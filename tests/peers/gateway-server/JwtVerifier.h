#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace mltf::testgateway {

// Checks RS256 JWT access tokens as the gateway's flaskapp/jwt_decoder.py does with PyJWT: signature against
// the identity provider's JWKS (OpenSSL), then `iss`, `aud` (must contain the client id) and `exp`.
// Failures carry the gateway's 401 wording ("Token expired", "Invalid token: <reason>").
class JwtVerifier
{
public:
    struct Outcome
    {
        QJsonObject claims; // set when valid
        QString error;      // the text after "401 Unauthorized: ", empty when valid
        bool ok() const { return error.isEmpty(); }
    };

    JwtVerifier(QString issuer, QString audience);

    // Takes the "keys" of a JWKS document (RSA keys only are used).
    void setKeys(const QJsonArray &keys);
    // Tests: checks expiry as if the clock ran `seconds` ahead.
    void setClockOffset(qint64 seconds) { m_clockOffset = seconds; }
    int keyCount() const { return int(m_keys.size()); }

    Outcome verify(const QByteArray &token) const;

private:
    struct RsaKey
    {
        QByteArray n; // big-endian modulus
        QByteArray e; // big-endian exponent
    };
    static bool verifyRs256(const RsaKey &key, const QByteArray &signedPart, const QByteArray &signature);

    QString m_issuer;
    QString m_audience;
    qint64 m_clockOffset = 0;
    QMap<QString, RsaKey> m_keys; // by kid
};

} // namespace mltf::testgateway
