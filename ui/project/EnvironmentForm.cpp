#include "project/EnvironmentForm.h"

#include "common/StringListEditor.h"
#include "project/ProjectDocument.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace mltf::ui {

using project::MLProject;
using project::ProjectFileKind;

namespace {

QString dockerVarText(const project::DockerEnvVar &var)
{
    return var.value ? var.name + QLatin1Char('=') + *var.value : var.name;
}

project::DockerEnvVar dockerVarFrom(const QString &text)
{
    project::DockerEnvVar var;
    const int eq = int(text.indexOf(QLatin1Char('=')));
    var.name = eq < 0 ? text : text.left(eq);
    if (eq >= 0)
        var.value = text.mid(eq + 1);
    return var;
}

QString requirementProblem(const QString &text)
{
    if (text.contains(QLatin1Char('\n')) || text.trimmed().startsWith(QLatin1Char('#')))
        return QCoreApplication::translate("mltf::ui::EnvironmentForm", "Not a pip requirement");
    return {};
}

} // namespace

EnvironmentForm::EnvironmentForm(ProjectDocument *document, QWidget *parent)
    : ProjectForm(document, parent), m_hint(new QLabel)
{
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("environmentHint"));
    auto *layout = new QVBoxLayout(body());
    layout->addWidget(m_hint);
    layout->addWidget(buildPythonSection());
    layout->addWidget(buildCondaSection());
    layout->addWidget(buildDockerSection());
    layout->addStretch();
}

QGroupBox *EnvironmentForm::buildPythonSection()
{
    m_pythonBox = new QGroupBox(tr("Python Environment"));
    m_python = new QLineEdit;
    m_python->setObjectName(QStringLiteral("pythonVersion"));
    m_python->setPlaceholderText(QStringLiteral("3.10.4"));
    m_python->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]+(\\.[0-9]*){0,2}([a-z]+[0-9]*)?")), m_python));
    m_python->setToolTip(tr("Written quoted, so 3.10 stays 3.10 (unquoted YAML would read 3.1)."));
    m_buildDependencies = new StringListEditor;
    m_buildDependencies->setObjectName(QStringLiteral("buildDependencies"));
    m_buildDependencies->setPlaceholder(QStringLiteral("pip"));
    m_buildDependencies->setItemValidator(requirementProblem);
    m_dependencies = new StringListEditor;
    m_dependencies->setObjectName(QStringLiteral("dependencies"));
    m_dependencies->setPlaceholder(QStringLiteral("mlflow==2.8.1"));
    m_dependencies->setItemValidator(requirementProblem);

    auto *form = new QFormLayout(m_pythonBox);
    form->addRow(tr("P&ython version:"), m_python);
    form->addRow(tr("&Build dependencies:"), m_buildDependencies);
    form->addRow(tr("De&pendencies:"), m_dependencies);
    registerField(ProjectFileKind::PythonEnv, QStringLiteral("python"), m_python);
    registerField(ProjectFileKind::PythonEnv, QStringLiteral("build_dependencies"), m_buildDependencies);
    registerField(ProjectFileKind::PythonEnv, QStringLiteral("dependencies"), m_dependencies);

    connect(m_python, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues([&](ProjectValues &v) { v.python.python = text; }, tr("Edit Python version"),
                   QStringLiteral("python"));
    });
    connect(m_buildDependencies, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.python.buildDependencies = items; }, tr("Edit build dependencies"));
    });
    connect(m_dependencies, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.python.dependencies = items; }, tr("Edit dependencies"));
    });
    return m_pythonBox;
}

