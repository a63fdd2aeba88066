#pragma once

#include "project/Project.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace mltf::ui {

// Asks for a template, a project name and a parent folder; the project goes into <parent>/<folder name>.
// Nothing is written until the user saves the new project.
class NewProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    void setTemplate(project::Project::Template t);
    project::Project::Template selectedTemplate() const;
    QString projectName() const;
    // The folder the project will be created in.
    QString projectDir() const;
    void setLocation(const QString &parentDir);

    static QString templateTitle(project::Project::Template t);
    // "Wine Quality" -> "wine-quality"
    static QString folderNameFor(const QString &projectName);

private:
    void validate();

    QComboBox *m_template;
    QLabel *m_description;
    QLineEdit *m_name;
    QLineEdit *m_location;
    QLabel *m_result;
    QDialogButtonBox *m_buttons;
};

} // namespace mltf::ui
