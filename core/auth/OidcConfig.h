#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace mltf::auth {

// Which identity provider to sign in with, as what client, asking for which scopes.
struct OidcConfig
{
    QUrl issuer;
    QString clientId;
    QStringList scopes;
    // Where each value came from, for the settings dialog and error messages ("user settings", a site file
    // path, "gateway", "built-in").
    QString issuerSource;
    QString clientIdSource;
    QString scopesSource;

    bool isComplete() const { return issuer.isValid() && !issuer.isEmpty() && !clientId.isEmpty(); }
    QString scopeString() const { return scopes.join(QLatin1Char(' ')); }
};

} // namespace mltf::auth
