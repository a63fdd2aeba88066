// Token lifetime logic of the session against a scripted token endpoint and an in-memory secret store:
// the 60 s margin, one refresh for many callers, rotated refresh tokens stored, invalid_grant signs out,
// a 401 renews once and then asks for a new sign-in, no keychain means memory only.

#include "FakeHttpServer.h"

#include "auth/AuthService.h"
#include "auth/AuthSession.h"
#include "auth/MemorySecretStore.h"
#include "auth/OidcHttp.h"
#include "auth/TokenStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

namespace {
QString jwt(const QJsonObject &claims)
{
    const auto enc = [](const QByteArray &b) {
        return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return QString::fromLatin1(enc(R"({"alg":"none"})") + '.' + enc(QJsonDocument(claims).toJson()) + ".x");
}

struct Fixture
{
    FakeHttpServer server;
    OidcHttp http;
    MemorySecretStore store;
    AuthSession session{&store, &http};
    OidcConfig config;
    ProviderMetadata provider;
    int issued = 0;
    bool rotate = true;
    QList<QString> refreshTokensSeen;

    Fixture()
    {
        config.issuer = server.url();
        config.clientId = QStringLiteral("mltf-desktop");
        provider.issuer = server.url();
        provider.tokenEndpoint = server.url("/token");
        provider.revocationEndpoint = server.url("/revoke");
        server.setHandler([this](const FakeRequest &r) -> FakeResponse {
            if (r.path == "/revoke")
                return {200, "{}"};
            if (r.path != "/token" || r.form("grant_type") != "refresh_token" ||
                r.form("client_id") != "mltf-desktop")
                return {400, R"({"error":"invalid_request"})"};
            const QString presented = r.form("refresh_token");
            refreshTokensSeen << presented;
            if (presented != current)
                return {400, R"({"error":"invalid_grant","error_description":"grant request is invalid"})"};
            ++issued;
            QJsonObject answer{{"access_token", QStringLiteral("access-%1").arg(issued)},
                               {"expires_in", 300}};
            if (rotate) {
                current = QStringLiteral("refresh-%1").arg(issued);
                answer.insert("refresh_token", current);
            }
            return {200, QJsonDocument(answer).toJson()};
        });
    }
    QString current = QStringLiteral("refresh-0");

    void signIn(int accessExpiresIn)
    {
        TokenSet t;
        t.accessToken = QStringLiteral("access-0");
        t.refreshToken = current;
        t.idToken = jwt({{"sub", "u-1"}, {"preferred_username", "alice"}, {"email", "alice@example.org"}});
        t.receivedAt = QDateTime::currentDateTimeUtc();
        t.accessExpiresAt = t.receivedAt.addSecs(accessExpiresIn);
        session.completeSignIn(config, provider, t);
    }

    Result<QString> token()
    {
        Result<QString> result = Error{};
        bool answered = false;
        QObject context;
        session.accessToken(&context, [&](const Result<QString> &r) {
            result = r;
            answered = true;
        });
        if (!QTest::qWaitFor([&] { return answered; }, 5000))
            return Error::make(Error::Kind::Internal, QStringLiteral("no answer"));
        return result;
    }

    QJsonObject storedTokens() const
    {
        const QByteArray stored = store.entries().value(
            TokenStore::tokensKey(config.issuer, config.clientId, QStringLiteral("u-1")));
        return QJsonDocument::fromJson(stored).object().value("tokens").toObject();
    }
};
} // namespace

class TestAuthSession : public QObject
{
    Q_OBJECT
private slots:
    void signInStoresIdentityAndTokens()
    {
        Fixture f;
        QSignalSpy persisted(&f.session, &AuthSession::persisted);
        f.signIn(300);
        QVERIFY(f.session.isSignedIn());
        QCOMPARE(f.session.identity().username, QStringLiteral("alice"));
        QVERIFY(persisted.wait(2000));
        QCOMPARE(persisted.first().first().toBool(), true);
        QCOMPARE(f.store.entries().value(TokenStore::accountKey(f.config.issuer, f.config.clientId)),
                 QByteArray("u-1"));
        QCOMPARE(f.storedTokens().value("refresh_token").toString(), QStringLiteral("refresh-0"));
    }

