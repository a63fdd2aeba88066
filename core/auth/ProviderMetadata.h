#pragma once

#include "util/Error.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace mltf::auth {

// The parts of an OpenID Provider's discovery document (/.well-known/openid-configuration) the app uses.
struct ProviderMetadata
{
    Q_DECLARE_TR_FUNCTIONS(ProviderMetadata)

public:
    QUrl issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl deviceAuthorizationEndpoint;
    QUrl userinfoEndpoint;
    QUrl revocationEndpoint;
    QStringList grantTypesSupported;
    QStringList codeChallengeMethodsSupported;

    static QString deviceCodeGrantType()
    {
        return QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
    }

    // Device authorization grant (RFC 8628) advertised: an endpoint, and the grant type if grants are listed.
    bool supportsDeviceFlow() const;
    // Authorization code with PKCE S256 possible: an endpoint, the grant, and S256 if methods are listed.
    bool supportsAuthorizationCode() const;

    static QUrl discoveryUrl(const QUrl &issuer);
    // Issuers compare as strings (OpenID Connect Discovery 4.3); one trailing slash is forgiven.
    static bool sameIssuer(const QUrl &a, const QUrl &b);
    // https everywhere, except plain http to this machine (test providers, local Keycloak).
    static bool isAcceptableEndpoint(const QUrl &url);

    // Validates the document: JSON object, `issuer` identical to the one asked for, a token endpoint, and no
    // insecure endpoint. The message of an error says what is wrong in plain words.
    static Result<ProviderMetadata> parse(const QByteArray &json, const QUrl &requestedIssuer);
};

} // namespace mltf::auth
