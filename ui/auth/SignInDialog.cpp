#include "auth/SignInDialog.h"

#include "auth/AuthSession.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace mltf::ui {

using auth::SignIn;

SignInDialog::SignInDialog(auth::AuthSession *session, auth::OidcHttp *http, auth::UrlOpener *opener,
                           QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_signIn(new SignIn(session, http, opener, this))
{
    setWindowTitle(tr("Sign In"));
    setMinimumWidth(460);

    auto *layout = new QVBoxLayout(this);
    auto *intro =
        new QLabel(tr("MLTF Desktop signs you in through your facility's login page in the browser."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_progress = new QProgressBar;
    m_progress->setRange(0, 0); // busy
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);

    // Device flow: the code the page shows, to compare (or type in when the page asks for it).
    m_codeBox = new QWidget;
    auto *codeLayout = new QVBoxLayout(m_codeBox);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    auto *codeIntro = new QLabel(tr("Confirm that the page in your browser shows this code:"));
    codeIntro->setWordWrap(true);
    codeLayout->addWidget(codeIntro);
    auto *codeRow = new QHBoxLayout;
    m_userCode = new QLineEdit;
    m_userCode->setObjectName(QStringLiteral("userCode"));
    m_userCode->setReadOnly(true);
    m_userCode->setAlignment(Qt::AlignCenter);
    QFont codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    codeFont.setPointSizeF(codeFont.pointSizeF() * 1.6);
    codeFont.setBold(true);
    m_userCode->setFont(codeFont);
    codeRow->addWidget(m_userCode, 1);
    m_copyCode = new QPushButton(tr("&Copy Code"));
    m_copyCode->setObjectName(QStringLiteral("copyCode"));
    codeRow->addWidget(m_copyCode);
    codeLayout->addLayout(codeRow);
    m_countdown = new QLabel;
    m_countdown->setObjectName(QStringLiteral("countdown"));
    codeLayout->addWidget(m_countdown);
    layout->addWidget(m_codeBox);

    // The page to open, for when no browser came up or the tab was closed.
    m_addressBox = new QWidget;
    auto *addressLayout = new QVBoxLayout(m_addressBox);
    addressLayout->setContentsMargins(0, 0, 0, 0);
    m_addressIntro = new QLabel;
    m_addressIntro->setWordWrap(true);
    addressLayout->addWidget(m_addressIntro);
    auto *addressRow = new QHBoxLayout;
    m_address = new QLineEdit;
    m_address->setObjectName(QStringLiteral("address"));
    m_address->setReadOnly(true);
    addressRow->addWidget(m_address, 1);
    m_reopen = new QPushButton(tr("&Open Browser Again"));
    m_reopen->setObjectName(QStringLiteral("reopen"));
    addressRow->addWidget(m_reopen);
    addressLayout->addLayout(addressRow);
    layout->addWidget(m_addressBox);

    m_warning = new QLabel;
    m_warning->setObjectName(QStringLiteral("warning"));
    m_warning->setWordWrap(true);
    layout->addWidget(m_warning);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox;
    m_retry = m_buttons->addButton(tr("&Try Again"), QDialogButtonBox::ActionRole);
    m_retry->setObjectName(QStringLiteral("retry"));
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_close = m_buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(m_buttons);

    m_codeBox->hide();
    m_addressBox->hide();
    m_warning->hide();
    m_retry->hide();
    m_close->hide();

    connect(m_copyCode, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_userCode->text());
        m_copyCode->setText(tr("Copied"));
    });
    connect(m_reopen, &QPushButton::clicked, m_signIn, &SignIn::reopenBrowser);
    connect(m_retry, &QPushButton::clicked, this, &SignInDialog::startSignIn);
    connect(m_cancel, &QPushButton::clicked, this, &SignInDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &SignInDialog::accept);

    connect(m_signIn, &SignIn::stageChanged, this, &SignInDialog::onStage);
    connect(m_signIn, &SignIn::userCodeReady, this, &SignInDialog::onUserCode);
    connect(m_signIn, &SignIn::browserNotOpened, this, [this](const QUrl &url) {
        m_addressIntro->setText(tr("No browser could be opened. Open this address in a browser yourself:"));
        showAddress(url);
    });
    connect(m_signIn, &SignIn::failed, this, &SignInDialog::onFailed);
    connect(m_signIn, &SignIn::succeeded, this, &SignInDialog::onSucceeded);

    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, &SignInDialog::updateCountdown);
}

void SignInDialog::setConfig(const auth::OidcConfig &config)
{
    m_signIn->setConfig(config);
}

void SignInDialog::setMethod(auth::SignIn::Method method)
{
    m_signIn->setMethod(method);
}

void SignInDialog::startSignIn()
{
    m_codeBox->hide();
    m_addressBox->hide();
    m_warning->hide();
    m_retry->hide();
    m_close->hide();
    m_cancel->show();
    m_progress->show();
    m_copyCode->setText(tr("&Copy Code"));
    m_signIn->start();
}

void SignInDialog::onStage(SignIn::Stage stage)
{
    if (stage != SignIn::Stage::Failed) // the failure text comes with the error
        m_status->setText(m_signIn->stageText());
    if (stage == SignIn::Stage::WaitingForBrowser) {
        m_addressIntro->setText(
            tr("A browser window opened for you to sign in. If it did not, open this address:"));
        showAddress(m_signIn->browserUrl());
    }
}

void SignInDialog::showAddress(const QUrl &url)
{
    m_address->setText(url.toString(QUrl::FullyEncoded));
    m_address->setCursorPosition(0);
    m_addressBox->show();
}

void SignInDialog::onUserCode(const auth::DeviceAuthorization &authorization)
{
    m_userCode->setText(authorization.userCode);
    m_codeBox->show();
    m_addressIntro->setText(tr("The login page opened in your browser. If it did not, open this address:"));
    showAddress(authorization.urlToOpen());
    updateCountdown();
    m_countdownTimer.start();
}

void SignInDialog::updateCountdown()
{
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_signIn->deviceAuthorization().expiresAt);
    if (m_signIn->stage() != SignIn::Stage::WaitingForUserCode || left <= 0) {
        m_countdownTimer.stop();
        m_countdown->clear();
        return;
    }
    m_countdown->setText(tr("The code is valid for %1 more.").arg(formatCountdown(left)));
}

QString SignInDialog::formatCountdown(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    const qint64 h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

void SignInDialog::onFailed(const Error &error)
{
    m_countdownTimer.stop();
    m_progress->hide();
    m_codeBox->hide();
    m_addressBox->hide();
    m_status->setText(tr("Sign-in failed: %1").arg(error.message));
    m_status->setToolTip(error.detail);
    m_retry->show();
    m_cancel->hide();
    m_close->show();
}

void SignInDialog::onSucceeded()
{
    m_countdownTimer.stop();
    m_progress->hide();
    m_codeBox->hide();
    m_addressBox->hide();
    m_status->setText(tr("Signed in as %1.").arg(m_session->identity().displayName()));
    if (!m_session->isPersistent()) {
        // Stay open so the user reads it: the session ends with the application.
        m_warning->setText(m_session->persistenceProblem());
        m_warning->show();
        m_cancel->hide();
        m_close->show();
        return;
    }
    accept();
}

void SignInDialog::reject()
{
    m_countdownTimer.stop();
    m_signIn->cancel();
    QDialog::reject();
}

} // namespace mltf::ui
