#include "auth/ProviderMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

namespace {
QJsonObject keycloakLike(const QString &issuer)
{
    return QJsonObject{
        {"issuer", issuer},
        {"authorization_endpoint", issuer + "/protocol/openid-connect/auth"},
        {"token_endpoint", issuer + "/protocol/openid-connect/token"},
        {"device_authorization_endpoint", issuer + "/protocol/openid-connect/auth/device"},
        {"userinfo_endpoint", issuer + "/protocol/openid-connect/userinfo"},
        {"grant_types_supported",
         QJsonArray{"authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"}},
        {"code_challenge_methods_supported", QJsonArray{"plain", "S256"}},
    };
}
QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson();
}
const QString mltfIssuer = QStringLiteral("https://keycloak.k8s.accre.vanderbilt.edu/realms/mltf-dual-login");
} // namespace

class TestProviderMetadata : public QObject
{
    Q_OBJECT
private slots:
    void discoveryUrl()
    {
        QCOMPARE(ProviderMetadata::discoveryUrl(QUrl(mltfIssuer)).toString(),
                 mltfIssuer + "/.well-known/openid-configuration");
        QCOMPARE(ProviderMetadata::discoveryUrl(QUrl(mltfIssuer + "/")).toString(),
                 mltfIssuer + "/.well-known/openid-configuration");
    }

    void keycloakDocument()
    {
        const auto m = ProviderMetadata::parse(json(keycloakLike(mltfIssuer)), QUrl(mltfIssuer));
        QVERIFY(m.ok());
        QCOMPARE(m.value().tokenEndpoint.toString(), mltfIssuer + "/protocol/openid-connect/token");
        QVERIFY(m.value().supportsDeviceFlow());
        QVERIFY(m.value().supportsAuthorizationCode());
    }

    void trailingSlashIsForgiven()
    {
        QVERIFY(ProviderMetadata::parse(json(keycloakLike(mltfIssuer)), QUrl(mltfIssuer + "/")).ok());
    }

    void documentOfAnotherIssuerIsRefused()
    {
        const auto m =
            ProviderMetadata::parse(json(keycloakLike("https://evil.example/realms/x")), QUrl(mltfIssuer));
        QVERIFY(!m.ok());
        QCOMPARE(m.error().kind, Error::Kind::InvalidInput);
        QVERIFY(m.error().message.contains("https://evil.example/realms/x"));
        QVERIFY(m.error().message.contains(mltfIssuer));
    }

    void notJson()
    {
        const auto m = ProviderMetadata::parse("<html>login</html>", QUrl(mltfIssuer));
        QVERIFY(!m.ok());
        QCOMPARE(m.error().kind, Error::Kind::Parse);
        QVERIFY(m.error().message.contains("discovery document"));
    }

    void missingIssuerOrTokenEndpoint()
    {
        QJsonObject o = keycloakLike(mltfIssuer);
        o.remove("issuer");
        QVERIFY(!ProviderMetadata::parse(json(o), QUrl(mltfIssuer)).ok());
        o = keycloakLike(mltfIssuer);
        o.remove("token_endpoint");
        const auto m = ProviderMetadata::parse(json(o), QUrl(mltfIssuer));
        QVERIFY(!m.ok());
        QVERIFY(m.error().message.contains("token endpoint"));
    }

    void insecureEndpointsAreRefused()
    {
        QJsonObject o = keycloakLike(mltfIssuer);
        o["token_endpoint"] = "http://keycloak.example/token";
        const auto m = ProviderMetadata::parse(json(o), QUrl(mltfIssuer));
        QVERIFY(!m.ok());
        QCOMPARE(m.error().kind, Error::Kind::Tls);
        // Plain http to this machine is fine (local test providers).
        QVERIFY(ProviderMetadata::isAcceptableEndpoint(QUrl("http://127.0.0.1:8080/token")));
        QVERIFY(ProviderMetadata::isAcceptableEndpoint(QUrl("http://localhost/token")));
        QVERIFY(!ProviderMetadata::isAcceptableEndpoint(QUrl("http://10.0.0.1/token")));
        QVERIFY(!ProviderMetadata::isAcceptableEndpoint(QUrl("ftp://127.0.0.1/token")));
    }

    void flowsFromWhatIsAdvertised()
    {
        QJsonObject o = keycloakLike(mltfIssuer);
        o.remove("device_authorization_endpoint");
        auto m = ProviderMetadata::parse(json(o), QUrl(mltfIssuer));
        QVERIFY(m.ok());
        QVERIFY(!m.value().supportsDeviceFlow());
        QVERIFY(m.value().supportsAuthorizationCode());

        o = keycloakLike(mltfIssuer);
        o["code_challenge_methods_supported"] = QJsonArray{"plain"};
        m = ProviderMetadata::parse(json(o), QUrl(mltfIssuer));
        QVERIFY(m.ok());
        QVERIFY(!m.value().supportsAuthorizationCode()); // no S256, no PKCE we would accept
        QVERIFY(m.value().supportsDeviceFlow());

        o["grant_types_supported"] = QJsonArray{"authorization_code"};
        m = ProviderMetadata::parse(json(o), QUrl(mltfIssuer));
        QVERIFY(!m.ok());
        QCOMPARE(m.error().kind, Error::Kind::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TestProviderMetadata)
#include "TestProviderMetadata.moc"
