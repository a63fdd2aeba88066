#include "auth/AuthStatusWidget.h"

#include "auth/AuthSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace mltf::ui {

AuthStatusWidget::AuthStatusWidget(auth::AuthSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_label(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label->setObjectName(QStringLiteral("authStatus"));
    m_label->setTextFormat(Qt::RichText);
    layout->addWidget(m_label);
    connect(m_label, &QLabel::linkActivated, this, &AuthStatusWidget::signInRequested);
    connect(m_session, &auth::AuthSession::sessionChanged, this, &AuthStatusWidget::refresh);
    connect(m_session, &auth::AuthSession::stateChanged, this, &AuthStatusWidget::refresh);
    connect(m_session, &auth::AuthSession::signInRequired, this, [this](const QString &reason) {
        m_problem = reason;
        refresh();
    });
    m_timer.setInterval(30000); // the remaining time is shown in minutes at best
    connect(&m_timer, &QTimer::timeout, this, &AuthStatusWidget::refresh);
    m_timer.start();
    refresh();
}

QString AuthStatusWidget::text() const
{
    return m_label->text();
}

QString AuthStatusWidget::formatRemaining(qint64 seconds)
{
    if (seconds < 60)
        return tr("less than a minute");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%n min", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return minutes % 60 ? tr("%1 h %2 min").arg(hours).arg(minutes % 60)
                            : tr("%n h", nullptr, int(hours));
    return tr("%n days", nullptr, int(hours / 24));
}

void AuthStatusWidget::refresh()
{
    using State = auth::AuthSession::State;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString tip;
    switch (m_session->state()) {
    case State::Restoring:
        m_label->setText(tr("Restoring session…"));
        break;
    case State::SignedOut:
        m_label->setText(m_problem.isEmpty() ? tr("Not signed in · <a href=\"signin\">Sign in</a>")
                                             : tr("Session ended · <a href=\"signin\">Sign in again</a>"));
        tip = m_problem;
        break;
    case State::SignedIn: {
        m_problem.clear();
        const QString who = m_session->identity().displayName().toHtmlEscaped();
        const QDateTime ends = m_session->sessionExpiresAt();
        QString text = ends.isValid()
                           ? tr("Signed in as %1 · %2 left").arg(who, formatRemaining(now.secsTo(ends)))
                           : tr("Signed in as %1").arg(who);
        if (!m_session->isPersistent())
            text += tr(" · not saved");
        m_label->setText(text);
        const QLocale locale;
        tip = tr("Identity provider: %1").arg(m_session->config().issuer.toString());
        if (!m_session->identity().email.isEmpty())
            tip += QLatin1Char('\n') + tr("E-mail: %1").arg(m_session->identity().email);
        if (m_session->accessTokenExpiresAt().isValid())
            tip +=
                QLatin1Char('\n') + tr("Access token renews automatically (current one until %1)")
                                        .arg(locale.toString(m_session->accessTokenExpiresAt().toLocalTime(),
                                                             QLocale::ShortFormat));
        if (ends.isValid())
            tip +=
                QLatin1Char('\n') +
                tr("Sign in again after %1").arg(locale.toString(ends.toLocalTime(), QLocale::ShortFormat));
        if (!m_session->isPersistent())
            tip += QLatin1Char('\n') + m_session->persistenceProblem();
        break;
    }
    }
    m_label->setToolTip(tip);
}

} // namespace mltf::ui