    void tokenWithinMarginIsRefreshedFirst()
    {
        Fixture f;
        f.signIn(300);
        auto t = f.token();
        QVERIFY(t.ok());
        QCOMPARE(t.value(), QStringLiteral("access-0")); // 300 s left: no refresh
        QCOMPARE(f.issued, 0);

        Fixture g;
        g.signIn(59); // less than the 60 s margin
        t = g.token();
        QVERIFY(t.ok());
        QCOMPARE(t.value(), QStringLiteral("access-1"));
        QCOMPARE(g.issued, 1);
    }

    void concurrentCallersShareOneRefresh()
    {
        Fixture f;
        f.signIn(10);
        QList<QString> answers;
        QObject context;
        for (int i = 0; i < 5; ++i)
            f.session.accessToken(
                &context, [&](const Result<QString> &r) { answers << (r.ok() ? r.value() : "error"); });
        QTRY_COMPARE(answers.size(), 5);
        QCOMPARE(f.issued, 1);
        for (const QString &a : answers)
            QCOMPARE(a, QStringLiteral("access-1"));
    }

    void rotatedRefreshTokenIsStoredAndUsedNext()
    {
        Fixture f;
        f.signIn(10);
        QSignalSpy persisted(&f.session, &AuthSession::persisted);
        QVERIFY(f.token().ok());
        QTRY_VERIFY(f.storedTokens().value("refresh_token").toString() == QStringLiteral("refresh-1"));
        QCOMPARE(f.session.tokens().refreshToken, QStringLiteral("refresh-1"));
        bool answered = false;
        f.session.refresh(this, [&](const Result<QString> &r) {
            QVERIFY(r.ok());
            answered = true;
        });
        QTRY_VERIFY(answered);
        QCOMPARE(f.refreshTokensSeen, (QList<QString>{"refresh-0", "refresh-1"}));
        QTRY_COMPARE(f.storedTokens().value("refresh_token").toString(), QStringLiteral("refresh-2"));
    }

    void unrotatedRefreshTokenIsKept()
    {
        Fixture f;
        f.rotate = false;
        f.signIn(10);
        QVERIFY(f.token().ok());
        QCOMPARE(f.session.tokens().refreshToken, QStringLiteral("refresh-0"));
        QCOMPARE(f.session.tokens().accessToken, QStringLiteral("access-1"));
    }

    void invalidGrantSignsOutAndClearsTheStore()
    {
        Fixture f;
        QSignalSpy persisted(&f.session, &AuthSession::persisted);
        f.signIn(10);
        QVERIFY(persisted.wait(2000));
        f.current = QStringLiteral("revoked-elsewhere");
        QSignalSpy required(&f.session, &AuthSession::signInRequired);
        QSignalSpy signedOut(&f.session, &AuthSession::signedOut);
        const auto t = f.token();
        QVERIFY(!t.ok());
        QCOMPARE(t.error().kind, Error::Kind::Unauthorized);
        QVERIFY(t.error().message.contains("Sign in again"));
        QVERIFY(!f.session.isSignedIn());
        QCOMPARE(required.size(), 1);
        QTRY_COMPARE(signedOut.size(), 1);
        QVERIFY(f.store.entries().isEmpty());
    }

