#pragma once

#include "project/MLProject.h"
#include "project/ProjectForm.h"

#include <functional>

class QComboBox;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace mltf::ui {

class CommandEdit;
class ParametersTable;

// The MLproject file: name, which environment it uses, the entry points (add, remove, rename) and, for the
// selected entry point, its parameters and command.
class MLprojectForm : public ProjectForm
{
    Q_OBJECT
public:
    explicit MLprojectForm(ProjectDocument *document, QWidget *parent = nullptr);

    QList<project::ProjectFileKind> files() const override;
    bool focusDiagnostic(const project::Diagnostic &diagnostic) override;
    // The entry point whose parameters and command are shown.
    QString currentEntryPoint() const { return m_currentEntry; }
    void selectEntryPoint(const QString &name);

protected:
    void refreshFields() override;
    QWidget *fieldFor(const project::Diagnostic &diagnostic) const override;

private:
    void editValues(const std::function<void(project::MLProject &)> &change, const QString &description,
                    const QString &mergeKey = {});
    project::EntryPoint *currentEntry(project::MLProject &ml) const;
    void refreshEntryPoint(const project::MLProject &ml);
    void addEntryPoint();
    void removeEntryPoint();
    void renameEntryPoint(QListWidgetItem *item);
    // "entry_points.<ep>.<rest>" split; false when the path is not about an entry point.
    static bool splitEntryPath(const QString &path, QString *entry, QString *rest);

    QLineEdit *m_name;
    QComboBox *m_envKind;
    QLineEdit *m_envFile;
    QListWidget *m_entryPoints;
    QPushButton *m_addEntry;
    QPushButton *m_removeEntry;
    ParametersTable *m_parameters;
    QPushButton *m_addParameter;
    QPushButton *m_removeParameter;
    CommandEdit *m_command;
    QString m_currentEntry;
};

} // namespace mltf::ui
