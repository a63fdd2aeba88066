#pragma once

#include "auth/OidcConfig.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QAction;
class QWidget;

namespace mltf::auth {
class AuthSession;
class OidcHttp;
class UrlOpener;
} // namespace mltf::auth

namespace mltf::ui {

class AuthStatusWidget;
class SignInDialog;

// What the main window adds for signing in: "Sign In…" and "Sign Out" actions for a menu, the status bar
// widget, and the dialog. Actions enable themselves from the session state.
class AuthActions : public QObject
{
    Q_OBJECT
public:
    AuthActions(auth::AuthSession *session, auth::OidcHttp *http, auth::UrlOpener *opener, QWidget *window);

    QAction *signInAction() const { return m_signIn; }
    QAction *signOutAction() const { return m_signOut; }
    // A new status bar widget (the caller owns it); its "Sign in" link opens the dialog.
    AuthStatusWidget *createStatusWidget(QWidget *parent = nullptr);

    // Tests and settings: sign in with this provider instead of the configured one.
    void setConfigOverride(const auth::OidcConfig &config) { m_config = config; }

public slots:
    void showSignInDialog();
    void signOut();

private:
    void updateActions();

    auth::AuthSession *m_session;
    auth::OidcHttp *m_http;
    auth::UrlOpener *m_opener;
    QWidget *m_window;
    QAction *m_signIn;
    QAction *m_signOut;
    QPointer<SignInDialog> m_dialog;
    std::optional<auth::OidcConfig> m_config;
};

} // namespace mltf::ui
