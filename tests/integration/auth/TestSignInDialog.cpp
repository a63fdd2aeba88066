// The sign-in dialog and status bar widget driven like a user would, against the real identity provider,
// browser and keychain: user code shown and copyable with a countdown, signed in, status bar, sign out; and
// an error in plain words with a way to try again.

#include "OidcPeers.h"

#include "auth/AuthActions.h"
#include "auth/AuthSession.h"
#include "auth/AuthStatusWidget.h"
#include "auth/OidcHttp.h"
#include "auth/SignInDialog.h"
#include "auth/TokenStore.h"
#include "util/Settings.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;
using namespace mltf::ui;

class TestSignInDialog : public QObject
{
    Q_OBJECT

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

    void signInThroughTheDialogAndSignOut()
    {
        peers::Idp idp({QStringLiteral("--device-interval=2"), QStringLiteral("--announce-refresh-ttl")});
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        peers::BrowserOpener browser;
        QMainWindow window;
        AuthActions actions(&session, &http, &browser, &window);
        actions.setConfigOverride(configFor(idp.issuer()));
        AuthStatusWidget *status = actions.createStatusWidget(&window);
        QVERIFY(status->text().contains(QLatin1String("Not signed in")));
        QVERIFY(actions.signInAction()->isEnabled());
        QVERIFY(!actions.signOutAction()->isEnabled());

        QSignalSpy persisted(&session, &AuthSession::persisted);
        actions.signInAction()->trigger();
        auto *dialog = window.findChild<SignInDialog *>();
        QVERIFY(dialog);
        QPointer<SignInDialog> guard(dialog);

        // The code appears, can be copied, and the countdown runs.
        auto *code = dialog->findChild<QLineEdit *>(QStringLiteral("userCode"));
        QTRY_VERIFY_WITH_TIMEOUT(!code->text().isEmpty(), 20000);
        QVERIFY(code->isVisibleTo(dialog));
        dialog->findChild<QPushButton *>(QStringLiteral("copyCode"))->click();
        QCOMPARE(QApplication::clipboard()->text(), code->text());
        QVERIFY(browser.lastUrl.toString().contains(code->text()));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("countdown"))
                    ->text()
                    .contains(QLatin1String("valid for")));
        QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("address"))
                    ->text()
                    .startsWith(idp.issuer().toString()));
        // For the README and for looking at it: the dialog as the user sees it while the browser is open.
        if (const QString dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog->grab().save(dir + QStringLiteral("/sign-in-dialog.png")));

        // The browser confirms: the dialog closes itself and the status bar names the user.
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !dialog->isVisible(), 150000);
        QVERIFY(session.isSignedIn());
        QVERIFY(!persisted.isEmpty());
        QVERIFY2(status->text().contains(QLatin1String("Signed in as alice")), qPrintable(status->text()));
        // The provider said the refresh token lasts 600 s: "9 min left" (or 10 right at the start).
        QVERIFY2(status->text().contains(QLatin1String(" min left")), qPrintable(status->text()));
        QVERIFY(actions.signOutAction()->isEnabled());

        QSignalSpy signedOut(&session, &AuthSession::signedOut);
        actions.signOutAction()->trigger();
        QVERIFY(signedOut.wait(20000));
        QVERIFY(status->text().contains(QLatin1String("Not signed in")));
        const OidcConfig config = configFor(idp.issuer());
        QCOMPARE(peers::readKeychain(m_service, TokenStore::accountKey(config.issuer, config.clientId)).error,
                 QKeychain::EntryNotFound);
    }

    void errorInPlainWordsAndTryAgain()
    {
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        peers::BrowserOpener browser;
        SignInDialog dialog(&session, &http, &browser);
        dialog.setConfig(configFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(peers::closedPort()))));
        dialog.show();
        QSignalSpy failed(dialog.signIn(), &SignIn::failed);
        dialog.startSignIn();
        QVERIFY(failed.wait(20000));
        auto *statusLabel = dialog.findChild<QLabel *>(QStringLiteral("status"));
        QVERIFY2(statusLabel->text().contains(QLatin1String("Cannot reach the identity provider")),
                 qPrintable(statusLabel->text()));
        auto *retry = dialog.findChild<QPushButton *>(QStringLiteral("retry"));
        QVERIFY(retry->isVisible());
        QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("userCode"))->isVisible());
        retry->click();
        QVERIFY(failed.wait(20000)); // still down: fails again, no crash
        QCOMPARE(browser.opened, 0);
        dialog.reject();
        QCOMPARE(dialog.signIn()->stage(), SignIn::Stage::Failed);
    }

    void cancelStopsTheSignIn()
    {
        peers::Idp idp;
        QVERIFY(!idp.issuer().isEmpty());
        OidcHttp http;
        TokenStore store(m_service);
        AuthSession session(&store, &http);
        FunctionUrlOpener nobody([](const QUrl &) { return false; }); // no browser could be opened
        SignInDialog dialog(&session, &http, &nobody);
        dialog.setConfig(configFor(idp.issuer()));
        dialog.show();
        dialog.startSignIn();
        auto *address = dialog.findChild<QLineEdit *>(QStringLiteral("address"));
        QTRY_VERIFY_WITH_TIMEOUT(address->isVisible() && !address->text().isEmpty(), 20000);
        dialog.reject();
        QCOMPARE(dialog.signIn()->stage(), SignIn::Stage::Cancelled);
        QVERIFY(!session.isSignedIn());
    }
};

QTEST_MAIN(TestSignInDialog)
#include "TestSignInDialog.moc"
