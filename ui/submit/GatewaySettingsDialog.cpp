#include "submit/GatewaySettingsDialog.h"

#include "util/Settings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mltf::ui {

GatewaySettingsDialog::GatewaySettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit)
    , m_problem(new QLabel)
{
    setObjectName(QStringLiteral("gatewaySettingsDialog"));
    setWindowTitle(tr("MLTF Gateway"));
    m_url->setObjectName(QStringLiteral("gatewayUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://gateway.example.org"));
    m_url->setText(Settings::value(Settings::Key::GatewayUri).toString().trimmed());
    m_url->setMinimumWidth(m_url->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 48);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));

    auto *hint =
        new QLabel(tr("Tasks submitted to the gateway run with your sign-in; leave the address empty to "
                      "submit to SLURM hosts only."));
    hint->setWordWrap(true);
    hint->setEnabled(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &GatewaySettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &GatewaySettingsDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, &GatewaySettingsDialog::validate);

    auto *form = new QFormLayout;
    form->addRow(tr("Gateway &URL:"), m_url);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    validate();
}

QUrl GatewaySettingsDialog::savedUrl()
{
    const QString text = Settings::value(Settings::Key::GatewayUri).toString().trimmed();
    if (text.isEmpty() || !problemWith(text).isEmpty())
        return {};
    return QUrl(text, QUrl::StrictMode);
}

QString GatewaySettingsDialog::problemWith(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return tr("This is not a valid URL.");
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return tr("The gateway's address starts with http:// or https://.");
    if (url.host().isEmpty())
        return tr("The address names no host.");
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return tr("The address takes no query, fragment or user name.");
    return {};
}

void GatewaySettingsDialog::validate()
{
    const QString problem = problemWith(m_url->text());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

void GatewaySettingsDialog::accept()
{
    const QString text = m_url->text().trimmed();
    if (!problemWith(text).isEmpty())
        return;
    Settings::setValue(Settings::Key::GatewayUri, text);
    emit urlSaved(text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode));
    QDialog::accept();
}

} // namespace mltf::ui
