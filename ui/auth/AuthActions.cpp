#include "auth/AuthActions.h"

#include "auth/AuthSession.h"
#include "auth/AuthStatusWidget.h"
#include "auth/SignInDialog.h"

#include <QAction>
#include <QWidget>

namespace mltf::ui {

AuthActions::AuthActions(auth::AuthSession *session, auth::OidcHttp *http, auth::UrlOpener *opener,
                         QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_http(http)
    , m_opener(opener)
    , m_window(window)
{
    m_signIn = new QAction(tr("Sign &In…"), this);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setStatusTip(tr("Sign in through your facility's login page"));
    m_signOut = new QAction(tr("Sign &Out"), this);
    m_signOut->setObjectName(QStringLiteral("signOut"));
    m_signOut->setStatusTip(tr("Sign out and remove the saved session from the keychain"));
    connect(m_signIn, &QAction::triggered, this, &AuthActions::showSignInDialog);
    connect(m_signOut, &QAction::triggered, this, &AuthActions::signOut);
    connect(m_session, &auth::AuthSession::stateChanged, this, &AuthActions::updateActions);
    updateActions();
}

AuthStatusWidget *AuthActions::createStatusWidget(QWidget *parent)
{
    auto *widget = new AuthStatusWidget(m_session, parent);
    connect(widget, &AuthStatusWidget::signInRequested, this, &AuthActions::showSignInDialog);
    return widget;
}

void AuthActions::showSignInDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new SignInDialog(m_session, m_http, m_opener, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_config)
        m_dialog->setConfig(*m_config);
    m_dialog->open();
    m_dialog->startSignIn();
}

void AuthActions::signOut()
{
    m_session->signOut();
}

void AuthActions::updateActions()
{
    const bool signedIn = m_session->isSignedIn();
    m_signIn->setEnabled(m_session->state() != auth::AuthSession::State::Restoring);
    m_signIn->setText(signedIn ? tr("Sign &In Again…") : tr("Sign &In…"));
    m_signOut->setEnabled(signedIn);
}

} // namespace mltf::ui
