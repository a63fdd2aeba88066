#include "submit/SlurmHostForm.h"

#include "common/StringListEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace mltf::ui {

using submit::SlurmHost;

namespace {

StringListEditor *listEditor(const QString &placeholder)
{
    auto *editor = new StringListEditor;
    editor->setPlaceholder(placeholder);
    editor->setMinimumHeight(90);
    return editor;
}

} // namespace

SlurmHostForm::SlurmHostForm(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit)
    , m_mode(new QComboBox)
    , m_host(new QLineEdit)
    , m_user(new QLineEdit)
    , m_port(new QSpinBox)
    , m_identityFile(new QLineEdit)
    , m_sshOptions(listEditor(QStringLiteral("ServerAliveInterval=30")))
    , m_remoteBaseDir(new QLineEdit)
    , m_launchMode(new QComboBox)
    , m_envManager(new QComboBox)
    , m_modules(listEditor(QStringLiteral("cuda/12.2")))
    , m_activation(new QLineEdit)
    , m_environment(listEditor(QStringLiteral("NCCL_IB_DISABLE=1")))
    , m_partitions(listEditor(QStringLiteral("gpu")))
    , m_gpuTypes(listEditor(QStringLiteral("nvidia_rtx_a6000")))
    , m_problem(new QLabel)
{
    m_name->setObjectName(QStringLiteral("hostName"));
    m_host->setObjectName(QStringLiteral("sshHost"));
    m_user->setObjectName(QStringLiteral("user"));
    m_remoteBaseDir->setObjectName(QStringLiteral("remoteBaseDir"));
    m_mode->addItem(tr("Over SSH"), int(SlurmHost::Mode::Ssh));
    m_mode->addItem(tr("On this computer (it is the login node)"), int(SlurmHost::Mode::Local));
    m_host->setPlaceholderText(tr("an alias from ~/.ssh/config, or login.example.edu"));
    m_user->setPlaceholderText(tr("from ~/.ssh/config"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default"));
    m_identityFile->setPlaceholderText(tr("the SSH agent and ~/.ssh/config"));
    m_remoteBaseDir->setToolTip(tr("Each task gets its own folder below this one on the host."));
    m_launchMode->addItem(tr("mlflow run (MLflow builds the environment)"),
                          int(SlurmHost::LaunchMode::MlflowRun));
    m_launchMode->addItem(tr("The entry point command, in my environment"),
                          int(SlurmHost::LaunchMode::Direct));
    m_envManager->addItem(tr("MLflow's default"), QString());
    for (const char *manager : {"local", "virtualenv", "conda", "uv"})
        m_envManager->addItem(QString::fromLatin1(manager), QString::fromLatin1(manager));
    m_activation->setPlaceholderText(QStringLiteral("source ~/envs/torch/bin/activate"));
    m_problem->setObjectName(QStringLiteral("hostProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_problem->hide();

    auto *connection = new QWidget;
    auto *connectionForm = new QFormLayout(connection);
    connectionForm->addRow(tr("&Name:"), m_name);
    connectionForm->addRow(tr("&Reach it:"), m_mode);
    connectionForm->addRow(tr("SSH &host:"), m_host);
    connectionForm->addRow(tr("&User:"), m_user);
    connectionForm->addRow(tr("&Port:"), m_port);
    connectionForm->addRow(tr("&Key file:"), m_identityFile);
    connectionForm->addRow(tr("SSH &options:"), m_sshOptions);

    auto *jobs = new QWidget;
    auto *jobsForm = new QFormLayout(jobs);
    jobsForm->addRow(tr("Remote &folder:"), m_remoteBaseDir);
    jobsForm->addRow(tr("&Launch:"), m_launchMode);
    jobsForm->addRow(tr("&Environment manager:"), m_envManager);
    jobsForm->addRow(tr("&Modules:"), m_modules);
    jobsForm->addRow(tr("&Activation:"), m_activation);
    jobsForm->addRow(tr("E&xports:"), m_environment);

    auto *presets = new QWidget;
    auto *presetsForm = new QFormLayout(presets);
    presetsForm->addRow(tr("P&artitions:"), m_partitions);
    presetsForm->addRow(tr("&GPU types:"), m_gpuTypes);

    auto *tabs = new QTabWidget;
    tabs->addTab(connection, tr("Connection"));
    tabs->addTab(jobs, tr("Jobs"));
    tabs->addTab(presets, tr("Site presets"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_problem);

    const auto changed = [this] {
        if (m_updating)
            return;
        updateEnabled();
        emit edited();
    };
    for (QLineEdit *field : {m_name, m_host, m_user, m_identityFile, m_remoteBaseDir, m_activation})
        connect(field, &QLineEdit::textEdited, this, changed);
    for (QComboBox *box : {m_mode, m_launchMode, m_envManager})
        connect(box, &QComboBox::currentIndexChanged, this, changed);
    connect(m_port, &QSpinBox::valueChanged, this, changed);
    for (StringListEditor *list : {m_sshOptions, m_modules, m_environment, m_partitions, m_gpuTypes})
        connect(list, &StringListEditor::edited, this, changed);
    updateEnabled();
}

void SlurmHostForm::setHost(const SlurmHost &h)
{
    m_updating = true;
    m_name->setText(h.name);
    m_mode->setCurrentIndex(m_mode->findData(int(h.mode)));
    m_host->setText(h.host);
    m_user->setText(h.user);
    m_port->setValue(h.port);
    m_identityFile->setText(h.identityFile);
    m_sshOptions->setItems(h.sshOptions);
    m_remoteBaseDir->setText(h.remoteBaseDir);
    m_launchMode->setCurrentIndex(m_launchMode->findData(int(h.launchMode)));
    const int manager = m_envManager->findData(h.envManager);
    if (manager < 0) // a value from a newer version or a hand-edited file: shown, and validate() says so
        m_envManager->addItem(h.envManager, h.envManager);
    m_envManager->setCurrentIndex(m_envManager->findData(h.envManager));
    m_modules->setItems(h.modules);
    m_activation->setText(h.activation);
    m_environment->setItems(h.environment);
    m_partitions->setItems(h.partitions);
    m_gpuTypes->setItems(h.gpuTypes);
    m_updating = false;
    updateEnabled();
}

SlurmHost SlurmHostForm::host() const
{
    SlurmHost h;
    h.name = m_name->text().trimmed();
    h.mode = SlurmHost::Mode(m_mode->currentData().toInt());
    h.host = m_host->text().trimmed();
    h.user = m_user->text().trimmed();
    h.port = m_port->value();
    h.identityFile = m_identityFile->text().trimmed();
    h.sshOptions = m_sshOptions->items();
    h.remoteBaseDir = m_remoteBaseDir->text().trimmed();
    h.launchMode = SlurmHost::LaunchMode(m_launchMode->currentData().toInt());
    h.envManager = m_envManager->currentData().toString();
    h.modules = m_modules->items();
    h.activation = m_activation->text().trimmed();
    h.environment = m_environment->items();
    h.partitions = m_partitions->items();
    h.gpuTypes = m_gpuTypes->items();
    return h;
}

void SlurmHostForm::showProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void SlurmHostForm::updateEnabled()
{
    const bool ssh = SlurmHost::Mode(m_mode->currentData().toInt()) == SlurmHost::Mode::Ssh;
    for (QWidget *w : std::initializer_list<QWidget *>{m_host, m_user, m_port, m_identityFile, m_sshOptions})
        w->setEnabled(ssh);
    const bool mlflowRun =
        SlurmHost::LaunchMode(m_launchMode->currentData().toInt()) == SlurmHost::LaunchMode::MlflowRun;
    m_envManager->setEnabled(mlflowRun);
}

} // namespace mltf::ui
