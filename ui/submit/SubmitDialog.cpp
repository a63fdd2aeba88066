#include "submit/SubmitDialog.h"

#include "common/FieldMarker.h"
#include "runs/AsyncResult.h"
#include "submit/BatchScriptWriter.h"
#include "submit/EntryPointCommand.h"
#include "submit/GatewaySubmitter.h"
#include "tracking/Store.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace mltf::ui {

namespace {

// The error diagnostics of the project for one target, one line each. A finding about a parameter itself
// ("entry_points.main.parameters.epochs": no default, which the gateway CLI cannot give) is left to the
// dialog, whose fields give every parameter a value and check it (checkParameter).
QStringList errorLines(const project::Project &project, project::Project::Target target)
{
    static const QRegularExpression parameterPath(
        QStringLiteral("^entry_points\\.[^.]+\\.parameters\\.[^.]+$"));
    QStringList lines;
    for (const project::Diagnostic &d : project.diagnostics(target)) {
        if (d.severity != project::Diagnostic::Severity::Error)
            continue;
        if (d.file == QLatin1String("MLproject") && parameterPath.match(d.path).hasMatch())
            continue;
        lines << d.toString();
    }
    return lines;
}

constexpr int kHostRole = Qt::UserRole + 1;
constexpr int kGatewayRole = Qt::UserRole + 2;
const QString kDefaultExperiment = QStringLiteral("Default");

int stepIndex(submit::Submitter::Step step)
{
    return int(step); // Checking … Submitting, then Done: the enum is in submission order
}

} // namespace

