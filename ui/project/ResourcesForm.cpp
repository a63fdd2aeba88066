#include "project/ResourcesForm.h"

#include "common/StringListEditor.h"
#include "project/GpuRequest.h"
#include "project/ProjectDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mltf::ui {

using project::GatewayConfig;
using project::ProjectFileKind;
using project::SlurmConfig;
using Target = project::Project::Target;

namespace {

// Characters that can never reach an #SBATCH line or a shell through these fields.
const char *const NamePattern = "[A-Za-z0-9_.,:+=@%/-]*";

QValidator *patternValidator(const QString &pattern, QObject *parent)
{
    return new QRegularExpressionValidator(QRegularExpression(pattern), parent);
}

QString spinText(const QSpinBox *spin)
{
    return spin->value() == 0 ? QString() : QString::number(spin->value());
}

} // namespace

ResourcesForm::ResourcesForm(ProjectDocument *document, QWidget *parent)
    : ProjectForm(document, parent), m_vocabulary(new QComboBox)
{
    m_vocabulary->setObjectName(QStringLiteral("vocabulary"));
    m_vocabulary->addItem(tr("SLURM via mlflow-slurm (slurm_config.json)"));
    m_vocabulary->addItem(tr("MLTF gateway (gateway_config.json)"));
    m_vocabulary->setToolTip(tr("Which backend the job goes to; the project is also checked for it."));

    auto *where = new QGroupBox(tr("Where"));
    auto *whereForm = new QFormLayout(where);
    whereForm->addRow(tr("&Submit to:"), m_vocabulary);
    addLineEdit(whereForm, tr("&Partition:"), QStringLiteral("partition"), QString::fromLatin1(NamePattern),
                {QStringLiteral("partition"), QStringLiteral("partition"), &SlurmConfig::partition,
                 &GatewayConfig::partition});
    addLineEdit(whereForm, tr("&Account:"), QStringLiteral("account"), QString::fromLatin1(NamePattern),
                {QStringLiteral("account"), QStringLiteral("account"), &SlurmConfig::account, &GatewayConfig::account});
    addLineEdit(whereForm, tr("&Job name:"), QStringLiteral("jobName"), QString::fromLatin1(NamePattern),
                {QStringLiteral("job-name"), QStringLiteral("job_name"), &SlurmConfig::jobName, &GatewayConfig::jobName});

    auto *size = new QGroupBox(tr("Size"));
    auto *sizeForm = new QFormLayout(size);
    addSpinBox(sizeForm, tr("N&odes:"), QStringLiteral("nodes"), 10000,
               {QStringLiteral("nodes"), QStringLiteral("nodes"), &SlurmConfig::nodes, &GatewayConfig::nodes});
    addSpinBox(sizeForm, tr("&Tasks:"), QStringLiteral("ntasks"), 100000,
               {QStringLiteral("ntasks"), QString(), &SlurmConfig::ntasks, nullptr});
    addSpinBox(sizeForm, tr("&CPUs per task:"), QStringLiteral("cpusPerTask"), 1024,
               {QStringLiteral("cpus-per-task"), QStringLiteral("cpus-per-task"), &SlurmConfig::cpusPerTask,
                &GatewayConfig::cpusPerTask});
    m_gpuCount = new QSpinBox;
    m_gpuCount->setObjectName(QStringLiteral("gpuCount"));
    m_gpuCount->setRange(0, 64);
    m_gpuCount->setSpecialValueText(tr("none"));
    m_gpuType = new QLineEdit;
    m_gpuType->setObjectName(QStringLiteral("gpuType"));
    m_gpuType->setPlaceholderText(tr("any (e.g. nvidia_rtx_a6000)"));
    m_gpuType->setValidator(patternValidator(QStringLiteral("[A-Za-z0-9_.-]*"), m_gpuType));
    sizeForm->addRow(tr("&GPUs:"), m_gpuCount);
    sizeForm->addRow(tr("GPU t&ype:"), m_gpuType);
    m_memory = new QLineEdit;
    m_memory->setObjectName(QStringLiteral("memory"));
    sizeForm->addRow(tr("&Memory:"), m_memory);
    m_time = new QLineEdit;
    m_time->setObjectName(QStringLiteral("wallTime"));
    sizeForm->addRow(tr("&Wall time:"), m_time);
    m_exclusive = new QCheckBox(tr("E&xclusive node"));
    m_exclusive->setObjectName(QStringLiteral("exclusive"));
    sizeForm->addRow(QString(), m_exclusive);

    auto *software = new QGroupBox(tr("Software"));
    auto *softwareForm = new QFormLayout(software);
    m_modules = new StringListEditor;
    m_modules->setObjectName(QStringLiteral("modules"));
    m_modules->setPlaceholder(QStringLiteral("Python/3.10.4"));
    m_modules->setItemValidator([](const QString &text) {
        static const QRegularExpression ok(QStringLiteral("^[A-Za-z0-9_./+-]+$"));
        return ok.match(text).hasMatch() ? QString() : tr("A module name has no spaces or shell characters");
    });
    m_environment = new StringListEditor;
    m_environment->setObjectName(QStringLiteral("environment"));
    m_environment->setPlaceholder(QStringLiteral("OMP_NUM_THREADS=4"));
    m_environment->setItemValidator([](const QString &text) {
        static const QRegularExpression ok(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*=[^\\n\\r`$;&|<>]*$"));
        return ok.match(text).hasMatch() ? QString() : tr("Expected NAME=value without shell characters");
    });
    softwareForm->addRow(tr("Mo&dules:"), m_modules);
    softwareForm->addRow(tr("En&vironment variables:"), m_environment);
    m_debug = new QCheckBox(tr("De&bug output from the gateway"));
    m_debug->setObjectName(QStringLiteral("debug"));
    softwareForm->addRow(QString(), m_debug);

    auto *mail = new QGroupBox(tr("Notifications"));
    m_mailBox = mail;
    auto *mailForm = new QFormLayout(mail);
    m_mailUser = new QLineEdit;
    m_mailUser->setObjectName(QStringLiteral("mailUser"));
    m_mailUser->setPlaceholderText(QStringLiteral("name@example.edu"));
    m_mailUser->setValidator(patternValidator(QStringLiteral("[A-Za-z0-9_.+@-]*"), m_mailUser));
    m_mailType = new QComboBox;
    m_mailType->setObjectName(QStringLiteral("mailType"));
    m_mailType->setEditable(true);
    m_mailType->addItems({QString(), QStringLiteral("NONE"), QStringLiteral("BEGIN"), QStringLiteral("END"),
                          QStringLiteral("FAIL"), QStringLiteral("END,FAIL"), QStringLiteral("ALL")});
    m_mailType->setValidator(patternValidator(QStringLiteral("[A-Z_,0-9]*"), m_mailType));
    mailForm->addRow(tr("Ma&il to:"), m_mailUser);
    mailForm->addRow(tr("Mail &when:"), m_mailType);
    m_forms = {whereForm, sizeForm, softwareForm, mailForm};

    auto *layout = new QVBoxLayout(body());
    layout->addWidget(where);
    layout->addWidget(size);
    layout->addWidget(software);
    layout->addWidget(mail);
    layout->addStretch();

    for (ProjectFileKind kind : {ProjectFileKind::SlurmConfig, ProjectFileKind::GatewayConfig}) {
        registerField(kind, QStringLiteral("gres"), m_gpuCount);
        registerField(kind, QStringLiteral("mem"), m_memory);
        registerField(kind, QStringLiteral("time"), m_time);
    }
    registerField(ProjectFileKind::SlurmConfig, QStringLiteral("gpus_per_node"), m_gpuCount);
    registerField(ProjectFileKind::SlurmConfig, QStringLiteral("modules"), m_modules);
    registerField(ProjectFileKind::SlurmConfig, QStringLiteral("environment"), m_environment);
    registerField(ProjectFileKind::SlurmConfig, QStringLiteral("mail-user"), m_mailUser);
    registerField(ProjectFileKind::SlurmConfig, QStringLiteral("mail-type"), m_mailType);
    registerField(ProjectFileKind::SlurmConfig, QStringLiteral("exclusive"), m_exclusive);
    registerField(ProjectFileKind::GatewayConfig, QStringLiteral("debug"), m_debug);

    connect(m_vocabulary, &QComboBox::activated, this, [this](int index) {
        if (!isRefreshing())
            this->document()->setTarget(index == 1 ? Target::Gateway : Target::Slurm);
    });
    connect(m_gpuCount, &QSpinBox::valueChanged, this, [this](int count) { setGpu(m_gpuType->text(), count); });
    connect(m_gpuType, &QLineEdit::textEdited, this, [this](const QString &type) {
        setGpu(type, qMax(1, m_gpuCount->value()));
    });
    connect(m_memory, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues(
            [&](ProjectValues &v) {
                if (isGateway())
                    v.gateway.mem = text;
                else
                    v.slurm.mem = text;
            },
            tr("Edit memory"), QStringLiteral("mem"));
    });
    connect(m_time, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues(
            [&](ProjectValues &v) {
                if (isGateway())
                    v.gateway.time = text;
                else
                    v.slurm.time = text;
            },
            tr("Edit wall time"), QStringLiteral("time"));
    });
    connect(m_exclusive, &QCheckBox::toggled, this, [this](bool on) {
        editValues(
            [&](ProjectValues &v) {
                v.slurm.exclusive = on ? std::optional<bool>(true)
                                       : (v.slurm.exclusive ? std::optional<bool>(false) : std::nullopt);
            },
            tr("Edit exclusive"));
    });
    connect(m_debug, &QCheckBox::toggled, this, [this](bool on) {
        editValues(
            [&](ProjectValues &v) {
                v.gateway.debug = on ? std::optional<bool>(true)
                                     : (v.gateway.debug ? std::optional<bool>(false) : std::nullopt);
            },
            tr("Edit debug"));
    });
    connect(m_modules, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.slurm.modules = items; }, tr("Edit modules"));
    });
    connect(m_environment, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.slurm.environment = items; }, tr("Edit environment variables"));
    });
    connect(m_mailUser, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues([&](ProjectValues &v) { v.slurm.mailUser = text; }, tr("Edit mail address"),
                   QStringLiteral("mailUser"));
    });
    connect(m_mailType, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        editValues([&](ProjectValues &v) { v.slurm.mailType = text; }, tr("Edit mail type"),
                   QStringLiteral("mailType"));
    });
}

QLineEdit *ResourcesForm::addLineEdit(QFormLayout *form, const QString &label, const QString &objectName,
                                      const QString &pattern, const SharedField &field)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setValidator(patternValidator(pattern, edit));
    form->addRow(label, edit);
    m_sharedFields.append({edit, field});
    registerField(ProjectFileKind::SlurmConfig, field.slurmKey, edit);
    if (field.gateway)
        registerField(ProjectFileKind::GatewayConfig, field.gatewayKey, edit);
    connect(edit, &QLineEdit::textEdited, this, [this, field](const QString &text) {
        editValues(
            [&](ProjectValues &v) {
                if (isGateway())
                    v.gateway.*field.gateway = text;
                else
                    v.slurm.*field.slurm = text;
            },
            tr("Edit %1").arg(isGateway() ? field.gatewayKey : field.slurmKey), field.slurmKey);
    });
    return edit;
}

QSpinBox *ResourcesForm::addSpinBox(QFormLayout *form, const QString &label, const QString &objectName, int maximum,
                                    const SharedField &field)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(objectName);
    spin->setRange(0, maximum);
    spin->setSpecialValueText(tr("not set"));
    form->addRow(label, spin);
    m_sharedFields.append({spin, field});
    registerField(ProjectFileKind::SlurmConfig, field.slurmKey, spin);
    if (field.gateway)
        registerField(ProjectFileKind::GatewayConfig, field.gatewayKey, spin);
    connect(spin, &QSpinBox::valueChanged, this, [this, field, spin] {
        editValues(
            [&](ProjectValues &v) {
                if (isGateway() && field.gateway)
                    v.gateway.*field.gateway = spinText(spin);
                else if (!isGateway())
                    v.slurm.*field.slurm = spinText(spin);
            },
            tr("Edit %1").arg(isGateway() ? field.gatewayKey : field.slurmKey), field.slurmKey);
    });
    return spin;
}

void ResourcesForm::setGpu(const QString &type, int count)
{
    editValues(
        [&](ProjectValues &v) {
            GpuRequest request;
            request.type = type;
            request.count = count;
            if (isGateway()) {
                v.gateway.gres = request.applyToGres(v.gateway.gres);
                return;
            }
            // Keep writing gpus_per_node when that is what the file uses.
            if (!GpuRequest::fromGres(v.slurm.gres).found && !v.slurm.gpusPerNode.isEmpty())
                v.slurm.gpusPerNode = request.toGpusPerNode();
            else
                v.slurm.gres = request.applyToGres(v.slurm.gres);
        },
        tr("Edit GPUs"), QStringLiteral("gpu"));
}

bool ResourcesForm::isGateway() const
{
    return document()->target() == Target::Gateway;
}

QList<ProjectFileKind> ResourcesForm::files() const
{
    return {isGateway() ? ProjectFileKind::GatewayConfig : ProjectFileKind::SlurmConfig};
}

void ResourcesForm::editValues(const std::function<void(ProjectValues &)> &change, const QString &description,
                               const QString &mergeKey)
{
    if (isRefreshing())
        return;
    ProjectValues values = document()->values();
    change(values);
    document()->edit(values, description, mergeKey);
}

void ResourcesForm::setRowVisible(QWidget *field, bool visible)
{
    for (QFormLayout *form : std::as_const(m_forms)) {
        int row = -1;
        QFormLayout::ItemRole role;
        form->getWidgetPosition(field, &row, &role);
        if (row >= 0) {
            form->setRowVisible(row, visible);
            return;
        }
    }
}

void ResourcesForm::refreshFields()
{
    const project::Project &p = document()->project();
    const bool gateway = isGateway();
    const ProjectFileKind file = files().constFirst();
    if (m_vocabulary->currentIndex() != (gateway ? 1 : 0))
        m_vocabulary->setCurrentIndex(gateway ? 1 : 0);
    const bool readable = !p.hasFile(file) || p.isParseable(file);
    body()->setEnabled(document()->isOpen());
    // The vocabulary stays choosable; the fields of an unreadable file do not.
    for (QWidget *field : body()->findChildren<QWidget *>()) {
        if (field != m_vocabulary && !qobject_cast<QGroupBox *>(field) && field->parentWidget() &&
            qobject_cast<QGroupBox *>(field->parentWidget()))
            field->setEnabled(readable);
    }
    if (!readable)
        setBanner(tr("%1 could not be read, so it cannot be edited here and will not be overwritten. See the "
                     "problems below; some have a fix.")
                      .arg(p.fileName(file)));
    else if (!p.hasFile(file) && document()->isOpen())
        setBanner(tr("There is no %1 yet: filling in this form creates it.").arg(p.fileName(file)));
    else
        setBanner({});

    const SlurmConfig slurm = p.slurmConfig();
    const GatewayConfig gw = p.gatewayConfig();
    for (const auto &[widget, field] : std::as_const(m_sharedFields)) {
        const bool available = !gateway || field.gateway;
        setRowVisible(widget, available);
        const QString value = !available ? QString() : gateway ? gw.*field.gateway : slurm.*field.slurm;
        if (auto *edit = qobject_cast<QLineEdit *>(widget)) {
            if (edit->text() != value)
                edit->setText(value);
        } else if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
            if (spin->value() != value.toInt())
                spin->setValue(value.toInt());
        }
    }

    const GpuRequest gpu = gateway ? GpuRequest::fromGres(gw.gres)
                                   : (GpuRequest::fromGres(slurm.gres).found ? GpuRequest::fromGres(slurm.gres)
                                                                             : GpuRequest::fromGpusPerNode(slurm.gpusPerNode));
    if (m_gpuCount->value() != gpu.count)
        m_gpuCount->setValue(gpu.count);
    if (m_gpuType->text() != gpu.type)
        m_gpuType->setText(gpu.type);

    if (!m_validatorsForGateway || *m_validatorsForGateway != gateway) {
        m_validatorsForGateway = gateway;
        delete m_memory->validator();
        m_memory->setValidator(patternValidator(
            gateway ? QStringLiteral("[0-9]*") : QStringLiteral("[0-9]*[KMGTkmgt]?"), m_memory));
        m_memory->setPlaceholderText(gateway ? tr("MB, e.g. 8192") : tr("e.g. 4G (MB without a unit)"));
        delete m_time->validator();
        m_time->setValidator(patternValidator(
            gateway ? QStringLiteral("[0-9]*") : QStringLiteral("[0-9:-]*|[A-Za-z]*"), m_time));
        m_time->setPlaceholderText(gateway ? tr("seconds, e.g. 3600") : tr("e.g. 8:00:00 or 1-00:00:00"));
    }
    const QString mem = gateway ? gw.mem : slurm.mem;
    if (m_memory->text() != mem)
        m_memory->setText(mem);
    const QString time = gateway ? gw.time : slurm.time;
    if (m_time->text() != time)
        m_time->setText(time);

    setRowVisible(m_exclusive, !gateway);
    setRowVisible(m_modules, !gateway);
    setRowVisible(m_environment, !gateway);
    m_mailBox->setVisible(!gateway);
    setRowVisible(m_debug, gateway);
    m_exclusive->setChecked(slurm.exclusive.value_or(false));
    m_debug->setChecked(gw.debug.value_or(false));
    m_modules->setItems(slurm.modules);
    m_environment->setItems(slurm.environment);
    if (m_mailUser->text() != slurm.mailUser)
        m_mailUser->setText(slurm.mailUser);
    if (m_mailType->currentText() != slurm.mailType)
        m_mailType->setCurrentText(slurm.mailType);
}

} // namespace mltf::ui