QGroupBox *EnvironmentForm::buildCondaSection()
{
    m_condaBox = new QGroupBox(tr("Conda Environment"));
    m_condaName = new QLineEdit;
    m_condaName->setObjectName(QStringLiteral("condaName"));
    m_condaName->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_.-]*")), m_condaName));
    m_condaChannels = new StringListEditor;
    m_condaChannels->setObjectName(QStringLiteral("condaChannels"));
    m_condaChannels->setPlaceholder(QStringLiteral("conda-forge"));
    m_condaDependencies = new StringListEditor;
    m_condaDependencies->setObjectName(QStringLiteral("condaDependencies"));
    m_condaDependencies->setPlaceholder(QStringLiteral("python=3.10"));
    m_condaPip = new StringListEditor;
    m_condaPip->setObjectName(QStringLiteral("condaPipDependencies"));
    m_condaPip->setPlaceholder(QStringLiteral("mlflow"));
    m_condaPip->setItemValidator(requirementProblem);

    auto *form = new QFormLayout(m_condaBox);
    form->addRow(tr("N&ame:"), m_condaName);
    form->addRow(tr("Cha&nnels:"), m_condaChannels);
    form->addRow(tr("Conda de&pendencies:"), m_condaDependencies);
    form->addRow(tr("P&ip dependencies:"), m_condaPip);
    registerField(ProjectFileKind::CondaEnv, QStringLiteral("name"), m_condaName);
    registerField(ProjectFileKind::CondaEnv, QStringLiteral("channels"), m_condaChannels);
    registerField(ProjectFileKind::CondaEnv, QStringLiteral("dependencies"), m_condaDependencies);

    connect(m_condaName, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues([&](ProjectValues &v) { v.conda.name = text; }, tr("Edit conda name"),
                   QStringLiteral("condaName"));
    });
    connect(m_condaChannels, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.conda.channels = items; }, tr("Edit channels"));
    });
    connect(m_condaDependencies, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.conda.dependencies = items; }, tr("Edit conda dependencies"));
    });
    connect(m_condaPip, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.conda.pipDependencies = items; }, tr("Edit pip dependencies"));
    });
    return m_condaBox;
}

QGroupBox *EnvironmentForm::buildDockerSection()
{
    m_dockerBox = new QGroupBox(tr("Docker Environment (in MLproject)"));
    m_dockerImage = new QLineEdit;
    m_dockerImage->setObjectName(QStringLiteral("dockerImage"));
    m_dockerImage->setPlaceholderText(QStringLiteral("python:3.10"));
    m_dockerImage->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_./:@-]*")), m_dockerImage));
    m_dockerVolumes = new StringListEditor;
    m_dockerVolumes->setObjectName(QStringLiteral("dockerVolumes"));
    m_dockerVolumes->setPlaceholder(QStringLiteral("/host/data:/data"));
    m_dockerVolumes->setItemValidator([](const QString &text) {
        return text.contains(QLatin1Char(':')) ? QString() : tr("Expected host:container");
    });
    m_dockerEnvironment = new StringListEditor;
    m_dockerEnvironment->setObjectName(QStringLiteral("dockerEnvironment"));
    m_dockerEnvironment->setPlaceholder(tr("NAME (copied from the host) or NAME=value"));
    m_dockerEnvironment->setItemValidator([](const QString &text) {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(=.*)?$"));
        return name.match(text).hasMatch() ? QString() : tr("Expected NAME or NAME=value");
    });

    auto *form = new QFormLayout(m_dockerBox);
    form->addRow(tr("&Image:"), m_dockerImage);
    form->addRow(tr("&Volumes:"), m_dockerVolumes);
    form->addRow(tr("Environ&ment:"), m_dockerEnvironment);
    registerField(ProjectFileKind::MLproject, QStringLiteral("docker_env.image"), m_dockerImage);
    registerField(ProjectFileKind::MLproject, QStringLiteral("docker_env.volumes"), m_dockerVolumes);
    registerField(ProjectFileKind::MLproject, QStringLiteral("docker_env.environment"), m_dockerEnvironment);
    registerField(ProjectFileKind::MLproject, QStringLiteral("docker_env"), m_dockerImage);

    connect(m_dockerImage, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues([&](ProjectValues &v) { v.ml.dockerEnv.image = text; }, tr("Edit Docker image"),
                   QStringLiteral("dockerImage"));
    });
    connect(m_dockerVolumes, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues([&](ProjectValues &v) { v.ml.dockerEnv.volumes = items; }, tr("Edit Docker volumes"));
    });
    connect(m_dockerEnvironment, &StringListEditor::edited, this, [this](const QStringList &items) {
        editValues(
            [&](ProjectValues &v) {
                v.ml.dockerEnv.environment.clear();
                for (const QString &item : items)
                    v.ml.dockerEnv.environment.append(dockerVarFrom(item));
            },
            tr("Edit Docker environment"));
    });
    return m_dockerBox;
}

