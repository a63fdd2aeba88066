// The provider's clock is minutes ahead of or behind this machine's: signing in, token expiry and refresh
// still work, against the real identity provider, browser and keychain.

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

class TestClockSkew : public QObject
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

    void clockSkew_data()
    {
        QTest::addColumn<int>("skewSeconds");
        QTest::newRow("provider 5 min ahead") << 300;
        QTest::newRow("provider 5 min behind") << -300;
    }

    // The provider's clock is minutes off: the session still works, and expiry follows expires_in as
    // received here (a JWT exp compared with the local clock would be 5 minutes wrong).
    void clockSkew()
    {
        QFETCH(int, skewSeconds);
        peers::Idp idp(
            {QStringLiteral("--clock-skew=%1").arg(skewSeconds), QStringLiteral("--access-ttl=120")});
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        signIn(session, http, idp.issuer());
        if (QTest::currentTestFailed())
            return;
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QVERIFY(session.accessTokenExpiresAt() >= before.addSecs(119));
        QVERIFY(session.accessTokenExpiresAt() <= after.addSecs(121));
        // 120 s lifetime, 60 s margin: the token is handed out as it is, no refresh.
        QSignalSpy refreshed(&session, &AuthSession::refreshed);
        const auto t = token(session);
        QVERIFY(t.ok());
        QCOMPARE(t.value(), session.tokens().accessToken);
        QCOMPARE(refreshed.size(), 0);
        // And a refresh works with the skewed provider too.
        QSignalSpy refreshedAgain(&session, &AuthSession::refreshed);
        bool answered = false;
        session.refresh(this, [&](const Result<QString> &r) {
            QVERIFY(r.ok());
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
        QCOMPARE(refreshedAgain.size(), 1);
        QSignalSpy signedOut(&session, &AuthSession::signedOut);
        session.signOut();
        QVERIFY(signedOut.wait(20000));
    }
};

QTEST_GUILESS_MAIN(TestClockSkew)
#include "TestClockSkew.moc"
