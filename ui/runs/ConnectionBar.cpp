#include "runs/ConnectionBar.h"

#include <QAction>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace mltf::ui {

namespace {
QString dot(const QColor &color)
{
    return QStringLiteral("<span style=\"color:%1; font-size:large\">&#9679;</span>").arg(color.name());
}
} // namespace

ConnectionBar::ConnectionBar(QWidget *parent)
    : QWidget(parent)
    , m_uri(new QLineEdit(this))
    , m_origin(new QLabel(this))
    , m_stateDot(new QLabel(this))
    , m_stateText(new QLabel(this))
    , m_lastRefresh(new QLabel(this))
    , m_tlsWarning(new QLabel(this))
    , m_refresh(new QAction(tr("Refresh"), this))
{
    auto *label = new QLabel(tr("Tracking &URI:"), this);
    label->setBuddy(m_uri);
    m_uri->setObjectName(QStringLiteral("trackingUriEdit"));
    m_uri->setPlaceholderText(tr("https://mlflow.example.org or a local mlruns folder"));
    m_uri->setToolTip(tr("An MLflow tracking server (http:// or https://) or a local mlruns folder "
                         "(a path or file:// URI). Press Enter to connect."));
    m_uri->setMinimumWidth(260);
    connect(m_uri, &QLineEdit::returnPressed, this, [this] { emit uriEntered(m_uri->text().trimmed()); });

    auto *folder = new QToolButton(this);
    folder->setObjectName(QStringLiteral("chooseFolderButton"));
    folder->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
    folder->setToolTip(tr("Open a local mlruns folder…"));
    folder->setAutoRaise(true);
    connect(folder, &QToolButton::clicked, this, &ConnectionBar::chooseFolder);

    m_origin->setObjectName(QStringLiteral("uriOrigin"));
    m_origin->setForegroundRole(QPalette::PlaceholderText);
    m_stateText->setObjectName(QStringLiteral("connectionState"));
    m_stateText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateText->setMaximumWidth(420);
    m_lastRefresh->setObjectName(QStringLiteral("lastRefresh"));
    m_lastRefresh->setForegroundRole(QPalette::PlaceholderText);

    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setToolTip(tr("Load experiments and runs again (%1)")
                              .arg(m_refresh->shortcut().toString(QKeySequence::NativeText)));
    connect(m_refresh, &QAction::triggered, this, &ConnectionBar::refreshRequested);
    auto *refreshButton = new QToolButton(this);
    refreshButton->setDefaultAction(m_refresh);
    refreshButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addAction(m_refresh);

    m_tlsWarning->setObjectName(QStringLiteral("insecureTlsWarning"));
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setText(tr("⚠ Certificate checks are off (MLFLOW_TRACKING_INSECURE_TLS=true): the connection to "
                             "the tracking server is encrypted but not verified."));
    m_tlsWarning->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; "
                                               "border: 1px solid #e0c36c; border-radius: 3px; padding: 3px 6px; }"));
    m_tlsWarning->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_uri, 3);
    row->addWidget(folder);
    row->addWidget(m_origin);
    row->addSpacing(12);
    row->addWidget(m_stateDot);
    row->addWidget(m_stateText, 2);
    row->addWidget(m_lastRefresh);
    row->addWidget(refreshButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 2);
    layout->addLayout(row);
    layout->addWidget(m_tlsWarning);

    setState(State::Disconnected, tr("Not connected"), {});
}

void ConnectionBar::setUri(const QString &text, const QString &origin)
{
    m_uri->setText(text);
    m_uri->setCursorPosition(0);
    m_origin->setText(origin);
}

QString ConnectionBar::uriText() const
{
    return m_uri->text();
}

QString ConnectionBar::origin() const
{
    return m_origin->text();
}

void ConnectionBar::setConnecting()
{
    setState(State::Connecting, tr("Connecting…"), {});
}

void ConnectionBar::setConnected(const QString &summary)
{
    setState(State::Connected, summary.isEmpty() ? tr("Connected") : tr("Connected · %1").arg(summary), {});
}

void ConnectionBar::setFailed(const QString &message, const QString &detail)
{
    setState(State::Failed, message, detail);
}

QString ConnectionBar::stateText() const
{
    return m_stateText->text();
}

void ConnectionBar::setState(State state, const QString &text, const QString &detail)
{
    m_state = state;
    QColor color;
    switch (state) {
    case State::Disconnected: color = QColor(0x99, 0x99, 0x99); break;
    case State::Connecting: color = QColor(0xe0, 0x8a, 0x1e); break;
    case State::Connected: color = QColor(0x2e, 0x9d, 0x43); break;
    case State::Failed: color = QColor(0xd6, 0x27, 0x28); break;
    }
    m_stateDot->setText(dot(color));
    m_stateText->setText(text);
    m_stateText->setToolTip(detail.isEmpty() ? text : text + QStringLiteral("\n\n") + detail);
}

void ConnectionBar::setLastRefresh(const QDateTime &when)
{
    m_lastRefresh->setText(when.isValid() ? tr("Updated %1").arg(QLocale().toString(when.time(), QStringLiteral("HH:mm:ss")))
                                          : QString());
    m_lastRefresh->setToolTip(when.isValid() ? QLocale().toString(when, QLocale::LongFormat) : QString());
}

void ConnectionBar::setInsecureTlsWarningVisible(bool visible)
{
    m_tlsWarning->setVisible(visible);
}

bool ConnectionBar::isInsecureTlsWarningVisible() const
{
    return !m_tlsWarning->isHidden();
}

void ConnectionBar::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open an mlruns folder"));
    if (dir.isEmpty())
        return;
    m_uri->setText(dir);
    emit uriEntered(dir);
}

} // namespace mltf::ui
