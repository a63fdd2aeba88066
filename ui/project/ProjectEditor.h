#pragma once

#include "project/Project.h"

#include <QWidget>

#include <memory>

class QAction;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolBar;

namespace mltf::ui {

class DiagnosticsPanel;
class EmptyProjectView;
class EnvironmentForm;
class MLprojectForm;
class PreviewPane;
class ProjectDocument;
class ProjectForm;
class Prompter;
class RecentProjectsMenu;
class ResourcesForm;

// The project page of the main window: forms on the left, the live preview of every file on the right, the
// problems below; an empty state when no project is open. Owns the project actions (open, new, save, undo
// ...) so the main window can put them into its menus.
class ProjectEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectEditor(QWidget *parent = nullptr);
    ~ProjectEditor() override;

    ProjectDocument *document() const { return m_document; }
    // Tests answer the questions themselves; the editor takes ownership.
    void setPrompter(std::unique_ptr<Prompter> prompter);

    // Loads `dir` (after asking about unsaved changes); projectOpened() or openFailed() follows.
    void openProject(const QString &dir);
    // Starts a new, unsaved project from a template in `dir` (the folder is created).
    void newProject(project::Project::Template t, const QString &dir, const QString &name);
    // Asks about unsaved changes; true when the project may be closed (saved or discarded).
    bool confirmClose();
    void closeProject();

    // Saves with the questions a user expects (formatting loss); errors are shown. True when all were saved.
    bool save(project::ProjectFileKind kind);
    bool saveAll();
    // The file Save and Revert act on: the one shown in the preview.
    std::optional<project::ProjectFileKind> currentFile() const;

    // For the window title: "<project> — <folder>", empty without a project; modified when unsaved.
    QString titleText() const;
    bool isModified() const;

    QAction *openAction() const { return m_open; }
    QAction *newAction() const { return m_new; }
    QMenu *templatesMenu() const { return m_templates; }
    RecentProjectsMenu *recentMenu() const { return m_recent; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAllAction() const { return m_saveAll; }
    QAction *revertAction() const { return m_revert; }
    QAction *closeAction() const { return m_close; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    // Submit… (Ctrl+Return): enabled while a project is open; emits submitRequested after saving changes.
    QAction *submitAction() const { return m_submit; }

    MLprojectForm *mlprojectForm() const { return m_mlForm; }
    EnvironmentForm *environmentForm() const { return m_envForm; }
    ResourcesForm *resourcesForm() const { return m_resourcesForm; }
    QTabWidget *formTabs() const { return m_formTabs; }
    PreviewPane *preview() const { return m_preview; }
    DiagnosticsPanel *diagnosticsPanel() const { return m_diagnostics; }

public slots:
    void showOpenDialog();
    void showNewDialog(project::Project::Template t = project::Project::Template::Blank);
    void jumpTo(const project::Diagnostic &diagnostic);

signals:
    void projectOpened(const QString &dir);
    void openFailed(const QString &dir, const QString &message);
    // The title text or the modified state changed.
    void titleChanged();
    void statusMessage(const QString &text);
    // The user wants to submit the open project, which is saved (the submitter packs the files on disk).
    void submitRequested();

private:
    void createActions();
    QWidget *createEditorArea();
    void onProjectReplaced();
    void onChanged();
    void updateActions();
    void applyFix(const project::Diagnostic &diagnostic);
    bool saveFiles(const QList<project::ProjectFileKind> &kinds, bool refuseUnreadable);
    QList<ProjectForm *> forms() const;
    void saveLayout();

    ProjectDocument *m_document;
    std::unique_ptr<Prompter> m_prompter;
    QToolBar *m_toolBar;
    QStackedWidget *m_stack;
    EmptyProjectView *m_empty;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_horizontal = nullptr;
    QTabWidget *m_formTabs = nullptr;
    MLprojectForm *m_mlForm = nullptr;
    EnvironmentForm *m_envForm = nullptr;
    ResourcesForm *m_resourcesForm = nullptr;
    PreviewPane *m_preview = nullptr;
    DiagnosticsPanel *m_diagnostics = nullptr;

    QAction *m_open = nullptr;
    QAction *m_new = nullptr;
    QMenu *m_templates = nullptr;
    RecentProjectsMenu *m_recent = nullptr;
    QAction *m_save = nullptr;
    QAction *m_saveAll = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_close = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_submit = nullptr;
    QString m_lastTitle;
    bool m_lastModified = false;
};

} // namespace mltf::ui
