// Where issuer, client id and scopes come from: user settings, then the site file, then the gateway's
// /api/config, then the built-in MLTF values.

#include "FakeHttpServer.h"

#include "auth/OidcConfigResolver.h"
#include "auth/OidcHttp.h"
#include "util/Settings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

namespace {
const QByteArray gatewayConfig =
    "{\"oauth_config\": {\"client_id\": \"mlflow\", \"scopes\": [\"openid\", \"email\", \"profile\"],"
    " \"issuer\": \"https://kc.example/realms/x\"}, \"oauth_issuer\": \"https://kc.example/realms/x\"}";
} // namespace

class TestOidcConfigResolver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    OidcConfig resolve(const QUrl &gateway)
    {
        OidcHttp http;
        OidcConfigResolver resolver(&http);
        OidcConfig result;
        bool done = false;
        resolver.resolve(gateway, [&](const OidcConfig &c) {
            result = c;
            done = true;
        });
        [&] { QTRY_VERIFY(done); }();
        return result;
    }

    static void clearUserSettings()
    {
        QSettings s;
        s.remove("auth");
        s.sync();
    }

private slots:
    void initTestCase()
    {
        // Private settings and site file: nothing of the user's or of other tests is read or written.
        qputenv("XDG_CONFIG_HOME", m_home.filePath("config").toUtf8());
        qputenv("MLTF_SITE_CONFIG", m_home.filePath("site.ini").toUtf8());
        Settings::initialise();
        clearUserSettings();
    }

    void builtInMltfDefaults()
    {
        const OidcConfig c = resolve(QUrl());
        QCOMPARE(c.issuer.toString(),
                 QStringLiteral("https://keycloak.k8s.accre.vanderbilt.edu/realms/mltf-dual-login"));
        QCOMPARE(c.clientId, QStringLiteral("mlflow"));
        QVERIFY(c.scopes.contains("openid"));
        QCOMPARE(c.issuerSource, QStringLiteral("built-in"));
    }

    void gatewayComesBeforeDefaults()
    {
        FakeHttpServer gateway([](const FakeRequest &r) -> FakeResponse {
            return r.path == "/api/config" ? FakeResponse{200, gatewayConfig} : FakeResponse{404, "{}"};
        });
        const OidcConfig c = resolve(gateway.url());
        QCOMPARE(c.issuer.toString(), QStringLiteral("https://kc.example/realms/x"));
        QCOMPARE(c.clientId, QStringLiteral("mlflow"));
        QCOMPARE(c.scopes, (QStringList{"openid", "email", "profile"}));
        QCOMPARE(c.issuerSource, QStringLiteral("gateway"));
        QCOMPARE(gateway.requests.size(), 1);
    }

    void unreachableGatewayFallsBackToDefaults()
    {
        FakeHttpServer gateway([](const FakeRequest &) {
            return FakeResponse{500, "<html>oops</html>", "text/html"};
        });
        const OidcConfig c = resolve(gateway.url());
        QCOMPARE(c.clientId, QStringLiteral("mlflow"));
        QCOMPARE(c.issuerSource, QStringLiteral("built-in"));
    }

    void siteFileComesBeforeGateway()
    {
        {
            QSettings site(m_home.filePath("site.ini"), QSettings::IniFormat);
            site.setValue("auth/issuer", "https://site.example/realms/s");
            site.setValue("auth/clientId", "site-client");
        }
        FakeHttpServer gateway([](const FakeRequest &) { return FakeResponse{200, gatewayConfig}; });
        const OidcConfig c = resolve(gateway.url());
        QCOMPARE(c.issuer.toString(), QStringLiteral("https://site.example/realms/s"));
        QCOMPARE(c.clientId, QStringLiteral("site-client"));
        // Scopes are not in the site file: the gateway's.
        QCOMPARE(c.scopes, (QStringList{"openid", "email", "profile"}));
        QCOMPARE(c.issuerSource, m_home.filePath("site.ini"));
    }

    void userSettingsComeFirst()
    {
        Settings::setValue(Settings::Key::OidcIssuer, "https://mine.example/realms/u");
        Settings::setValue(Settings::Key::OidcClientId, "my-client");
        Settings::setValue(Settings::Key::OidcScopes, "openid read write");
        FakeHttpServer gateway([](const FakeRequest &) { return FakeResponse{200, gatewayConfig}; });
        const OidcConfig c = resolve(gateway.url());
        QCOMPARE(c.issuer.toString(), QStringLiteral("https://mine.example/realms/u"));
        QCOMPARE(c.clientId, QStringLiteral("my-client"));
        QCOMPARE(c.scopes, (QStringList{"openid", "read", "write"}));
        QCOMPARE(c.issuerSource, QStringLiteral("user settings"));
        QCOMPARE(gateway.requests.size(), 0); // everything configured: the gateway is not asked
        clearUserSettings();
        QFile::remove(m_home.filePath("site.ini"));
    }

    void gatewayConfigParsing()
    {
        auto layer = OidcConfigResolver::fromGatewayConfig(gatewayConfig);
        QVERIFY(layer.ok());
        QCOMPARE(layer.value().clientId, QStringLiteral("mlflow"));
        QVERIFY(!OidcConfigResolver::fromGatewayConfig("<html>").ok());
        // oauth_issuer missing: oauth_config.issuer; scopes as one string.
        layer = OidcConfigResolver::fromGatewayConfig("{\"oauth_config\":{\"client_id\":\"c\",\"issuer\":"
                                                      "\"https://i.example\",\"scopes\":\"read write\"}}");
        QCOMPARE(layer.value().issuer.toString(), QStringLiteral("https://i.example"));
        QCOMPARE(layer.value().scopes, (QStringList{"read", "write"}));
    }
};

QTEST_GUILESS_MAIN(TestOidcConfigResolver)
#include "TestOidcConfigResolver.moc"