SubmitDialog::SubmitDialog(const project::Project &project, submit::Submitter *submitter,
                           const QVector<submit::SlurmHost> &hosts, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_submitter(submitter)
    , m_hosts(hosts)
    , m_entryPoint(new QComboBox)
    , m_parametersBox(new QGroupBox(tr("Parameters")))
    , m_parameters(new QFormLayout)
    , m_experiment(new QComboBox)
    , m_runName(new QLineEdit)
    , m_target(new QComboBox)
    , m_partition(new QComboBox)
    , m_resourcesBox(new QGroupBox)
    , m_resources(new QLabel)
    , m_form(new QFormLayout)
    , m_step(new QLabel)
    , m_progress(new QProgressBar)
    , m_error(new QLabel)
    , m_problems(new QLabel)
    , m_warnings(new QLabel)
    , m_buttons(new QDialogButtonBox)
    , m_filesButton(new QPushButton)
    , m_files(new QTreeWidget)
{
    setObjectName(QStringLiteral("submitDialog"));
    const QString projectName =
        m_project.mlProject().name.isEmpty() ? QDir(m_project.dir()).dirName() : m_project.mlProject().name;
    setWindowTitle(tr("Submit %1").arg(projectName));

    auto *projectLabel = new QLabel(
        QStringLiteral("<b>%1</b><br><span style='color: palette(mid)'>%2</span>")
            .arg(projectName.toHtmlEscaped(), QDir::toNativeSeparators(m_project.dir()).toHtmlEscaped()));
    projectLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_entryPoint->setObjectName(QStringLiteral("entryPoint"));
    m_experiment->setObjectName(QStringLiteral("experiment"));
    m_experiment->setEditable(true);
    m_experiment->setInsertPolicy(QComboBox::NoInsert);
    m_experiment->setEditText(kDefaultExperiment);
    m_experiment->setToolTip(
        tr("The MLflow experiment the run goes into; a new name creates the experiment."));
    m_runName->setObjectName(QStringLiteral("runName"));
    m_runName->setPlaceholderText(tr("chosen by the tracking server"));
    m_target->setObjectName(QStringLiteral("target"));
    m_partition->setObjectName(QStringLiteral("partition"));
    m_partition->setEditable(true);
    m_partition->setInsertPolicy(QComboBox::NoInsert);
    m_partition->lineEdit()->setPlaceholderText(tr("the cluster's default"));
    m_partition->setToolTip(tr("The project's partition (slurm_config.json), or one of the host's presets."));

    auto *form = m_form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Project:"), projectLabel);
    form->addRow(tr("&Entry point:"), m_entryPoint);
    form->addRow(tr("E&xperiment:"), m_experiment);
    form->addRow(tr("&Run name:"), m_runName);
    form->addRow(tr("&Target:"), m_target);
    form->addRow(tr("&Partition:"), m_partition);

    m_parametersBox->setLayout(m_parameters);
    m_parameters->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *resourcesBox = m_resourcesBox;
    auto *resourcesLayout = new QVBoxLayout(resourcesBox);
    m_resources->setObjectName(QStringLiteral("resourcesSummary"));
    m_resources->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resources->setWordWrap(true);
    resourcesLayout->addWidget(m_resources);
    auto *resourcesHint = new QLabel(tr("Edit them on the Project page (Resources tab)."));
    resourcesHint->setEnabled(false);
    resourcesLayout->addWidget(resourcesHint);

    m_step->setObjectName(QStringLiteral("step"));
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, stepIndex(submit::Submitter::Step::Done) * 100);
    m_progress->setTextVisible(false);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setStyleSheet(QStringLiteral("QLabel { color: #b26a00; }"));

    m_warnings->setObjectName(QStringLiteral("warnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setStyleSheet(QStringLiteral("QLabel { color: #b26a00; }"));
    m_warnings->setVisible(false);

    m_filesButton->setObjectName(QStringLiteral("filesButton"));
    m_filesButton->setCheckable(true);
    m_filesButton->setFlat(true);
    m_filesButton->setStyleSheet(QStringLiteral("QPushButton { text-align: left; }"));
    m_filesButton->setToolTip(
        tr("What is packed and sent, largest first (.gitignore and .mltfignore honoured)."));
    m_files->setObjectName(QStringLiteral("filesList"));
    m_files->setRootIsDecorated(false);
    m_files->setColumnCount(2);
    m_files->setHeaderLabels({tr("File"), tr("Size")});
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_files->setMaximumHeight(180);
    m_files->setVisible(false);
    connect(m_filesButton, &QPushButton::toggled, m_files, &QWidget::setVisible);
    form->addRow(tr("Files to send:"), m_filesButton);
    m_slurmErrors = errorLines(m_project, project::Project::Target::Slurm);
    m_gatewayErrors = errorLines(m_project, project::Project::Target::Gateway);

    m_submitButton = m_buttons->addButton(tr("&Submit"), QDialogButtonBox::AcceptRole);
    m_submitButton->setDefault(true);
    m_cancelButton = m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_submitButton, &QPushButton::clicked, this, &SubmitDialog::startSubmit);
    connect(m_cancelButton, &QPushButton::clicked, this, &SubmitDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_files);
    layout->addWidget(m_parametersBox);
    layout->addWidget(resourcesBox);
    layout->addStretch(1);
    layout->addWidget(m_step);
    layout->addWidget(m_progress);
    layout->addWidget(m_problems);
    layout->addWidget(m_warnings);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_inputs = {m_entryPoint, m_parametersBox, m_experiment, m_runName, m_target, m_partition};

    // Targets: the configured SLURM hosts, then the gateway (enabled by setGatewaySubmitter()).
    auto *targets = qobject_cast<QStandardItemModel *>(m_target->model());
    for (const submit::SlurmHost &host : std::as_const(m_hosts)) {
        m_target->addItem(tr("%1 — SLURM on %2").arg(host.name, host.displayTarget()), host.name);
        m_target->setItemData(m_target->count() - 1, host.name, kHostRole);
    }
    if (m_hosts.isEmpty()) {
        m_target->addItem(tr("No SLURM hosts yet (Settings › SLURM Hosts…)"));
        targets->item(0)->setEnabled(false);
    }
    m_target->insertSeparator(m_target->count());
    m_target->addItem(tr("MLTF gateway"));
    QStandardItem *gateway = targets->item(m_target->count() - 1);
    gateway->setData(true, kGatewayRole);
    gateway->setEnabled(false);
    gateway->setToolTip(tr("Set the gateway's address in Settings › MLTF Gateway… to submit through it."));
    gateway->setData(gateway->toolTip(), Qt::ToolTipRole);
    m_target->setCurrentIndex(0);
    m_partition->setEditText(m_project.slurmConfig().partition);
    fillPartitions();

    fillEntryPoints();
    connect(m_entryPoint, &QComboBox::currentIndexChanged, this, &SubmitDialog::rebuildParameters);
    connect(m_experiment, &QComboBox::editTextChanged, this, &SubmitDialog::validate);
    showTargetResources();
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        fillPartitions();
        showTargetResources();
        validate();
    });
    connect(m_partition, &QComboBox::editTextChanged, this, &SubmitDialog::validate);

    if (m_submitter)
        connectSubmitter(m_submitter);
    setSubmitting(false);
    scanFiles();
    resize(560, sizeHint().height());
}

