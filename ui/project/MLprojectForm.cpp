#include "project/MLprojectForm.h"

#include "project/CommandEdit.h"
#include "project/ParametersTable.h"
#include "project/ProjectDocument.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace mltf::ui {

using project::MLProject;
using project::ProjectFileKind;

namespace {

QString defaultCommand(const QString &entry)
{
    return QStringLiteral("python %1.py").arg(entry == QLatin1String("main") ? QStringLiteral("train") : entry);
}

} // namespace

MLprojectForm::MLprojectForm(ProjectDocument *document, QWidget *parent)
    : ProjectForm(document, parent)
    , m_name(new QLineEdit)
    , m_envKind(new QComboBox)
    , m_envFile(new QLineEdit)
    , m_entryPoints(new QListWidget)
    , m_addEntry(new QPushButton(tr("A&dd")))
    , m_removeEntry(new QPushButton(tr("Remo&ve")))
    , m_parameters(new ParametersTable)
    , m_addParameter(new QPushButton(tr("Add &Parameter")))
    , m_removeParameter(new QPushButton(tr("Remove Paramete&r")))
    , m_command(new CommandEdit)
{
    m_name->setObjectName(QStringLiteral("projectName"));
    m_name->setPlaceholderText(tr("optional, e.g. wine-quality"));
    m_envKind->setObjectName(QStringLiteral("envKind"));
    m_envKind->addItem(tr("None (python_env.yaml, else conda.yaml, if present)"), int(MLProject::EnvKind::None));
    m_envKind->addItem(tr("Python environment (python_env)"), int(MLProject::EnvKind::Python));
    m_envKind->addItem(tr("Conda environment (conda_env)"), int(MLProject::EnvKind::Conda));
    m_envKind->addItem(tr("Docker image (docker_env)"), int(MLProject::EnvKind::Docker));
    m_envFile->setObjectName(QStringLiteral("envFile"));
    m_envFile->setPlaceholderText(QStringLiteral("python_env.yaml"));
    // A relative path without line breaks or quotes: it ends up in YAML and on command lines.
    m_envFile->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[^\\n\\r\"'`$]*")),
                                                            m_envFile));
    m_entryPoints->setObjectName(QStringLiteral("entryPoints"));
    m_entryPoints->setMaximumWidth(200);
    m_entryPoints->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_entryPoints->setToolTip(tr("F2 renames the selected entry point"));
    m_addEntry->setObjectName(QStringLiteral("addEntryPoint"));
    m_removeEntry->setObjectName(QStringLiteral("removeEntryPoint"));
    m_parameters->setObjectName(QStringLiteral("parameters"));
    m_addParameter->setObjectName(QStringLiteral("addParameter"));
    m_removeParameter->setObjectName(QStringLiteral("removeParameter"));
    m_command->setObjectName(QStringLiteral("command"));
    m_command->setPlaceholderText(tr("python train.py --alpha {alpha}"));

    auto *general = new QFormLayout;
    general->addRow(tr("&Name:"), m_name);
    general->addRow(tr("Env&ironment:"), m_envKind);
    general->addRow(tr("Environment fi&le:"), m_envFile);

    auto *entryButtons = new QHBoxLayout;
    entryButtons->addWidget(m_addEntry);
    entryButtons->addWidget(m_removeEntry);
    auto *entryColumn = new QVBoxLayout;
    auto *entryLabel = new QLabel(tr("En&try points:"));
    entryLabel->setBuddy(m_entryPoints);
    entryColumn->addWidget(entryLabel);
    entryColumn->addWidget(m_entryPoints);
    entryColumn->addLayout(entryButtons);

    auto *paramButtons = new QHBoxLayout;
    paramButtons->addWidget(m_addParameter);
    paramButtons->addWidget(m_removeParameter);
    paramButtons->addStretch();
    auto *detail = new QVBoxLayout;
    auto *paramLabel = new QLabel(tr("Para&meters:"));
    paramLabel->setBuddy(m_parameters);
    detail->addWidget(paramLabel);
    detail->addWidget(m_parameters, 1);
    detail->addLayout(paramButtons);
    auto *commandLabel = new QLabel(tr("&Command (type { for parameter names):"));
    commandLabel->setBuddy(m_command);
    detail->addWidget(commandLabel);
    detail->addWidget(m_command);

    auto *entries = new QGroupBox(tr("Entry Points"));
    auto *entriesLayout = new QHBoxLayout(entries);
    entriesLayout->addLayout(entryColumn);
    entriesLayout->addLayout(detail, 1);

    auto *layout = new QVBoxLayout(body());
    layout->addLayout(general);
    layout->addWidget(entries, 1);

    setTabOrder(m_name, m_envKind);
    setTabOrder(m_envKind, m_envFile);
    setTabOrder(m_envFile, m_entryPoints);
    setTabOrder(m_entryPoints, m_addEntry);
    setTabOrder(m_addEntry, m_removeEntry);
    setTabOrder(m_removeEntry, m_parameters);
    setTabOrder(m_parameters, m_addParameter);
    setTabOrder(m_addParameter, m_removeParameter);
    setTabOrder(m_removeParameter, m_command);

    registerField(ProjectFileKind::MLproject, QStringLiteral("name"), m_name);
    registerField(ProjectFileKind::MLproject, QStringLiteral("python_env"), m_envFile);
    registerField(ProjectFileKind::MLproject, QStringLiteral("conda_env"), m_envFile);
    registerField(ProjectFileKind::MLproject, QStringLiteral("entry_points"), m_entryPoints);

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues([&](MLProject &ml) { ml.name = text; }, tr("Edit project name"), QStringLiteral("name"));
    });
    connect(m_envKind, &QComboBox::activated, this, [this] {
        const auto kind = MLProject::EnvKind(m_envKind->currentData().toInt());
        editValues(
            [&](MLProject &ml) {
                ml.envKind = kind;
                if (kind == MLProject::EnvKind::Python)
                    ml.envFile = QStringLiteral("python_env.yaml");
                else if (kind == MLProject::EnvKind::Conda)
                    ml.envFile = QStringLiteral("conda.yaml");
                else
                    ml.envFile.clear();
                if (kind == MLProject::EnvKind::Docker && ml.dockerEnv.image.isEmpty())
                    ml.dockerEnv.image = QStringLiteral("python:3.10");
            },
            tr("Change environment"));
    });
    connect(m_envFile, &QLineEdit::textEdited, this, [this](const QString &text) {
        editValues([&](MLProject &ml) { ml.envFile = text; }, tr("Edit environment file"), QStringLiteral("envFile"));
    });
    connect(m_entryPoints, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (isRefreshing() || name.isEmpty())
            return;
        m_currentEntry = name;
        refreshEntryPoint(this->document()->values().ml);
    });
    connect(m_entryPoints, &QListWidget::itemChanged, this, &MLprojectForm::renameEntryPoint);
    connect(m_addEntry, &QPushButton::clicked, this, &MLprojectForm::addEntryPoint);
    connect(m_removeEntry, &QPushButton::clicked, this, &MLprojectForm::removeEntryPoint);
    connect(m_addParameter, &QPushButton::clicked, m_parameters, &ParametersTable::addParameter);
    connect(m_removeParameter, &QPushButton::clicked, m_parameters, &ParametersTable::removeCurrentParameter);
    connect(m_parameters, &ParametersTable::parametersEdited, this,
            [this](const QList<project::Parameter> &parameters, const QString &cell) {
                editValues(
                    [&](MLProject &ml) {
                        if (project::EntryPoint *entry = currentEntry(ml))
                            entry->parameters = parameters;
                    },
                    tr("Edit parameters of %1").arg(m_currentEntry),
                    cell.isEmpty() ? QString() : QStringLiteral("param.%1.%2").arg(m_currentEntry, cell));
            });
    connect(m_command, &CommandEdit::commandEdited, this, [this](const QString &command) {
        editValues(
            [&](MLProject &ml) {
                if (project::EntryPoint *entry = currentEntry(ml))
                    entry->command = command;
            },
            tr("Edit command of %1").arg(m_currentEntry), QStringLiteral("command.%1").arg(m_currentEntry));
    });
}

