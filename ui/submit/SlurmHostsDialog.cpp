#include "submit/SlurmHostsDialog.h"

#include "common/FieldMarker.h"
#include "submit/SlurmHostForm.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedLayout>
#include <QStyle>
#include <QVBoxLayout>

namespace mltf::ui {

using submit::SlurmHost;

SlurmHostsDialog::SlurmHostsDialog(QWidget *parent)
    : QDialog(parent)
    , m_hosts(SlurmHost::loadAll())
    , m_list(new QListWidget)
    , m_form(new SlurmHostForm)
    , m_empty(new QLabel(tr("No SLURM hosts yet. Add the login node of your cluster to submit tasks to it.")))
    , m_add(new QPushButton(tr("&Add")))
    , m_remove(new QPushButton(tr("&Remove")))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("slurmHostsDialog"));
    setWindowTitle(tr("SLURM Hosts"));
    m_list->setObjectName(QStringLiteral("hostList"));
    m_list->setMaximumWidth(200);
    m_add->setIcon(style()->standardIcon(QStyle::SP_FileDialogNewFolder));
    m_remove->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);

    auto *right = new QWidget;
    auto *stack = new QStackedLayout(right);
    stack->addWidget(m_empty);
    stack->addWidget(m_form);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addWidget(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_buttons);

    for (const SlurmHost &host : std::as_const(m_hosts))
        m_list->addItem(host.name);
    connect(m_list, &QListWidget::currentRowChanged, this, &SlurmHostsDialog::onCurrentRowChanged);
    connect(m_form, &SlurmHostForm::edited, this, &SlurmHostsDialog::onEdited);
    connect(m_add, &QPushButton::clicked, this, &SlurmHostsDialog::addHost);
    connect(m_remove, &QPushButton::clicked, this, &SlurmHostsDialog::removeCurrent);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SlurmHostsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SlurmHostsDialog::reject);
    if (!m_hosts.isEmpty())
        m_list->setCurrentRow(0);
    updateState();
    resize(760, 520);
}

void SlurmHostsDialog::addHost()
{
    SlurmHost host;
    QString name = tr("New host");
    for (int n = 2;
         std::any_of(m_hosts.cbegin(), m_hosts.cend(), [&](const SlurmHost &h) { return h.name == name; });
         ++n)
        name = tr("New host %1").arg(n);
    host.name = name;
    m_hosts.append(host);
    m_list->addItem(host.name);
    m_list->setCurrentRow(m_list->count() - 1);
    m_form->nameField()->setFocus();
    m_form->nameField()->selectAll();
}

void SlurmHostsDialog::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_current = -1; // the form's values belong to the removed host
    m_hosts.removeAt(row);
    delete m_list->takeItem(row);
    onCurrentRowChanged(m_list->currentRow());
}

void SlurmHostsDialog::onCurrentRowChanged(int row)
{
    m_current = row;
    if (row >= 0 && row < m_hosts.size()) {
        m_form->setHost(m_hosts.at(row));
        m_form->showProblem(problemOf(row));
    }
    updateState();
}

void SlurmHostsDialog::onEdited()
{
    if (m_current < 0 || m_current >= m_hosts.size())
        return;
    m_hosts[m_current] = m_form->host();
    m_list->item(m_current)->setText(m_hosts.at(m_current).name);
    const QString problem = problemOf(m_current);
    m_form->showProblem(problem);
    m_list->item(m_current)->setIcon(problem.isEmpty() ? QIcon()
                                                       : FieldMarker::icon(FieldMarker::Level::Error));
}

// The core's own check, plus what only the whole list can tell: names are unique.
QString SlurmHostsDialog::problemOf(int row) const
{
    const SlurmHost &host = m_hosts.at(row);
    const QString problem = host.validate();
    if (!problem.isEmpty())
        return problem;
    for (int other = 0; other < m_hosts.size(); ++other) {
        if (other != row && m_hosts.at(other).name == host.name)
            return tr("Another host is already named '%1'.").arg(host.name);
    }
    return {};
}

bool SlurmHostsDialog::save()
{
    for (int row = 0; row < m_hosts.size(); ++row) {
        const QString problem = problemOf(row);
        if (!problem.isEmpty()) {
            m_list->setCurrentRow(row);
            m_list->item(row)->setIcon(FieldMarker::icon(FieldMarker::Level::Error));
            m_form->showProblem(problem);
            return false;
        }
    }
    SlurmHost::saveAll(m_hosts);
    emit hostsSaved(m_hosts);
    return true;
}

void SlurmHostsDialog::accept()
{
    if (save())
        QDialog::accept();
}

void SlurmHostsDialog::updateState()
{
    const bool any = m_list->currentRow() >= 0;
    static_cast<QStackedLayout *>(m_form->parentWidget()->layout())
        ->setCurrentWidget(any ? static_cast<QWidget *>(m_form) : m_empty);
    m_remove->setEnabled(any);
}

} // namespace mltf::ui