    void unauthorizedRenewsOnceThenAsksToSignIn()
    {
        Fixture f;
        f.signIn(300);
        QSignalSpy required(&f.session, &AuthSession::signInRequired);
        Result<QString> retry = Error{};
        bool answered = false;
        f.session.handleUnauthorized(QStringLiteral("access-0"), this, [&](const Result<QString> &r) {
            retry = r;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QVERIFY(retry.ok());
        QCOMPARE(retry.value(), QStringLiteral("access-1"));
        QCOMPARE(f.issued, 1);

        // A late 401 for the old token: the new one is handed out, no second refresh.
        answered = false;
        f.session.handleUnauthorized(QStringLiteral("access-0"), this, [&](const Result<QString> &r) {
            retry = r;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QCOMPARE(retry.value(), QStringLiteral("access-1"));
        QCOMPARE(f.issued, 1);

        // The renewed token is refused too: give up and ask for a new sign-in.
        answered = false;
        f.session.handleUnauthorized(QStringLiteral("access-1"), this, [&](const Result<QString> &r) {
            retry = r;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QVERIFY(!retry.ok());
        QCOMPARE(retry.error().kind, Error::Kind::Unauthorized);
        QCOMPARE(f.issued, 1);
        QCOMPARE(required.size(), 1);
    }

    void notSignedIn()
    {
        Fixture f;
        const auto t = f.token();
        QVERIFY(!t.ok());
        QCOMPARE(t.error().kind, Error::Kind::Unauthorized);
    }

    void withoutKeychainTheSessionLivesInMemory()
    {
        Fixture f;
        f.store.setAvailable(false);
        QSignalSpy persisted(&f.session, &AuthSession::persisted);
        f.signIn(300);
        QVERIFY(persisted.wait(2000));
        QCOMPARE(persisted.first().first().toBool(), false);
        QVERIFY(!persisted.first().at(1).toString().isEmpty());
        QVERIFY(f.session.isSignedIn());
        QVERIFY(!f.session.isPersistent());
        QVERIFY(f.token().ok());
    }

    void restoreFindsTheStoredSession()
    {
        Fixture f;
        QSignalSpy persisted(&f.session, &AuthSession::persisted);
        f.signIn(300);
        QVERIFY(persisted.wait(2000));
        AuthSession again(&f.store, &f.http);
        QSignalSpy restored(&again, &AuthSession::restoreFinished);
        again.restore(f.config);
        QVERIFY(restored.wait(2000));
        QCOMPARE(restored.first().first().toBool(), true);
        QCOMPARE(again.identity().username, QStringLiteral("alice"));
        QCOMPARE(again.tokens().accessToken, QStringLiteral("access-0"));

        OidcConfig other = f.config;
        other.clientId = QStringLiteral("someone-else");
        AuthSession none(&f.store, &f.http);
        QSignalSpy notRestored(&none, &AuthSession::restoreFinished);
        none.restore(other);
        QVERIFY(notRestored.wait(2000));
        QCOMPARE(notRestored.first().first().toBool(), false);
        QCOMPARE(none.state(), AuthSession::State::SignedOut);
    }

    void signOutRevokesAndForgets()
    {
        Fixture f;
        QSignalSpy persisted(&f.session, &AuthSession::persisted);
        f.signIn(300);
        QVERIFY(persisted.wait(2000));
        QSignalSpy signedOut(&f.session, &AuthSession::signedOut);
        f.session.signOut();
        QVERIFY(signedOut.wait(2000));
        QVERIFY(f.store.entries().isEmpty());
        QTRY_VERIFY(!f.server.requests.isEmpty());
        QCOMPARE(f.server.requests.last().path, QStringLiteral("/revoke"));
        QCOMPARE(f.server.requests.last().form("token"), QStringLiteral("refresh-0"));
    }

    // At start: a configuration is found (settings, site, gateway or built-in) and nothing stored means
    // signed out, without any browser.
    void serviceStartsSignedOutWithNothingStored()
    {
        MemorySecretStore store;
        AuthService service(nullptr, &store);
        QSignalSpy started(&service, &AuthService::started);
        service.start();
        QVERIFY(started.wait(5000));
        QCOMPARE(started.first().first().toBool(), false);
        QVERIFY(service.config().isComplete());
        QCOMPARE(service.session()->state(), AuthSession::State::SignedOut);
    }
};

QTEST_GUILESS_MAIN(TestAuthSession)
#include "TestAuthSession.moc"
