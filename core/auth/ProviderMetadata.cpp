#include "auth/ProviderMetadata.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mltf::auth {

namespace {
QString withoutTrailingSlash(const QUrl &url)
{
    QString s = url.toString(QUrl::FullyEncoded);
    if (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out << v.toString();
    return out;
}
} // namespace

bool ProviderMetadata::supportsDeviceFlow() const
{
    return deviceAuthorizationEndpoint.isValid() &&
           (grantTypesSupported.isEmpty() || grantTypesSupported.contains(deviceCodeGrantType()));
}

bool ProviderMetadata::supportsAuthorizationCode() const
{
    // grant_types_supported defaults to authorization_code and implicit when absent (RFC 8414).
    return authorizationEndpoint.isValid() &&
           (grantTypesSupported.isEmpty() ||
            grantTypesSupported.contains(QLatin1String("authorization_code"))) &&
           (codeChallengeMethodsSupported.isEmpty() ||
            codeChallengeMethodsSupported.contains(QLatin1String("S256")));
}

QUrl ProviderMetadata::discoveryUrl(const QUrl &issuer)
{
    QUrl url = issuer;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/.well-known/openid-configuration"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

bool ProviderMetadata::sameIssuer(const QUrl &a, const QUrl &b)
{
    return withoutTrailingSlash(a) == withoutTrailingSlash(b);
}

bool ProviderMetadata::isAcceptableEndpoint(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

Result<ProviderMetadata> ProviderMetadata::parse(const QByteArray &json, const QUrl &requestedIssuer)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        return Error::make(Error::Kind::Parse,
                           tr("The identity provider at %1 did not send a valid discovery document.")
                               .arg(requestedIssuer.toString()),
                           parseError.errorString() + QStringLiteral(": ") +
                               QString::fromUtf8(json.left(200)));
    }
    const QJsonObject o = doc.object();
    const QString advertised = o.value(QLatin1String("issuer")).toString();
    if (advertised.isEmpty()) {
        return Error::make(Error::Kind::Parse, tr("The discovery document at %1 does not name its issuer.")
                                                   .arg(discoveryUrl(requestedIssuer).toString()));
    }
    // A document for another issuer could hand our tokens to someone else: refuse it.
    if (!sameIssuer(QUrl(advertised), requestedIssuer)) {
        return Error::make(
            Error::Kind::InvalidInput,
            tr("The identity provider at %1 says it is \"%2\", not the issuer that was asked for. "
               "Check the issuer address in the settings.")
                .arg(requestedIssuer.toString(), advertised),
            QStringLiteral("issuer mismatch: requested %1, document %2")
                .arg(requestedIssuer.toString(), advertised));
    }

    ProviderMetadata m;
    m.issuer = QUrl(advertised);
    auto endpoint = [&o](const char *key) { return QUrl(o.value(QLatin1String(key)).toString()); };
    m.authorizationEndpoint = endpoint("authorization_endpoint");
    m.tokenEndpoint = endpoint("token_endpoint");
    m.deviceAuthorizationEndpoint = endpoint("device_authorization_endpoint");
    m.userinfoEndpoint = endpoint("userinfo_endpoint");
    m.revocationEndpoint = endpoint("revocation_endpoint");
    m.grantTypesSupported = stringList(o.value(QLatin1String("grant_types_supported")));
    m.codeChallengeMethodsSupported = stringList(o.value(QLatin1String("code_challenge_methods_supported")));

    if (!m.tokenEndpoint.isValid() || m.tokenEndpoint.isEmpty()) {
        return Error::make(
            Error::Kind::Parse,
            tr("The identity provider %1 has no token endpoint in its discovery document.").arg(advertised));
    }
    for (const QUrl *url : {&m.issuer, &m.authorizationEndpoint, &m.tokenEndpoint,
                            &m.deviceAuthorizationEndpoint, &m.userinfoEndpoint, &m.revocationEndpoint}) {
        if (!url->isEmpty() && !isAcceptableEndpoint(*url)) {
            return Error::make(Error::Kind::Tls,
                               tr("The identity provider %1 lists an address that is not secure (%2). "
                                  "Only https addresses are used for signing in.")
                                   .arg(advertised, url->toString()));
        }
    }
    if (!m.supportsDeviceFlow() && !m.supportsAuthorizationCode()) {
        return Error::make(
            Error::Kind::Unsupported,
            tr("The identity provider %1 offers neither the device code nor the authorization code "
               "sign-in that MLTF Desktop uses.")
                .arg(advertised));
    }
    return m;
}

} // namespace mltf::auth
