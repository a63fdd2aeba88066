// Authorization code + PKCE sign-in end to end with the loopback redirect: the real oidc-provider (PKCE is
// required there), a real browser, the real keychain; plus what else reaches the loopback port meanwhile.

#include "OidcPeers.h"

#include "auth/AuthCodeFlow.h"
#include "auth/AuthSession.h"
#include "auth/OidcHttp.h"
#include "auth/SignIn.h"
#include "auth/TokenStore.h"
#include "util/Settings.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QtConcurrent>

using namespace mltf;
using namespace mltf::auth;

namespace {

// Sends raw bytes to the port and returns whatever came back before the connection closed.
QByteArray rawExchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "NOT CONNECTED";
    socket.write(bytes);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000 && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(200);
        answer += socket.readAll();
    }
    answer += socket.readAll();
    return answer;
}

} // namespace

class TestCodeSignIn : public QObject
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
            QStringList{QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                        QStringLiteral("offline_access"), QStringLiteral("read")};
        return config;
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

    // The provider offers no device flow, so the automatic choice is the browser with a loopback redirect.
    // Before the browser answers, garbage, a wrong state and stray paths reach the port: each gets an HTTP
    // answer and none of them ends the sign-in.
    void signsInThroughLoopbackIgnoringStrayRequests()
    {
        peers::Idp idp({QStringLiteral("--no-device-flow")});
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        peers::BrowserOpener browser;
        SignIn signIn(&session, &http, &browser);
        signIn.setConfig(configFor(idp.issuer()));

        QByteArray garbageAnswer, wrongStateAnswer, strayPathAnswer, postAnswer, noStateAnswer;
        QString pkceMethod;
        browser.beforeBrowsing = [&](const QUrl &url) {
            const QUrlQuery query(url);
            pkceMethod = query.queryItemValue(QStringLiteral("code_challenge_method"));
            const quint16 port =
                QUrl(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)).port();
            // From another thread: the loopback listener answers on this one.
            auto exchanges = QtConcurrent::run([port] {
                return QList<QByteArray>{
                    rawExchange(port, QByteArray("\x16\x03\x01 not http at all\r\n\r\n", 26)),
                    rawExchange(port, "GET /?code=stolen&state=wrong HTTP/1.1\r\nHost: x\r\n\r\n"),
                    rawExchange(port, "GET /?code=stolen HTTP/1.1\r\nHost: x\r\n\r\n"),
                    rawExchange(port, "GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n"),
                    rawExchange(port, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")};
            });
            if (!QTest::qWaitFor([&exchanges] { return exchanges.isFinished(); }, 60000))
                return;
            const QList<QByteArray> answers = exchanges.result();
            garbageAnswer = answers.at(0);
            wrongStateAnswer = answers.at(1);
            noStateAnswer = answers.at(2);
            strayPathAnswer = answers.at(3);
            postAnswer = answers.at(4);
        };
        QSignalSpy stray(signIn.authCodeFlow(), &AuthCodeFlow::strayRequestIgnored);
        QSignalSpy succeeded(&signIn, &SignIn::succeeded);
        QSignalSpy failed(&signIn, &SignIn::failed);
        signIn.start();
        QTRY_VERIFY_WITH_TIMEOUT(!succeeded.isEmpty() || !failed.isEmpty(), 150000);
        QVERIFY2(failed.isEmpty(),
                 qPrintable(failed.isEmpty() ? QString() : failed.first().first().value<Error>().message));
        QCOMPARE(signIn.chosenMethod(), SignIn::Method::AuthorizationCode);
        QCOMPARE(pkceMethod, QStringLiteral("S256"));

        QVERIFY2(garbageAnswer.startsWith("HTTP/1.1 400"), garbageAnswer.constData());
        QVERIFY2(wrongStateAnswer.startsWith("HTTP/1.1 400"), wrongStateAnswer.constData());
        QVERIFY(wrongStateAnswer.contains("does not belong to the sign-in"));
        QVERIFY2(noStateAnswer.startsWith("HTTP/1.1 400"), noStateAnswer.constData());
        QVERIFY2(strayPathAnswer.startsWith("HTTP/1.1 404"), strayPathAnswer.constData());
        QVERIFY2(postAnswer.startsWith("HTTP/1.1 405"), postAnswer.constData());
        QCOMPARE(stray.size(), 5);

        // The browser got the friendly page from the loopback listener.
        QTRY_COMPARE_WITH_TIMEOUT(browser.finished, 1, 30000);
        QVERIFY2(
            browser.result.value(QLatin1String("text")).toString().contains(QLatin1String("close this tab")),
            qPrintable(browser.result.value(QLatin1String("text")).toString()));
        QCOMPARE(browser.result.value(QLatin1String("status")).toInt(), 200);

        // Signed in, tokens in the keychain, and the listener is closed.
        QVERIFY(session.isSignedIn());
        QCOMPARE(session.identity().username, QStringLiteral("alice"));
        const OidcConfig config = configFor(idp.issuer());
        const auto stored = peers::readKeychain(
            m_service, TokenStore::tokensKey(config.issuer, config.clientId, QStringLiteral("alice")));
        QCOMPARE(stored.error, QKeychain::NoError);
        const QJsonObject tokens =
            QJsonDocument::fromJson(stored.data).object().value(QLatin1String("tokens")).toObject();
        QCOMPARE(tokens.value(QLatin1String("access_token")).toString(), session.tokens().accessToken);
        QVERIFY(!tokens.value(QLatin1String("refresh_token")).toString().isEmpty());
        const quint16 port =
            QUrl(
                QUrlQuery(browser.lastUrl).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded))
                .port();
        QCOMPARE(signIn.authCodeFlow()->loopbackPort(), quint16(0));
        QCOMPARE(rawExchange(port, "GET /?code=late&state=x HTTP/1.1\r\n\r\n"), QByteArray("NOT CONNECTED"));

        QSignalSpy signedOut(&session, &AuthSession::signedOut);
        session.signOut();
        QVERIFY(signedOut.wait(20000));
        QCOMPARE(peers::readKeychain(m_service, TokenStore::tokensKey(config.issuer, config.clientId,
                                                                      QStringLiteral("alice")))
                     .error,
                 QKeychain::EntryNotFound);
    }

    // The user cancels on the provider's login page: the browser is sent back with error=access_denied.
    void declinedInTheBrowser()
    {
        peers::Idp idp;
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        peers::BrowserOpener browser;
        browser.options << QStringLiteral("--deny");
        SignIn signIn(&session, &http, &browser);
        signIn.setConfig(configFor(idp.issuer()));
        signIn.setMethod(SignIn::Method::AuthorizationCode);
        QSignalSpy failed(&signIn, &SignIn::failed);
        signIn.start();
        QVERIFY(failed.wait(150000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.code, QStringLiteral("access_denied"));
        QVERIFY2(error.message.contains(QLatin1String("declined")), qPrintable(error.message));
        QVERIFY(!session.isSignedIn());
        QTRY_COMPARE_WITH_TIMEOUT(browser.finished, 1, 30000);
        const QString page = browser.result.value(QLatin1String("text")).toString();
        QVERIFY2(page.contains(QLatin1String("did not complete")), qPrintable(page));
    }
};

QTEST_GUILESS_MAIN(TestCodeSignIn)
#include "TestCodeSignIn.moc"
