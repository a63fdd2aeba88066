#include "JwtVerifier.h"

#include <QDateTime>
#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace mltf::testgateway {

namespace {

QByteArray fromBase64Url(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

template <typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

bool audienceMatches(const QJsonValue &aud, const QString &wanted)
{
    if (aud.isString())
        return aud.toString() == wanted;
    const QJsonArray list = aud.toArray();
    for (const QJsonValue &v : list)
        if (v.toString() == wanted)
            return true;
    return false;
}

} // namespace

JwtVerifier::JwtVerifier(QString issuer, QString audience)
    : m_issuer(std::move(issuer))
    , m_audience(std::move(audience))
{}

void JwtVerifier::setKeys(const QJsonArray &keys)
{
    m_keys.clear();
    for (const QJsonValue &value : keys) {
        const QJsonObject jwk = value.toObject();
        if (jwk.value(QLatin1String("kty")).toString() != QLatin1String("RSA"))
            continue;
        RsaKey key;
        key.n = fromBase64Url(jwk.value(QLatin1String("n")).toString().toLatin1());
        key.e = fromBase64Url(jwk.value(QLatin1String("e")).toString().toLatin1());
        m_keys.insert(jwk.value(QLatin1String("kid")).toString(), key);
    }
}

bool JwtVerifier::verifyRs256(const RsaKey &key, const QByteArray &signedPart, const QByteArray &signature)
{
    Bignum n(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(key.n.constData()), int(key.n.size()), nullptr));
    Bignum e(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(key.e.constData()), int(key.e.size()), nullptr));
    ParamBld builder(OSSL_PARAM_BLD_new());
    if (!n || !e || !builder || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
        return false;
    Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    PkeyCtx fromData(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !fromData || EVP_PKEY_fromdata_init(fromData.get()) <= 0 ||
        EVP_PKEY_fromdata(fromData.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return false;
    Pkey pkey(raw);
    MdCtx md(EVP_MD_CTX_new());
    if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) <= 0)
        return false;
    return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(signedPart.constData()),
                            size_t(signedPart.size())) == 1;
}

JwtVerifier::Outcome JwtVerifier::verify(const QByteArray &token) const
{
    Outcome out;
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3) {
        out.error = QStringLiteral("Invalid token: Not enough segments");
        return out;
    }
    const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts.at(0))).object();
    const QJsonObject claims = QJsonDocument::fromJson(fromBase64Url(parts.at(1))).object();
    if (header.isEmpty() || claims.isEmpty()) {
        out.error = QStringLiteral("Invalid token: Invalid header string");
        return out;
    }
    if (header.value(QLatin1String("alg")).toString() != QLatin1String("RS256")) {
        out.error = QStringLiteral("Invalid token: The specified alg value is not allowed");
        return out;
    }
    const QString kid = header.value(QLatin1String("kid")).toString();
    if (!m_keys.contains(kid)) {
        // PyJWKClient's wording when the kid is not in the JWKS.
        out.error =
            QStringLiteral("Token validation error: Unable to find a signing key that matches: \"%1\"")
                .arg(kid);
        return out;
    }
    if (!verifyRs256(m_keys.value(kid), parts.at(0) + '.' + parts.at(1), fromBase64Url(parts.at(2)))) {
        out.error = QStringLiteral("Invalid token: Signature verification failed");
        return out;
    }
    // PyJWT order: exp, then aud, then iss.
    const qint64 now = QDateTime::currentSecsSinceEpoch() + m_clockOffset;
    if (!claims.contains(QLatin1String("exp")) ||
        qint64(claims.value(QLatin1String("exp")).toDouble()) <= now) {
        out.error = claims.contains(QLatin1String("exp"))
                        ? QStringLiteral("Token expired")
                        : QStringLiteral("Invalid token: Token is missing the \"exp\" claim");
        return out;
    }
    if (!claims.contains(QLatin1String("aud"))) {
        out.error = QStringLiteral("Invalid token: Token is missing the \"aud\" claim");
        return out;
    }
    if (!audienceMatches(claims.value(QLatin1String("aud")), m_audience)) {
        out.error = QStringLiteral("Invalid token: Audience doesn't match");
        return out;
    }
    if (claims.value(QLatin1String("iss")).toString() != m_issuer) {
        out.error = QStringLiteral("Invalid token: Invalid issuer");
        return out;
    }
    out.claims = claims;
    return out;
}

} // namespace mltf::testgateway