SubmitDialog::~SubmitDialog()
{
    if (m_scanCancel)
        *m_scanCancel = true;
}

void SubmitDialog::setPackerOptions(const project::Packer::Options &options)
{
    m_packerOptions = options;
    scanFiles();
}

// Packer::scan walks the whole folder: on a worker thread, cancelled when abandoned.
void SubmitDialog::scanFiles()
{
    if (m_scanCancel)
        *m_scanCancel = true;
    m_scanCancel = std::make_shared<std::atomic_bool>(false);
    const int generation = ++m_scanGeneration;
    m_scanning = true;
    m_filesButton->setText(tr("Counting files…"));
    m_filesButton->setEnabled(false);
    const QFuture<Result<project::PackPlan>> future =
        QtConcurrent::run([root = m_project.dir(), options = m_packerOptions, cancel = m_scanCancel] {
            return project::Packer::scan(root, options, cancel.get());
        });
    AsyncResult::watch(future, this, [this, generation](const Result<project::PackPlan> &plan) {
        if (generation == m_scanGeneration)
            showFiles(plan);
    });
}

void SubmitDialog::showFiles(const Result<project::PackPlan> &plan)
{
    m_scanning = false;
    m_files->clear();
    if (!plan.ok()) {
        m_packProblem = plan.error().message;
        m_filesButton->setText(tr("Files: none (the project folder cannot be read)"));
    } else {
        const project::PackPlan &p = plan.value();
        m_packProblem = p.refusal().message;
        for (const project::PackedFile &file : p.largestFirst()) {
            auto *item = new QTreeWidgetItem(m_files, {file.path, project::Packer::formatSize(file.size)});
            item->setData(1, Qt::UserRole, file.size);
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
        m_filesButton->setText(tr("Files… (%1)").arg(p.summary()));
        m_filesButton->setEnabled(true);
    }
    validate();
    emit filesScanned();
}

// Answers count only from the submitter that was asked (both may live side by side).
void SubmitDialog::connectSubmitter(submit::Submitter *submitter)
{
    connect(submitter, &submit::Submitter::submitProgress, this,
            [this, submitter](submit::Submitter::Step step, qint64 done, qint64 total) {
                if (submitter == m_active)
                    onProgress(step, done, total);
            });
    connect(submitter, &submit::Submitter::submitted, this, [this, submitter](const submit::Task &task) {
        if (submitter == m_active)
            onSubmitted(task);
    });
    connect(submitter, &submit::Submitter::submitFailed, this, [this, submitter](const Error &error) {
        if (submitter == m_active)
            onFailed(error);
    });
}

void SubmitDialog::setGatewaySubmitter(submit::Submitter *gateway, const QDateTime &tokenExpiresAt)
{
    if (!gateway || m_gateway)
        return;
    m_gateway = gateway;
    m_tokenExpiresAt = tokenExpiresAt;
    connectSubmitter(gateway);
    const int row = m_target->findData(true, kGatewayRole);
    auto *targets = qobject_cast<QStandardItemModel *>(m_target->model());
    QStandardItem *item = targets->item(row);
    item->setEnabled(true);
    item->setToolTip(tr("Submit through the MLTF gateway with your sign-in."));
    item->setData(item->toolTip(), Qt::ToolTipRole);
    if (m_hosts.isEmpty())
        m_target->setCurrentIndex(row);
    validate();
}

bool SubmitDialog::isGatewayChosen() const
{
    return m_target->currentData(kGatewayRole).toBool();
}

submit::Submitter *SubmitDialog::chosenSubmitter() const
{
    return isGatewayChosen() ? m_gateway.data() : m_submitter.data();
}

void SubmitDialog::setStore(std::shared_ptr<tracking::Store> store)
{
    m_store = std::move(store);
    loadExperiments();
    validate();
}

QString SubmitDialog::resourcesSummary(const project::SlurmConfig &c, bool hasFile)
{
    if (!hasFile)
        return tr("The project has no slurm_config.json: the cluster's defaults apply.");
    QStringList lines;
    const auto add = [&lines](const QString &label, const QString &value) {
        if (!value.isEmpty())
            lines << QStringLiteral("%1: <b>%2</b>").arg(label, value.toHtmlEscaped());
    };
    add(tr("Account"), c.account);
    add(tr("QoS"), c.qos);
    add(tr("Nodes"), c.nodes);
    add(tr("Tasks"), c.ntasks);
    add(tr("CPUs per task"), c.cpusPerTask);
    add(tr("GPUs per node"), c.gpusPerNode);
    add(tr("GRES"), c.gres);
    add(tr("Memory"), c.mem);
    add(tr("Time limit"), c.time);
    add(tr("Constraint"), c.constraint);
    if (c.exclusive.value_or(false))
        lines << tr("Exclusive node use");
    add(tr("Modules"), c.modules.join(QStringLiteral(", ")));
    if (lines.isEmpty())
        return tr("slurm_config.json asks for nothing: the cluster's defaults apply.");
    return lines.join(QStringLiteral(" · "));
}

void SubmitDialog::fillEntryPoints()
{
    const project::MLProject ml = m_project.mlProject();
    for (const project::EntryPoint &ep : ml.entryPoints)
        m_entryPoint->addItem(ep.name);
    const int main = m_entryPoint->findText(QStringLiteral("main"));
    m_entryPoint->setCurrentIndex(main >= 0 ? main : 0);
    rebuildParameters();
}

// The partitions offered are the target host's presets; what is typed (or the project's) stays.
void SubmitDialog::fillPartitions()
{
    const QString typed = m_partition->currentText();
    const QString hostName = m_target->currentData(kHostRole).toString();
    QStringList presets;
    for (const submit::SlurmHost &host : std::as_const(m_hosts)) {
        if (host.name == hostName)
            presets = host.partitions;
    }
    const QString own = m_project.slurmConfig().partition;
    if (!own.isEmpty() && !presets.contains(own))
        presets.prepend(own);
    const QSignalBlocker blocker(m_partition);
    m_partition->clear();
    m_partition->addItems(presets);
    m_partition->setEditText(typed);
}

// SLURM: slurm_config.json and a partition; the gateway: gateway_config.json, sent as it is.
void SubmitDialog::showTargetResources()
{
    const bool gateway = isGatewayChosen();
    m_form->setRowVisible(m_partition, !gateway);
    if (!gateway) {
        m_resourcesBox->setTitle(tr("Resources (slurm_config.json)"));
        m_resources->setText(resourcesSummary(m_project.slurmConfig(),
                                              m_project.hasFile(project::ProjectFileKind::SlurmConfig)));
        return;
    }
    m_resourcesBox->setTitle(tr("Resources (gateway_config.json)"));
    const QJsonObject config = request().gatewayConfig;
    m_resources->setText(
        config.isEmpty()
            ? tr("The project has no gateway_config.json: the gateway's defaults apply.")
            : QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)).toHtmlEscaped());
}

