#include "auth/Identity.h"
#include "auth/JwtClaims.h"
#include "auth/TokenSet.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

namespace {
QString jwt(const QJsonObject &claims)
{
    const auto enc = [](const QByteArray &b) {
        return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return QString::fromLatin1(enc(R"({"alg":"RS256"})") + '.' + enc(QJsonDocument(claims).toJson()) +
                               ".sig");
}
QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson();
}
const QDateTime received = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
} // namespace

class TestTokenSet : public QObject
{
    Q_OBJECT
private slots:
    void expiryFromExpiresInRelativeToReceipt()
    {
        // The JWT says it expired an hour ago by our clock (the provider's clock is off): expires_in wins.
        const QString access = jwt({{"exp", double(received.addSecs(-3600).toSecsSinceEpoch())}});
        const auto t = TokenSet::fromTokenResponse(json({{"access_token", access},
                                                         {"expires_in", 300},
                                                         {"refresh_token", "r1"},
                                                         {"token_type", "Bearer"}}),
                                                   received);
        QVERIFY(t.ok());
        QCOMPARE(t.value().accessExpiresAt, received.addSecs(300));
        QVERIFY(!t.value().refreshExpiresAt.isValid()); // opaque refresh token, no lifetime given
        QVERIFY(t.value().accessTokenUsable(received.addSecs(239), 60));
        QVERIFY(!t.value().accessTokenUsable(received.addSecs(240), 60)); // inside the 60 s margin
        QVERIFY(t.value().canRefresh(received.addYears(1)));
    }

    void expiresInAsString()
    {
        const auto t = TokenSet::fromTokenResponse(R"({"access_token":"a","expires_in":"60"})", received);
        QVERIFY(t.ok());
        QCOMPARE(t.value().accessExpiresAt, received.addSecs(60));
    }

    void keycloakRefreshLifetime()
    {
        auto t = TokenSet::fromTokenResponse(json({{"access_token", "a"},
                                                   {"expires_in", 300},
                                                   {"refresh_token", "r"},
                                                   {"refresh_expires_in", 1800}}),
                                             received);
        QVERIFY(t.ok());
        QCOMPARE(t.value().refreshExpiresAt, received.addSecs(1800));
        QCOMPARE(t.value().sessionExpiresAt(), received.addSecs(1800));
        QVERIFY(!t.value().canRefresh(received.addSecs(1800)));
        // Offline tokens: refresh_expires_in 0 means no fixed end.
        t = TokenSet::fromTokenResponse(json({{"access_token", "a"},
                                              {"expires_in", 300},
                                              {"refresh_token", "r"},
                                              {"refresh_expires_in", 0}}),
                                        received);
        QVERIFY(!t.value().refreshExpiresAt.isValid());
    }

    void jwtRefreshTokenLifetimeIgnoresClockSkew()
    {
        // Issued "in the future" by a provider 10 minutes ahead: the lifetime (exp - iat) counts from
        // receipt.
        const qint64 iat = received.addSecs(600).toSecsSinceEpoch();
        const auto t = TokenSet::fromTokenResponse(
            json({{"access_token", "a"},
                  {"expires_in", 300},
                  {"refresh_token", jwt({{"iat", double(iat)}, {"exp", double(iat + 7200)}})}}),
            received);
        QCOMPARE(t.value().refreshExpiresAt, received.addSecs(7200));
    }

    void errorsInPlainWords()
    {
        auto t = TokenSet::fromTokenResponse("<html>", received);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().kind, Error::Kind::Parse);
        t = TokenSet::fromTokenResponse(R"({"token_type":"Bearer"})", received);
        QVERIFY(!t.ok());
        QVERIFY(t.error().message.contains("no access token"));
    }

    void refreshKeepsOrRotates()
    {
        TokenSet old = TokenSet::fromTokenResponse(json({{"access_token", "a1"},
                                                         {"expires_in", 60},
                                                         {"refresh_token", "r1"},
                                                         {"id_token", "i1"},
                                                         {"refresh_expires_in", 600}}),
                                                   received)
                           .value();
        const TokenSet rotated =
            TokenSet::fromTokenResponse(
                json({{"access_token", "a2"}, {"expires_in", 60}, {"refresh_token", "r2"}}),
                received.addSecs(50))
                .value();
        TokenSet merged = old.updatedBy(rotated);
        QCOMPARE(merged.accessToken, QStringLiteral("a2"));
        QCOMPARE(merged.refreshToken, QStringLiteral("r2"));
        QCOMPARE(merged.idToken, QStringLiteral("i1"));
        QCOMPARE(merged.accessExpiresAt, received.addSecs(110));

        const TokenSet notRotated =
            TokenSet::fromTokenResponse(json({{"access_token", "a3"}, {"expires_in", 60}}),
                                        received.addSecs(100))
                .value();
        merged = old.updatedBy(notRotated);
        QCOMPARE(merged.refreshToken, QStringLiteral("r1"));
        QCOMPARE(merged.refreshExpiresAt, received.addSecs(600));
    }

    void jsonRoundTrip()
    {
        const TokenSet t = TokenSet::fromTokenResponse(json({{"access_token", "a"},
                                                             {"expires_in", 60},
                                                             {"refresh_token", "r"},
                                                             {"refresh_expires_in", 600},
                                                             {"id_token", "i"},
                                                             {"scope", "openid read"}}),
                                                       received)
                               .value();
        const TokenSet back = TokenSet::fromJson(t.toJson());
        QCOMPARE(back.accessToken, t.accessToken);
        QCOMPARE(back.refreshToken, t.refreshToken);
        QCOMPARE(back.idToken, t.idToken);
        QCOMPARE(back.scope, t.scope);
        QCOMPARE(back.accessExpiresAt, t.accessExpiresAt);
        QCOMPARE(back.refreshExpiresAt, t.refreshExpiresAt);
        QCOMPARE(back.receivedAt, t.receivedAt);
    }

    void identityFromIdTokenClaims()
    {
        const QString idToken = jwt({{"sub", "f:123"},
                                     {"preferred_username", "jdoe"},
                                     {"name", "Jane Doe"},
                                     {"email", "jane@vanderbilt.edu"}});
        const Identity id = Identity::fromClaims(JwtClaims::decodeUnverified(idToken));
        QCOMPARE(id.subject, QStringLiteral("f:123"));
        QCOMPARE(id.displayName(), QStringLiteral("jdoe"));
        QCOMPARE(id.name, QStringLiteral("Jane Doe"));
        QCOMPARE(id.email, QStringLiteral("jane@vanderbilt.edu"));
        QVERIFY(id.hasProfile());
        QVERIFY(JwtClaims::decodeUnverified("not.a-jwt").isEmpty());
        QVERIFY(JwtClaims::decodeUnverified("").isEmpty());
        QVERIFY(JwtClaims::decodeUnverified("a.!!!.c").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenSet)
#include "TestTokenSet.moc"