EnvironmentForm::Section EnvironmentForm::section() const
{
    const project::Project &p = document()->project();
    switch (p.mlProject().envKind) {
    case MLProject::EnvKind::Docker:
        return Section::Docker;
    case MLProject::EnvKind::Conda:
        return Section::Conda;
    case MLProject::EnvKind::Python:
        return Section::Python;
    case MLProject::EnvKind::None:
        break;
    }
    return p.activeEnvFile() == ProjectFileKind::CondaEnv ? Section::Conda : Section::Python;
}

QList<ProjectFileKind> EnvironmentForm::files() const
{
    switch (section()) {
    case Section::Docker:
        return {ProjectFileKind::MLproject};
    case Section::Conda:
        return {ProjectFileKind::CondaEnv};
    case Section::Python:
        break;
    }
    return {ProjectFileKind::PythonEnv};
}

void EnvironmentForm::editValues(const std::function<void(ProjectValues &)> &change, const QString &description,
                                 const QString &mergeKey)
{
    if (isRefreshing())
        return;
    ProjectValues values = document()->values();
    change(values);
    document()->edit(values, description, mergeKey);
}

void EnvironmentForm::refreshFields()
{
    const project::Project &p = document()->project();
    const Section current = section();
    const ProjectFileKind file = files().constFirst();
    m_pythonBox->setVisible(current == Section::Python);
    m_condaBox->setVisible(current == Section::Conda);
    m_dockerBox->setVisible(current == Section::Docker);
    const bool readable = !p.hasFile(file) || p.isParseable(file);
    body()->setEnabled(document()->isOpen() && readable);
    setBanner(readable || !document()->isOpen()
                  ? QString()
                  : tr("%1 could not be read, so it cannot be edited here and will not be overwritten.")
                        .arg(p.fileName(file)));

    QString hint;
    if (current == Section::Docker)
        hint = tr("The MLproject runs in a Docker image (docker_env).");
    else if (p.hasFile(file))
        hint = tr("The MLproject uses %1.").arg(p.fileName(file));
    else
        hint = tr("There is no %1 yet: filling in this form creates it.").arg(p.fileName(file));
    m_hint->setText(hint);

    const project::PythonEnv python = p.pythonEnv();
    if (m_python->text() != python.python)
        m_python->setText(python.python);
    m_buildDependencies->setItems(python.buildDependencies);
    m_dependencies->setItems(python.dependencies);

    const project::CondaEnv conda = p.condaEnv();
    if (m_condaName->text() != conda.name)
        m_condaName->setText(conda.name);
    m_condaChannels->setItems(conda.channels);
    m_condaDependencies->setItems(conda.dependencies);
    m_condaPip->setItems(conda.pipDependencies);

    const project::DockerEnv docker = p.mlProject().dockerEnv;
    if (m_dockerImage->text() != docker.image)
        m_dockerImage->setText(docker.image);
    m_dockerVolumes->setItems(docker.volumes);
    QStringList vars;
    for (const project::DockerEnvVar &var : docker.environment)
        vars.append(dockerVarText(var));
    m_dockerEnvironment->setItems(vars);
}

} // namespace mltf::ui