void SubmitDialog::startFrom(const submit::Task &task)
{
    const int entryPoint = m_entryPoint->findText(task.entryPoint);
    if (entryPoint >= 0)
        m_entryPoint->setCurrentIndex(entryPoint);
    for (auto it = task.params.cbegin(); it != task.params.cend(); ++it) {
        if (QLineEdit *field = parameterField(it.key()))
            field->setText(it.value());
    }
    const int host = task.backend == submit::Task::Backend::Gateway
                         ? m_target->findData(true, kGatewayRole)
                         : m_target->findData(task.slurmHost, kHostRole);
    auto *targets = qobject_cast<QStandardItemModel *>(m_target->model());
    if (host >= 0 && targets->item(host)->isEnabled())
        m_target->setCurrentIndex(host);
    const QString partition = task.resources.value(QStringLiteral("partition")).toString();
    if (!partition.isEmpty())
        m_partition->setEditText(partition);
    m_startExperimentId = task.experimentId;
    loadExperiments();
    validate();
}

void SubmitDialog::rebuildParameters()
{
    while (m_parameters->rowCount() > 0)
        m_parameters->removeRow(0);
    const project::MLProject ml = m_project.mlProject();
    const project::EntryPoint *ep = ml.entryPoint(m_entryPoint->currentText());
    if (ep && !ep->parameters.isEmpty()) {
        for (const project::Parameter &p : ep->parameters) {
            auto *field = new QLineEdit;
            field->setObjectName(QStringLiteral("param_") + p.name);
            field->setProperty("parameter", p.name);
            if (p.hasDefault)
                field->setText(p.defaultValue);
            else
                field->setPlaceholderText(tr("required"));
            auto *type = new QLabel(p.type);
            type->setEnabled(false);
            // The same width for every type keeps the fields aligned.
            type->setMinimumWidth(type->fontMetrics().horizontalAdvance(QStringLiteral("string_")));
            auto *row = new QHBoxLayout;
            row->addWidget(field, 1);
            row->addWidget(type);
            m_parameters->addRow(p.name + QLatin1Char(':'), row);
            connect(field, &QLineEdit::textChanged, this, &SubmitDialog::validate);
        }
    } else {
        auto *none = new QLabel(tr("This entry point takes no parameters."));
        none->setEnabled(false);
        m_parameters->addRow(none);
    }
    validate();
}

