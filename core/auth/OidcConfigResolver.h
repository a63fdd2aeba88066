#pragma once

#include "auth/OidcConfig.h"
#include "util/Error.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace mltf::auth {

class OidcHttp;

// Finds issuer, client id and scopes, each from the first place that has it: the user's settings, the
// site-wide file (both through mltf::Settings keys OidcIssuer/OidcClientId/OidcScopes), the MLTF gateway's
// GET /api/config (oauth_issuer, oauth_config.client_id, oauth_config.scopes), then the built-in MLTF values.
class OidcConfigResolver : public QObject
{
    Q_OBJECT
public:
    // One layer of values; empty members mean "not set here".
    struct Layer
    {
        QUrl issuer;
        QString clientId;
        QStringList scopes;
        QString source;
    };

    explicit OidcConfigResolver(OidcHttp *http, QObject *parent = nullptr);

    // Asks the gateway only if the settings leave something open and a gateway address is configured. Never
    // fails: an unreachable gateway is logged and the built-in values are used.
    void resolve(const QUrl &gatewayUri, std::function<void(const OidcConfig &)> done);
    // The same using Settings::GatewayUri.
    void resolve(std::function<void(const OidcConfig &)> done);

    // The configured layer (user settings, then site file), as mltf::Settings reports them.
    static Layer fromSettings();
    // MLTF's Keycloak, client "mlflow" (mltf-gateway.md §2), and the scopes default of mltf::Settings.
    static Layer builtInDefaults();
    // Parses a gateway's /api/config answer.
    static Result<Layer> fromGatewayConfig(const QByteArray &json);
    // The first non-empty value of each member, in the order given.
    static OidcConfig merge(const QList<Layer> &layers);

private:
    OidcHttp *m_http;
};

} // namespace mltf::auth