QList<ProjectFileKind> MLprojectForm::files() const
{
    return {ProjectFileKind::MLproject};
}

void MLprojectForm::editValues(const std::function<void(MLProject &)> &change, const QString &description,
                               const QString &mergeKey)
{
    if (isRefreshing())
        return;
    ProjectValues values = document()->values();
    change(values.ml);
    document()->edit(values, description, mergeKey);
}

project::EntryPoint *MLprojectForm::currentEntry(MLProject &ml) const
{
    for (project::EntryPoint &entry : ml.entryPoints) {
        if (entry.name == m_currentEntry)
            return &entry;
    }
    return nullptr;
}

void MLprojectForm::selectEntryPoint(const QString &name)
{
    const QList<QListWidgetItem *> items = m_entryPoints->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        m_entryPoints->setCurrentItem(items.first());
}

void MLprojectForm::refreshFields()
{
    const project::Project &p = document()->project();
    const MLProject ml = p.mlProject();
    const bool editable = document()->isOpen() && p.isParseable(ProjectFileKind::MLproject);
    body()->setEnabled(editable);
    setBanner(editable || !document()->isOpen()
                  ? QString()
                  : tr("%1 could not be read, so it cannot be edited here and will not be overwritten. "
                       "See the problems below, fix the file in a text editor and reopen the project.")
                        .arg(p.fileName(ProjectFileKind::MLproject)));

    if (m_name->text() != ml.name)
        m_name->setText(ml.name);
    const int envIndex = m_envKind->findData(int(ml.envKind));
    if (m_envKind->currentIndex() != envIndex)
        m_envKind->setCurrentIndex(envIndex);
    if (m_envFile->text() != ml.envFile)
        m_envFile->setText(ml.envFile);
    m_envFile->setEnabled(ml.envKind == MLProject::EnvKind::Python || ml.envKind == MLProject::EnvKind::Conda);

    QStringList names;
    for (const project::EntryPoint &entry : ml.entryPoints)
        names.append(entry.name);
    QStringList shown;
    for (int i = 0; i < m_entryPoints->count(); ++i)
        shown.append(m_entryPoints->item(i)->text());
    if (names != shown) {
        m_entryPoints->clear();
        for (const QString &name : names) {
            auto *item = new QListWidgetItem(name, m_entryPoints);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
    }
    if (!names.contains(m_currentEntry))
        m_currentEntry = names.isEmpty() ? QString() : names.first();
    selectEntryPoint(m_currentEntry);
    refreshEntryPoint(ml);
}

void MLprojectForm::refreshEntryPoint(const MLProject &ml)
{
    const project::EntryPoint *entry = ml.entryPoint(m_currentEntry);
    m_parameters->setEnabled(entry != nullptr);
    m_command->setEnabled(entry != nullptr);
    m_addParameter->setEnabled(entry != nullptr);
    m_removeParameter->setEnabled(entry != nullptr);
    m_removeEntry->setEnabled(entry != nullptr);
    m_parameters->setParameters(entry ? entry->parameters : QList<project::Parameter>());
    m_command->setCommand(entry ? entry->command : QString());
    QStringList placeholders;
    if (entry) {
        for (const project::Parameter &p : entry->parameters)
            placeholders.append(p.name);
    }
    m_command->setPlaceholders(placeholders);

    // Row markers for the parameters diagnostics are about.
    QHash<QString, project::Diagnostic> worst;
    const QString prefix = QStringLiteral("entry_points.%1.parameters.").arg(m_currentEntry);
    for (const project::Diagnostic &d : document()->diagnostics()) {
        if (document()->kindOfFile(d.file) != ProjectFileKind::MLproject || !d.path.startsWith(prefix))
            continue;
        const QString name = d.path.mid(prefix.size()).section(QLatin1Char('.'), 0, 0);
        if (!worst.contains(name) || int(d.severity) < int(worst.value(name).severity))
            worst.insert(name, d);
    }
    m_parameters->markRows(worst);
}

void MLprojectForm::addEntryPoint()
{
    ProjectValues values = document()->values();
    QString name = QStringLiteral("main");
    for (int n = 2; values.ml.entryPoint(name); ++n)
        name = n == 2 && !values.ml.entryPoint(QStringLiteral("entry")) ? QStringLiteral("entry")
                                                                        : QStringLiteral("entry_%1").arg(n);
    project::EntryPoint entry;
    entry.name = name;
    entry.command = defaultCommand(name);
    values.ml.entryPoints.append(entry);
    m_currentEntry = name;
    document()->edit(values, tr("Add entry point %1").arg(name));
    if (QListWidgetItem *item = m_entryPoints->currentItem())
        m_entryPoints->editItem(item);
}

void MLprojectForm::removeEntryPoint()
{
    ProjectValues values = document()->values();
    const QString name = m_currentEntry;
    values.ml.entryPoints.erase(std::remove_if(values.ml.entryPoints.begin(), values.ml.entryPoints.end(),
                                               [&](const project::EntryPoint &e) { return e.name == name; }),
                                values.ml.entryPoints.end());
    document()->edit(values, tr("Remove entry point %1").arg(name));
}

void MLprojectForm::renameEntryPoint(QListWidgetItem *item)
{
    if (isRefreshing())
        return;
    const QString newName = item->text().trimmed();
    const int row = m_entryPoints->row(item);
    ProjectValues values = document()->values();
    const bool taken = values.ml.entryPoint(newName) != nullptr;
    if (row < 0 || row >= values.ml.entryPoints.size() || newName.isEmpty() || taken) {
        refresh(); // back to the name in the document
        return;
    }
    const QString oldName = values.ml.entryPoints[row].name;
    values.ml.entryPoints[row].name = newName;
    if (m_currentEntry == oldName)
        m_currentEntry = newName;
    document()->edit(values, tr("Rename entry point %1 to %2").arg(oldName, newName));
}

bool MLprojectForm::splitEntryPath(const QString &path, QString *entry, QString *rest)
{
    const QString prefix = QStringLiteral("entry_points.");
    if (!path.startsWith(prefix))
        return false;
    const QString tail = path.mid(prefix.size());
    *entry = tail.section(QLatin1Char('.'), 0, 0);
    *rest = tail.section(QLatin1Char('.'), 1);
    return !entry->isEmpty();
}

QWidget *MLprojectForm::fieldFor(const project::Diagnostic &diagnostic) const
{
    QString entry, rest;
    if (document()->kindOfFile(diagnostic.file) == ProjectFileKind::MLproject &&
        splitEntryPath(diagnostic.path, &entry, &rest)) {
        if (rest.startsWith(QLatin1String("parameters")))
            return m_parameters;
        if (rest.startsWith(QLatin1String("command")))
            return m_command;
        return m_entryPoints;
    }
    return ProjectForm::fieldFor(diagnostic);
}

bool MLprojectForm::focusDiagnostic(const project::Diagnostic &diagnostic)
{
    QString entry, rest;
    if (document()->kindOfFile(diagnostic.file) == ProjectFileKind::MLproject &&
        splitEntryPath(diagnostic.path, &entry, &rest) && document()->values().ml.entryPoint(entry)) {
        m_currentEntry = entry;
        refresh();
        if (rest.startsWith(QLatin1String("parameters."))) {
            const QString parameter = rest.section(QLatin1Char('.'), 1, 1);
            const QString field = rest.section(QLatin1Char('.'), 2, 2);
            const int row = m_parameters->rowOf(parameter);
            if (row >= 0) {
                const int column = field == QLatin1String("type")      ? ParametersTable::TypeColumn
                                   : field == QLatin1String("default") ? ParametersTable::DefaultColumn
                                                                       : ParametersTable::NameColumn;
                m_parameters->setCurrentCell(row, column);
            }
        }
    }
    return ProjectForm::focusDiagnostic(diagnostic);
}

} // namespace mltf::ui