QLineEdit *SubmitDialog::parameterField(const QString &name) const
{
    return m_parametersBox->findChild<QLineEdit *>(QStringLiteral("param_") + name);
}

// The type check is core's (EntryPointCommand), asked about one parameter at a time so each field is marked.
QString SubmitDialog::checkParameter(const QString &name, const QString &value) const
{
    const project::MLProject ml = m_project.mlProject();
    const project::EntryPoint *ep = ml.entryPoint(m_entryPoint->currentText());
    if (!ep)
        return {};
    for (const project::Parameter &p : ep->parameters) {
        if (p.name != name)
            continue;
        if (value.isEmpty() && !p.hasDefault)
            return tr("Parameter '%1' needs a value.").arg(name);
        project::MLProject one;
        one.entryPoints = {project::EntryPoint{ep->name, {p}, QString()}};
        const auto checked = submit::EntryPointCommand::resolveParameters(one, ep->name, {{name, value}});
        return checked.ok() ? QString() : checked.error().message;
    }
    return {};
}

submit::SubmitRequest SubmitDialog::request() const
{
    submit::SubmitRequest r;
    r.projectPath = m_project.dir();
    r.entryPoint = m_entryPoint->currentText();
    for (QLineEdit *field : m_parametersBox->findChildren<QLineEdit *>()) {
        if (!field->text().isEmpty())
            r.params.insert(field->property("parameter").toString(), field->text());
    }
    r.runName = m_runName->text().trimmed();
    r.slurmHost = m_target->currentData(kHostRole).toString();
    r.slurmResources = m_project.slurmConfig();
    r.slurmResources.partition = m_partition->currentText().trimmed();
    if (isGatewayChosen() && m_project.hasFile(project::ProjectFileKind::GatewayConfig)) {
        // Forwarded as the gateway's backend config, as the CLI does (the submitter drops url/auth_token).
        QFile file(m_project.filePath(project::ProjectFileKind::GatewayConfig));
        if (file.open(QIODevice::ReadOnly))
            r.gatewayConfig = QJsonDocument::fromJson(file.readAll()).object();
    }
    return r;
}

