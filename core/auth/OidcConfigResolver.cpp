#include "auth/OidcConfigResolver.h"

#include "auth/OidcHttp.h"
#include "util/Logging.h"
#include "util/Settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace mltf::auth {

namespace {
QStringList splitScopes(const QString &text)
{
    return text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
}

// The value of a key when it was set by the user or the site file, not the Settings default.
QVariant configured(Settings::Key key)
{
    return Settings::source(key) == QLatin1String("default") ? QVariant() : Settings::value(key);
}
} // namespace

OidcConfigResolver::OidcConfigResolver(OidcHttp *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{}

OidcConfigResolver::Layer OidcConfigResolver::fromSettings()
{
    Layer layer;
    layer.issuer = QUrl(configured(Settings::Key::OidcIssuer).toString().trimmed());
    layer.clientId = configured(Settings::Key::OidcClientId).toString().trimmed();
    const QVariant scopes = configured(Settings::Key::OidcScopes);
    layer.scopes =
        scopes.typeId() == QMetaType::QStringList ? scopes.toStringList() : splitScopes(scopes.toString());
    layer.source = Settings::source(Settings::Key::OidcIssuer);
    return layer;
}

OidcConfigResolver::Layer OidcConfigResolver::builtInDefaults()
{
    Layer layer;
    layer.issuer = QUrl(QStringLiteral("https://keycloak.k8s.accre.vanderbilt.edu/realms/mltf-dual-login"));
    layer.clientId = QStringLiteral("mlflow");
    layer.scopes = splitScopes(Settings::defaultValue(Settings::Key::OidcScopes).toString());
    layer.source = QStringLiteral("built-in");
    return layer;
}

Result<OidcConfigResolver::Layer> OidcConfigResolver::fromGatewayConfig(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return Error::make(Error::Kind::Parse, tr("The gateway's configuration is not JSON."));
    const QJsonObject o = doc.object();
    const QJsonObject oauth = o.value(QLatin1String("oauth_config")).toObject();
    Layer layer;
    QString issuer = o.value(QLatin1String("oauth_issuer")).toString();
    if (issuer.isEmpty())
        issuer = oauth.value(QLatin1String("issuer")).toString();
    layer.issuer = QUrl(issuer);
    layer.clientId = oauth.value(QLatin1String("client_id")).toString();
    const QJsonValue scopes = oauth.value(QLatin1String("scopes"));
    if (scopes.isArray()) {
        const QJsonArray array = scopes.toArray();
        for (const QJsonValue &v : array)
            layer.scopes << v.toString();
    } else {
        layer.scopes = splitScopes(scopes.toString());
    }
    layer.source = QStringLiteral("gateway");
    return layer;
}

OidcConfig OidcConfigResolver::merge(const QList<Layer> &layers)
{
    OidcConfig config;
    for (const Layer &layer : layers) {
        if (config.issuer.isEmpty() && layer.issuer.isValid() && !layer.issuer.isEmpty()) {
            config.issuer = layer.issuer;
            config.issuerSource = layer.source;
        }
        if (config.clientId.isEmpty() && !layer.clientId.isEmpty()) {
            config.clientId = layer.clientId;
            config.clientIdSource = layer.source;
        }
        if (config.scopes.isEmpty() && !layer.scopes.isEmpty()) {
            config.scopes = layer.scopes;
            config.scopesSource = layer.source;
        }
    }
    return config;
}

void OidcConfigResolver::resolve(std::function<void(const OidcConfig &)> done)
{
    resolve(QUrl(Settings::value(Settings::Key::GatewayUri).toString().trimmed()), std::move(done));
}

void OidcConfigResolver::resolve(const QUrl &gatewayUri, std::function<void(const OidcConfig &)> done)
{
    Layer settings = fromSettings();
    const bool complete =
        !settings.issuer.isEmpty() && !settings.clientId.isEmpty() && !settings.scopes.isEmpty();
    if (complete || gatewayUri.isEmpty() || !gatewayUri.isValid()) {
        done(merge({settings, builtInDefaults()}));
        return;
    }
    QUrl configUrl = gatewayUri;
    QString path = configUrl.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    configUrl.setPath(path + QStringLiteral("api/config"));
    m_http->get(configUrl, this, [settings, done = std::move(done)](const HttpReply &reply) {
        Layer gateway;
        if (reply.isSuccess()) {
            if (auto parsed = fromGatewayConfig(reply.body))
                gateway = parsed.value();
            else
                qCWarning(lcAuth) << "gateway config unreadable:" << parsed.error().message;
        } else {
            qCWarning(lcAuth) << "gateway config not available:" << reply.status << reply.errorString;
        }
        done(merge({settings, gateway, builtInDefaults()}));
    });
}

} // namespace mltf::auth
