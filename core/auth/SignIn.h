#pragma once

#include "auth/DeviceAuthorization.h"
#include "auth/OidcConfig.h"
#include "auth/ProviderMetadata.h"
#include "auth/TokenSet.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace mltf::auth {

class AuthCodeFlow;
class AuthSession;
class DeviceFlow;
class OidcConfigResolver;
class OidcDiscovery;
class OidcHttp;
class UrlOpener;

// One sign-in from start to finish: which provider (OidcConfigResolver, unless a config is given), discovery,
// the flow the provider offers (device code preferred, as at MLTF; else authorization code + PKCE), the
// browser through the UrlOpener, and handing the tokens to the AuthSession. The sign-in dialog shows its
// signals; tests drive it directly.
class SignIn : public QObject
{
    Q_OBJECT
public:
    enum class Method { Automatic, DeviceCode, AuthorizationCode };
    Q_ENUM(Method)
    enum class Stage {
        Idle,
        FindingProvider,
        Discovering,
        WaitingForBrowser,
        WaitingForUserCode,
        Saving,
        Done,
        Failed,
        Cancelled
    };
    Q_ENUM(Stage)

    SignIn(AuthSession *session, OidcHttp *http, UrlOpener *opener, QObject *parent = nullptr);
    ~SignIn() override;

    // Skip the configuration lookup (tests, or a provider the user just typed).
    void setConfig(const OidcConfig &config) { m_config = config; }
    void setMethod(Method method) { m_method = method; }

    void start();
    void cancel();
    // Opens the page again (the user closed the tab).
    void reopenBrowser();

    Stage stage() const { return m_stage; }
    Method chosenMethod() const { return m_chosen; }
    const DeviceAuthorization &deviceAuthorization() const;
    QUrl browserUrl() const { return m_browserUrl; }
    DeviceFlow *deviceFlow() const { return m_deviceFlow; }
    AuthCodeFlow *authCodeFlow() const { return m_codeFlow; }
    // What the stage means, for a person ("Waiting for you to confirm the code in the browser…").
    QString stageText() const;

signals:
    void stageChanged(mltf::auth::SignIn::Stage stage);
    void userCodeReady(const mltf::auth::DeviceAuthorization &authorization);
    // The page could not be opened automatically: the dialog shows the address instead.
    void browserNotOpened(const QUrl &url);
    void succeeded();
    void failed(const mltf::Error &error);

private:
    void withConfig(const OidcConfig &config);
    void withProvider(const ProviderMetadata &provider);
    void openBrowser(const QUrl &url);
    void onTokens(const TokenSet &tokens);
    void setStage(Stage stage);
    void fail(const Error &error);

    AuthSession *m_session;
    OidcHttp *m_http;
    UrlOpener *m_opener;
    OidcConfigResolver *m_resolver;
    OidcDiscovery *m_discovery;
    DeviceFlow *m_deviceFlow;
    AuthCodeFlow *m_codeFlow;
    std::optional<OidcConfig> m_config;
    OidcConfig m_resolved;
    ProviderMetadata m_provider;
    Method m_method = Method::Automatic;
    Method m_chosen = Method::Automatic;
    Stage m_stage = Stage::Idle;
    QUrl m_browserUrl;
    quint64 m_attempt = 0;
};

} // namespace mltf::auth
