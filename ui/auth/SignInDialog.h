#pragma once

#include "auth/SignIn.h"

#include <QDialog>
#include <QTimer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QWidget;

namespace mltf::auth {
class AuthSession;
class OidcHttp;
class UrlOpener;
} // namespace mltf::auth

namespace mltf::ui {

// Signing in through the browser: shows what is happening in plain words, the user code (copyable) and how
// long it stays valid for the device flow, the address to open by hand if no browser came up, every error,
// and can be cancelled or retried. The flow is picked from what the provider offers (device code preferred).
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(auth::AuthSession *session, auth::OidcHttp *http, auth::UrlOpener *opener,
                 QWidget *parent = nullptr);

    // Tests and advanced settings: a given provider and flow instead of the configured ones.
    void setConfig(const auth::OidcConfig &config);
    void setMethod(auth::SignIn::Method method);

    void startSignIn();
    auth::SignIn *signIn() const { return m_signIn; }

    // "9:42" / "1:02:03" for the countdown.
    static QString formatCountdown(qint64 seconds);

public slots:
    // Cancels a sign-in in progress.
    void reject() override;

private:
    void onStage(auth::SignIn::Stage stage);
    void onUserCode(const auth::DeviceAuthorization &authorization);
    void onFailed(const Error &error);
    void onSucceeded();
    void updateCountdown();
    void showAddress(const QUrl &url);

    auth::AuthSession *m_session;
    auth::SignIn *m_signIn;
    QLabel *m_status;
    QProgressBar *m_progress;
    QWidget *m_codeBox;
    QLineEdit *m_userCode;
    QPushButton *m_copyCode;
    QLabel *m_countdown;
    QWidget *m_addressBox;
    QLabel *m_addressIntro;
    QLineEdit *m_address;
    QPushButton *m_reopen;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
    QPushButton *m_retry;
    QPushButton *m_cancel;
    QPushButton *m_close;
    QTimer m_countdownTimer;
};

} // namespace mltf::ui