QString SubmitDialog::problems() const
{
    QStringList found;
    if (m_entryPoint->count() == 0)
        found << tr("The MLproject declares no entry point.");
    for (QLineEdit *field : m_parametersBox->findChildren<QLineEdit *>()) {
        const QString problem = checkParameter(field->property("parameter").toString(), field->text());
        if (!problem.isEmpty())
            found << problem;
    }
    const bool gateway = isGatewayChosen();
    if (!gateway)
        found << resourceProblems();
    if (m_experiment->currentText().trimmed().isEmpty())
        found << tr("Enter an experiment name.");
    if (gateway && !m_gateway)
        found << tr("Set the gateway's address in Settings › MLTF Gateway… to submit through it.");
    if (!gateway && m_target->currentData(kHostRole).toString().isEmpty())
        found << tr("Add a SLURM host in Settings › SLURM Hosts… to submit.");
    if (!m_store)
        found << tr("No tracking server is connected; choose one on the Runs page.");
    found << (gateway ? m_gatewayErrors : m_slurmErrors);
    if (!m_packProblem.isEmpty())
        found << m_packProblem;
    return found.join(QLatin1Char('\n'));
}

// The batch script writer's own checks, so a hostile or mistyped value is refused here, before anything is
// sent. The ids and the URI are only known while submitting: stand-ins keep their checks quiet.
QStringList SubmitDialog::resourceProblems() const
{
    const submit::SubmitRequest r = request();
    submit::BatchJob job;
    job.resources = r.slurmResources;
    job.ntasksPerNode = r.ntasksPerNode;
    job.entryPoint = r.entryPoint;
    job.params = r.params;
    job.modules = r.slurmResources.modules;
    job.environment = r.slurmResources.environment;
    job.runId = job.experimentId = QStringLiteral("0");
    job.trackingUri = QStringLiteral("http://localhost");
    job.workDir = QStringLiteral("/tmp");
    return submit::BatchScriptWriter::validate(job);
}

void SubmitDialog::validate()
{
    for (QLineEdit *field : m_parametersBox->findChildren<QLineEdit *>()) {
        const QString problem = checkParameter(field->property("parameter").toString(), field->text());
        FieldMarker::mark(field, problem.isEmpty() ? FieldMarker::Level::None : FieldMarker::Level::Error,
                          problem);
    }
    if (m_submitting)
        return;
    const QString found = problems();
    m_submitButton->setEnabled(found.isEmpty());
    m_submitButton->setToolTip(found);
    m_problems->setText(found);
    m_problems->setVisible(!found.isEmpty());
    const QStringList warnings =
        isGatewayChosen()
            ? submit::GatewaySubmitter::warningsFor(m_project.mlProject(), request(), m_tokenExpiresAt)
            : QStringList();
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
}

void SubmitDialog::loadExperiments()
{
    if (!m_store)
        return;
    tracking::ExperimentSearch search;
    search.maxResults = 1000;
    AsyncResult::watch(m_store->searchExperiments(search), this,
                       [this](const Result<tracking::ExperimentsPage> &page) {
                           if (!page.ok())
                               return; // the name can still be typed
                           const QString typed = m_experiment->currentText();
                           QStringList names;
                           for (const tracking::Experiment &e : page.value().items)
                               names << e.name;
                           names.sort(Qt::CaseInsensitive);
                           QString started; // startFrom()'s experiment, by name
                           for (const tracking::Experiment &e : page.value().items) {
                               if (!m_startExperimentId.isEmpty() && e.experimentId == m_startExperimentId)
                                   started = e.name;
                           }
                           m_experiment->clear();
                           m_experiment->addItems(names);
                           m_experiment->setEditText(started.isEmpty() ? typed : started);
                           if (!started.isEmpty())
                               m_startExperimentId.clear();
                       });
}

