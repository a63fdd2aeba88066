// With no D-Bus session there is no Secret Service: the store says so in plain words, writes nothing to disk,
// and a session still signs in, in memory only.

#include "auth/AuthSession.h"
#include "auth/OidcHttp.h"
#include "auth/TokenStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

class TestTokenStoreUnavailable : public QObject
{
    Q_OBJECT
public:
    QString home;

private slots:
    void writeFailsClearlyWithoutPlaintext()
    {
        TokenStore store(QStringLiteral("MLTF Desktop test no keychain"));
        QSignalSpy availability(&store, &SecretStore::availabilityChanged);
        Status status = Done{};
        bool answered = false;
        store.write("tokens x", "secret-value", this, [&](const Status &s) {
            status = s;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().kind, Error::Kind::Unsupported);
        QVERIFY2(status.error().message.contains("No keychain is available"),
                 qPrintable(status.error().message));
        QVERIFY(!store.isAvailable());
        QVERIFY(!store.unavailableReason().isEmpty());
        QCOMPARE(availability.size(), 1);
        // Nothing with the secret landed in the (private) home.
        QDirIterator it(home, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("secret-value"), qPrintable(f.fileName()));
        }
    }

    void sessionLivesInMemory()
    {
        TokenStore store(QStringLiteral("MLTF Desktop test no keychain"));
        OidcHttp http;
        AuthSession session(&store, &http);
        QSignalSpy persisted(&session, &AuthSession::persisted);
        OidcConfig config;
        config.issuer = QUrl("https://idp.example");
        config.clientId = "c";
        ProviderMetadata provider;
        provider.issuer = config.issuer;
        provider.tokenEndpoint = QUrl("https://idp.example/token");
        TokenSet tokens;
        tokens.accessToken = "a";
        tokens.receivedAt = QDateTime::currentDateTimeUtc();
        tokens.accessExpiresAt = tokens.receivedAt.addSecs(3600);
        session.completeSignIn(config, provider, tokens);
        QVERIFY(persisted.wait(30000));
        QCOMPARE(persisted.first().first().toBool(), false);
        QVERIFY(persisted.first().at(1).toString().contains("No keychain is available"));
        QVERIFY(session.isSignedIn());
        QVERIFY(!session.isPersistent());
        QVERIFY(session.persistenceProblem().contains("only until MLTF Desktop closes"));
    }
};

int main(int argc, char **argv)
{
    // No session bus and no X display (so D-Bus cannot be autolaunched either); a throwaway home.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + "/config").toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + "/data").toUtf8());
    QCoreApplication app(argc, argv);
    TestTokenStoreUnavailable test;
    test.home = home.path();
    return QTest::qExec(&test, argc, argv);
}

#include "TestTokenStoreUnavailable.moc"
