// What goes wrong around signing in, against the real identity provider: provider down, a discovery document
// of another issuer, a provider clock minutes off, the provider gone at refresh time, a refresh token that
// has ended (invalid_grant signs out).

#include "OidcPeers.h"

#include "auth/AuthSession.h"
#include "auth/OidcHttp.h"
#include "auth/SignIn.h"
#include "auth/TokenStore.h"
#include "util/Settings.h"

#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

class TestSignInErrors : public QObject
{
    Q_OBJECT

private:
    QString m_service = QStringLiteral("MLTF Desktop test %1").arg(QCoreApplication::applicationPid());

    static OidcConfig configFor(const QUrl &issuer)
    {
        OidcConfig config;
        config.issuer = issuer;
        config.clientId = QStringLiteral("mltf-desktop");
        config.scopes = QStringList{QStringLiteral("openid"), QStringLiteral("profile"),
                                    QStringLiteral("offline_access"), QStringLiteral("read")};
        return config;
    }

    static Error signInError(const OidcConfig &config)
    {
        OidcHttp http;
        TokenStore store(QStringLiteral("MLTF Desktop test unused"));
        AuthSession session(&store, &http);
        peers::BrowserOpener browser;
        SignIn signIn(&session, &http, &browser);
        signIn.setConfig(config);
        QSignalSpy failed(&signIn, &SignIn::failed);
        signIn.start();
        if (!failed.wait(30000))
            return Error::make(Error::Kind::Internal, QStringLiteral("no failure reported"));
        if (browser.opened != 0)
            return Error::make(Error::Kind::Internal, QStringLiteral("browser opened"));
        return failed.first().first().value<Error>();
    }

    static Result<QString> token(AuthSession &session)
    {
        Result<QString> result = Error{};
        bool answered = false;
        QObject context;
        session.accessToken(&context, [&](const Result<QString> &r) {
            result = r;
            answered = true;
        });
        if (!QTest::qWaitFor([&] { return answered; }, 30000))
            return Error::make(Error::Kind::Internal, QStringLiteral("no answer"));
        return result;
    }

    // Device sign-in through the browser; the session is signed in afterwards (or the test failed).
    void signIn(AuthSession &session, OidcHttp &http, const QUrl &issuer)
    {
        peers::BrowserOpener browser;
        SignIn signIn(&session, &http, &browser);
        signIn.setConfig(configFor(issuer));
        QSignalSpy succeeded(&signIn, &SignIn::succeeded);
        QSignalSpy failed(&signIn, &SignIn::failed);
        signIn.start();
        QTRY_VERIFY_WITH_TIMEOUT(!succeeded.isEmpty() || !failed.isEmpty(), 150000);
        QVERIFY2(failed.isEmpty(),
                 qPrintable(failed.isEmpty() ? QString() : failed.first().first().value<Error>().message));
        QVERIFY(session.isSignedIn());
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

    void providerDown()
    {
        const Error error =
            signInError(configFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(peers::closedPort()))));
        QCOMPARE(error.kind, Error::Kind::Network);
        QVERIFY2(error.message.contains(QLatin1String("Cannot reach the identity provider")),
                 qPrintable(error.message));
    }

    // Asked for http://localhost:<port>; the document there says its issuer is http://127.0.0.1:<port>.
    void discoveryDocumentOfAnotherIssuer()
    {
        peers::Idp idp;
        QVERIFY(!idp.issuer().isEmpty());
        const Error error =
            signInError(configFor(QUrl(QStringLiteral("http://localhost:%1").arg(idp.port()))));
        QCOMPARE(error.kind, Error::Kind::InvalidInput);
        QVERIFY2(error.message.contains(idp.issuer().toString()), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("not the issuer that was asked for")),
                 qPrintable(error.message));
    }

    void notAnIdentityProvider()
    {
        peers::Idp idp;
        QVERIFY(!idp.issuer().isEmpty());
        const Error error =
            signInError(configFor(QUrl(idp.issuer().toString() + QStringLiteral("/nothing"))));
        QCOMPARE(error.kind, Error::Kind::NotFound);
        QVERIFY2(error.message.contains(QLatin1String("does not look like an OpenID Connect")),
                 qPrintable(error.message));
    }

    // The provider is gone when the access token needs renewing: a clear error, still signed in.
    void providerDownAtRefresh()
    {
        auto idp = std::make_unique<peers::Idp>(QStringList{QStringLiteral("--access-ttl=2")});
        QVERIFY(!idp->issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        signIn(session, http, idp->issuer());
        if (QTest::currentTestFailed())
            return;
        idp.reset();
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > session.accessTokenExpiresAt(), 10000);
        const auto t = token(session);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().kind, Error::Kind::Network);
        QVERIFY2(t.error().message.contains(QLatin1String("Cannot reach the identity provider")),
                 qPrintable(t.error().message));
        QVERIFY(session.isSignedIn());
        QSignalSpy signedOut(&session, &AuthSession::signedOut);
        session.signOut();
        QVERIFY(signedOut.wait(20000));
    }

    // The refresh token ended at the provider: invalid_grant signs out and clears the keychain.
    void refreshTokenEndedSignsOut()
    {
        peers::Idp idp({QStringLiteral("--access-ttl=2"), QStringLiteral("--refresh-ttl=3")});
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        QSignalSpy persisted(&session, &AuthSession::persisted);
        signIn(session, http, idp.issuer());
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(!persisted.isEmpty(), 20000);
        const QDateTime refreshEnds = session.tokens().receivedAt.addSecs(4);
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > refreshEnds, 10000);
        QSignalSpy signInRequired(&session, &AuthSession::signInRequired);
        QSignalSpy signedOut(&session, &AuthSession::signedOut);
        const auto t = token(session);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().kind, Error::Kind::Unauthorized);
        QVERIFY2(t.error().message.contains(QLatin1String("Sign in again")), qPrintable(t.error().message));
        QVERIFY(!session.isSignedIn());
        QCOMPARE(signInRequired.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.size(), 1, 20000);
        const OidcConfig config = configFor(idp.issuer());
        QCOMPARE(peers::readKeychain(m_service, TokenStore::tokensKey(config.issuer, config.clientId,
                                                                      QStringLiteral("alice")))
                     .error,
                 QKeychain::EntryNotFound);
    }
};

QTEST_GUILESS_MAIN(TestSignInErrors)
#include "TestSignInErrors.moc"
