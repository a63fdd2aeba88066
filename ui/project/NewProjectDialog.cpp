#include "project/NewProjectDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace mltf::ui {

using Template = project::Project::Template;

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent)
    , m_template(new QComboBox)
    , m_description(new QLabel)
    , m_name(new QLineEdit)
    , m_location(new QLineEdit(QDir::homePath()))
    , m_result(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("New Project"));
    for (Template t : {Template::Blank, Template::PyTorchGpu, Template::ScikitLearn})
        m_template->addItem(templateTitle(t), int(t));
    m_template->setObjectName(QStringLiteral("template"));
    m_description->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("projectName"));
    m_name->setPlaceholderText(tr("e.g. wine-quality"));
    m_location->setObjectName(QStringLiteral("location"));
    auto *browse = new QPushButton(tr("&Browse…"));
    m_result->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create"));

    auto *locationRow = new QHBoxLayout;
    locationRow->addWidget(m_location, 1);
    locationRow->addWidget(browse);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Template:"), m_template);
    form->addRow(QString(), m_description);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Location:"), locationRow);
    form->addRow(QString(), m_result);
    form->addRow(m_buttons);
    resize(520, sizeHint().height());

    connect(m_template, &QComboBox::currentIndexChanged, this, &NewProjectDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &NewProjectDialog::validate);
    connect(m_location, &QLineEdit::textChanged, this, &NewProjectDialog::validate);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Create the Project In"), m_location->text());
        if (!dir.isEmpty())
            m_location->setText(dir);
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

QString NewProjectDialog::templateTitle(Template t)
{
    switch (t) {
    case Template::Blank:
        return tr("Blank project");
    case Template::PyTorchGpu:
        return tr("PyTorch on one GPU");
    case Template::ScikitLearn:
        return tr("scikit-learn");
    }
    return {};
}

QString NewProjectDialog::folderNameFor(const QString &projectName)
{
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9._-]+"));
    QString name = projectName.trimmed().toLower();
    name.replace(unsafe, QStringLiteral("-"));
    while (name.startsWith(QLatin1Char('-')) || name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    return name;
}

void NewProjectDialog::setTemplate(Template t)
{
    m_template->setCurrentIndex(m_template->findData(int(t)));
}

Template NewProjectDialog::selectedTemplate() const
{
    return Template(m_template->currentData().toInt());
}

QString NewProjectDialog::projectName() const
{
    return m_name->text().trimmed();
}

QString NewProjectDialog::projectDir() const
{
    const QString folder = folderNameFor(projectName());
    return folder.isEmpty() ? QString() : QDir(m_location->text()).filePath(folder);
}

void NewProjectDialog::setLocation(const QString &parentDir)
{
    m_location->setText(parentDir);
}

void NewProjectDialog::validate()
{
    switch (selectedTemplate()) {
    case Template::Blank:
        m_description->setText(tr("An MLproject with a main entry point and a python_env.yaml."));
        break;
    case Template::PyTorchGpu:
        m_description->setText(tr("PyTorch training on one GPU: MLproject with typed parameters, python_env.yaml "
                                  "with system metrics, slurm_config.json and gateway_config.json asking for "
                                  "one GPU."));
        break;
    case Template::ScikitLearn:
        m_description->setText(tr("A scikit-learn model with hyper-parameters and a python_env.yaml."));
        break;
    }
    QString problem;
    const QString dir = projectDir();
    if (projectName().isEmpty())
        problem = tr("Enter a name.");
    else if (dir.isEmpty())
        problem = tr("The name needs at least one letter or digit.");
    else if (!QFileInfo(m_location->text()).isDir())
        problem = tr("The location is not a folder.");
    else if (QDir(dir).exists() && !QDir(dir).isEmpty())
        problem = tr("%1 already exists and is not empty.").arg(QDir::toNativeSeparators(dir));
    m_result->setText(problem.isEmpty() ? tr("The project will be created in %1").arg(QDir::toNativeSeparators(dir))
                                        : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace mltf::ui
