// Device authorization sign-in end to end: the real oidc-provider, a real browser confirming the code, tokens
// in the real keychain (gnome-keyring), refresh after expiry without the browser, restore, sign-out.

#include "OidcPeers.h"

#include "auth/AuthSession.h"
#include "auth/JwtClaims.h"
#include "auth/OidcHttp.h"
#include "auth/SignIn.h"
#include "auth/TokenStore.h"
#include "util/Settings.h"

#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

class TestDeviceSignIn : public QObject
{
    Q_OBJECT

private:
    QString m_service = QStringLiteral("MLTF Desktop test %1").arg(QCoreApplication::applicationPid());

    static OidcConfig configFor(const QUrl &issuer)
    {
        OidcConfig config;
        config.issuer = issuer;
        config.clientId = QStringLiteral("mltf-desktop");
        config.scopes =
            QStringList{QStringLiteral("openid"),         QStringLiteral("profile"), QStringLiteral("email"),
                        QStringLiteral("offline_access"), QStringLiteral("read"),    QStringLiteral("write")};
        return config;
    }

    // Signs in with the device flow through the browser; returns false (after QVERIFY output) on failure.
    bool signIn(AuthSession &session, OidcHttp &http, peers::BrowserOpener &browser, const QUrl &issuer)
    {
        SignIn signIn(&session, &http, &browser);
        signIn.setConfig(configFor(issuer));
        QSignalSpy succeeded(&signIn, &SignIn::succeeded);
        QSignalSpy failed(&signIn, &SignIn::failed);
        QSignalSpy userCode(&signIn, &SignIn::userCodeReady);
        signIn.start();
        const bool done = QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, 150000);
        if (!failed.isEmpty())
            qWarning("sign-in failed: %s", qPrintable(failed.first().first().value<Error>().message));
        [&] {
            QVERIFY(done);
            QCOMPARE(failed.size(), 0);
            QCOMPARE(signIn.chosenMethod(), SignIn::Method::DeviceCode);
            QCOMPARE(userCode.size(), 1);
        }();
        return done && failed.isEmpty() && !QTest::currentTestFailed();
    }