void SubmitDialog::resolveExperiment(const std::function<void(const QString &)> &then)
{
    const QString name = m_experiment->currentText().trimmed();
    const int generation = m_generation;
    std::shared_ptr<tracking::Store> store = m_store;
    AsyncResult::watch(store->getExperimentByName(name), this,
                       [this, store, name, generation, then](const Result<tracking::Experiment> &found) {
                           if (generation != m_generation)
                               return;
                           if (found.ok())
                               return then(found.value().experimentId);
                           if (found.error().kind != Error::Kind::NotFound)
                               return onFailed(found.error());
                           AsyncResult::watch(store->createExperiment(name, {}), this,
                                              [this, generation, then](const Result<QString> &created) {
                                                  if (generation != m_generation)
                                                      return;
                                                  if (!created.ok())
                                                      return onFailed(created.error());
                                                  then(created.value());
                                              });
                       });
}

void SubmitDialog::startSubmit()
{
    if (m_submitting || !chosenSubmitter() || !m_store)
        return;
    const QString found = problems();
    if (!found.isEmpty()) {
        m_error->setText(found);
        return;
    }
    m_active = chosenSubmitter();
    setSubmitting(true);
    m_resolving = true;
    m_step->setText(tr("Finding the experiment"));
    resolveExperiment([this](const QString &experimentId) {
        m_resolving = false;
        submit::SubmitRequest r = request();
        r.experimentId = experimentId;
        if (m_active)
            m_active->submit(r);
        else
            onFailed(Error::make(Error::Kind::InvalidInput, tr("The target is gone; choose it again.")));
    });
}

void SubmitDialog::reject()
{
    if (!m_submitting)
        return QDialog::reject();
    if (m_resolving) {
        // Nothing was sent yet: just forget the experiment lookup.
        ++m_generation;
        m_resolving = false;
        setSubmitting(false);
        m_step->setText(tr("Cancelled."));
        return;
    }
    // The submitter cleans up (the run ends KILLED) and then reports the cancellation through submitFailed.
    m_cancelButton->setEnabled(false);
    m_step->setText(tr("Cancelling…"));
    if (m_active)
        m_active->cancelSubmit();
}

void SubmitDialog::setSubmitting(bool on)
{
    m_submitting = on;
    for (QWidget *input : std::as_const(m_inputs))
        input->setEnabled(!on);
    m_step->setVisible(on);
    m_progress->setVisible(on);
    m_cancelButton->setEnabled(true);
    if (on) {
        m_error->clear();
        m_progress->setValue(0);
        m_submitButton->setEnabled(false);
    } else {
        validate();
    }
    m_error->setVisible(!m_error->text().isEmpty());
}

void SubmitDialog::onProgress(submit::Submitter::Step step, qint64 done, qint64 total)
{
    if (!m_submitting)
        return;
    m_step->setText(submit::Submitter::stepText(step) + QStringLiteral("…"));
    const int within = total > 0 ? int(qBound(qint64(0), done * 100 / total, qint64(100))) : 0;
    m_progress->setValue(stepIndex(step) * 100 + within);
}

void SubmitDialog::onSubmitted(const submit::Task &task)
{
    if (!m_submitting)
        return;
    m_submitting = false;
    emit taskSubmitted(task);
    accept();
}

void SubmitDialog::onFailed(const Error &error)
{
    if (!m_submitting)
        return;
    m_resolving = false;
    showError(error);
    setSubmitting(false);
}

void SubmitDialog::showError(const Error &error)
{
    m_error->setText(error.kind == Error::Kind::Cancelled
                         ? tr("The submission was cancelled; nothing was left running.")
                         : error.message);
    m_error->setToolTip(error.detail);
    m_error->setVisible(true);
}

} // namespace mltf::ui
