#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;

namespace mltf::auth {
class AuthSession;
}

namespace mltf::ui {

// For the status bar: who is signed in and how long the session lasts ("Signed in as alice · 4 days left"),
// or a "Sign in" link. Details (provider, token expiry, keychain) in the tooltip.
class AuthStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit AuthStatusWidget(auth::AuthSession *session, QWidget *parent = nullptr);

    QString text() const;
    // "4 days", "3 h 20 min", "12 min", "less than a minute".
    static QString formatRemaining(qint64 seconds);

signals:
    void signInRequested();

private:
    void refresh();

    auth::AuthSession *m_session;
    QLabel *m_label;
    QTimer m_timer;
    QString m_problem; // the last "sign in again" reason
};

} // namespace mltf::ui