private slots:
    void initTestCase()
    {
        Settings::initialise();
        if (const QString missing = peers::missingTool(); !missing.isEmpty())
            QSKIP(qPrintable(missing));
        if (const QString missing = peers::missingKeychain(); !missing.isEmpty())
            QSKIP(qPrintable(missing));
    }

    void signsInStoresRefreshesRestoresAndSignsOut()
    {
        peers::Idp idp({QStringLiteral("--access-ttl=3"), QStringLiteral("--device-interval=1")});
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        peers::BrowserOpener browser;
        QSignalSpy persisted(&session, &AuthSession::persisted);

        QVERIFY(signIn(session, http, browser, idp.issuer()));
        QCOMPARE(browser.opened, 1);
        QVERIFY(browser.lastUrl.toString().contains(QLatin1String("user_code=")));
        QTRY_COMPARE_WITH_TIMEOUT(browser.finished, 1, 30000);
        QCOMPARE(browser.result.value(QLatin1String("title")).toString(), QStringLiteral("Sign-in Success"));

        // Signed in as the user who logged in, with a JWT access token for the MLflow audience.
        QVERIFY(session.isSignedIn());
        QCOMPARE(session.identity().username, QStringLiteral("alice"));
        QCOMPARE(session.identity().email, QStringLiteral("alice@example.org"));
        const QJsonObject access = JwtClaims::decodeUnverified(session.tokens().accessToken);
        QCOMPARE(access.value(QLatin1String("aud")).toString(), QStringLiteral("mlflow"));
        QVERIFY(!session.tokens().refreshToken.isEmpty());

        // Stored in the keychain: the account entry and the tokens entry.
        QVERIFY(!persisted.isEmpty());
        QVERIFY2(persisted.first().first().toBool(), qPrintable(persisted.first().at(1).toString()));
        QVERIFY(session.isPersistent());
        const OidcConfig config = configFor(idp.issuer());
        const auto account =
            peers::readKeychain(m_service, TokenStore::accountKey(config.issuer, config.clientId));
        QCOMPARE(account.error, QKeychain::NoError);
        QCOMPARE(account.data, QByteArray("alice"));
        const QString tokensKey =
            TokenStore::tokensKey(config.issuer, config.clientId, QStringLiteral("alice"));
        auto stored = peers::readKeychain(m_service, tokensKey);
        QCOMPARE(stored.error, QKeychain::NoError);
        QJsonObject storedTokens =
            QJsonDocument::fromJson(stored.data).object().value(QLatin1String("tokens")).toObject();
        QCOMPARE(storedTokens.value(QLatin1String("refresh_token")).toString(),
                 session.tokens().refreshToken);

        // The access token expires (3 s): the next request gets a new one without the browser, and the
        // rotated refresh token replaces the old one in the keychain.
        const QString firstAccess = session.tokens().accessToken;
        const QString firstRefresh = session.tokens().refreshToken;
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > session.accessTokenExpiresAt(), 10000);
        QSignalSpy refreshed(&session, &AuthSession::refreshed);
        persisted.clear();
        Result<QString> token = Error{};
        bool answered = false;
        session.accessToken(this, [&](const Result<QString> &r) {
            token = r;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
        QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
        QVERIFY(token.value() != firstAccess);
        QCOMPARE(refreshed.size(), 1);
        QCOMPARE(browser.opened, 1); // no browser for a refresh
        QVERIFY(session.tokens().refreshToken != firstRefresh);
        QTRY_VERIFY_WITH_TIMEOUT(!persisted.isEmpty(), 20000);
        stored = peers::readKeychain(m_service, tokensKey);
        storedTokens =
            QJsonDocument::fromJson(stored.data).object().value(QLatin1String("tokens")).toObject();
        QCOMPARE(storedTokens.value(QLatin1String("refresh_token")).toString(),
                 session.tokens().refreshToken);
        QCOMPARE(storedTokens.value(QLatin1String("access_token")).toString(), token.value());

        // A new start finds the session in the keychain: signed in without the browser.
        {
            AuthSession restored(&store, &http);
            QSignalSpy restoreFinished(&restored, &AuthSession::restoreFinished);
            restored.restore(config);
            QVERIFY(restoreFinished.wait(20000));
            QCOMPARE(restoreFinished.first().first().toBool(), true);
            QCOMPARE(restored.identity().username, QStringLiteral("alice"));
            QCOMPARE(restored.tokens().refreshToken, session.tokens().refreshToken);
        }

        // Sign out: both keychain entries are gone and no token is handed out any more.
        QSignalSpy signedOut(&session, &AuthSession::signedOut);
        session.signOut();
        QVERIFY(signedOut.wait(20000));
        QVERIFY(!session.isSignedIn());
        QCOMPARE(peers::readKeychain(m_service, tokensKey).error, QKeychain::EntryNotFound);
        QCOMPARE(peers::readKeychain(m_service, TokenStore::accountKey(config.issuer, config.clientId)).error,
                 QKeychain::EntryNotFound);
        answered = false;
        session.accessToken(this, [&](const Result<QString> &r) {
            token = r;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QVERIFY(!token.ok());
        QCOMPARE(token.error().kind, Error::Kind::Unauthorized);
    }

    void declinedInTheBrowser()
    {
        peers::Idp idp({QStringLiteral("--device-interval=1")});
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        peers::BrowserOpener browser;
        browser.options << QStringLiteral("--deny");
        SignIn signIn(&session, &http, &browser);
        signIn.setConfig(configFor(idp.issuer()));
        QSignalSpy failed(&signIn, &SignIn::failed);
        signIn.start();
        QVERIFY(failed.wait(150000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.code, QStringLiteral("access_denied"));
        QVERIFY2(error.message.contains(QLatin1String("declined")), qPrintable(error.message));
        QVERIFY(!session.isSignedIn());
    }

    void deviceCodeExpiresUnused()
    {
        peers::Idp idp({QStringLiteral("--device-ttl=2"), QStringLiteral("--device-interval=1")});
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        FunctionUrlOpener nobody([](const QUrl &) { return true; }); // the user never opens the page
        SignIn signIn(&session, &http, &nobody);
        signIn.setConfig(configFor(idp.issuer()));
        QSignalSpy failed(&signIn, &SignIn::failed);
        signIn.start();
        QVERIFY(failed.wait(30000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.kind, Error::Kind::Timeout);
        QVERIFY2(error.message.contains(QLatin1String("expired")), qPrintable(error.message));
        QVERIFY(!session.isSignedIn());
    }
};

QTEST_GUILESS_MAIN(TestDeviceSignIn)
#include "TestDeviceSignIn.moc"
