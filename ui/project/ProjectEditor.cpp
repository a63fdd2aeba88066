#include "project/ProjectEditor.h"

#include "common/Prompter.h"
#include "project/DiagnosticsPanel.h"
#include "project/EmptyProjectView.h"
#include "project/EnvironmentForm.h"
#include "project/MLprojectForm.h"
#include "project/NewProjectDialog.h"
#include "project/PreviewPane.h"
#include "project/ProjectDocument.h"
#include "project/RecentProjectsMenu.h"
#include "project/ResourcesForm.h"
#include "util/Settings.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace mltf::ui {

using project::ProjectFileKind;
using Template = project::Project::Template;

namespace {

QIcon themed(const char *name, QStyle::StandardPixmap fallback, const QWidget *widget)
{
    return QIcon::fromTheme(QLatin1String(name), widget->style()->standardIcon(fallback));
}

} // namespace

ProjectEditor::ProjectEditor(QWidget *parent)
    : QWidget(parent)
    , m_document(new ProjectDocument(this))
    , m_prompter(std::make_unique<Prompter>())
    , m_toolBar(new QToolBar(tr("Project")))
    , m_stack(new QStackedWidget)
    , m_empty(new EmptyProjectView)
{
    setObjectName(QStringLiteral("projectEditor"));
    createActions();
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(m_open);
    m_toolBar->addAction(m_new);
    if (auto *button = qobject_cast<QToolButton *>(m_toolBar->widgetForAction(m_new))) {
        button->setMenu(m_templates);
        button->setPopupMode(QToolButton::MenuButtonPopup);
    }
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_save);
    m_toolBar->addAction(m_saveAll);
    m_toolBar->addAction(m_revert);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_undo);
    m_toolBar->addAction(m_redo);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_submit);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(createEditorArea());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_stack, 1);

    connect(m_empty, &EmptyProjectView::openRequested, this, &ProjectEditor::showOpenDialog);
    connect(m_empty, &EmptyProjectView::newRequested, this, [this] { showNewDialog(); });
    connect(m_empty, &EmptyProjectView::recentRequested, this, &ProjectEditor::openProject);
    connect(m_recent, &RecentProjectsMenu::projectChosen, this, &ProjectEditor::openProject);
    connect(m_document, &ProjectDocument::projectReplaced, this, &ProjectEditor::onProjectReplaced);
    connect(m_document, &ProjectDocument::changed, this, &ProjectEditor::onChanged);
    connect(m_document, &ProjectDocument::loadFinished, this,
            [this](bool ok, const QString &dir, const QString &message) {
                setEnabled(true);
                if (!ok) {
                    m_prompter->showError(this, tr("Cannot Open Project"), message);
                    emit openFailed(dir, message);
                    return;
                }
                Settings::addRecentProject(QDir(dir).absolutePath());
                m_recent->rebuild();
                emit statusMessage(tr("Opened %1").arg(QDir::toNativeSeparators(dir)));
                emit projectOpened(dir);
            });
    onProjectReplaced();
}

ProjectEditor::~ProjectEditor()
{
    saveLayout();
}

void ProjectEditor::setPrompter(std::unique_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

void ProjectEditor::createActions()
{
    m_open = new QAction(themed("document-open", QStyle::SP_DialogOpenButton, this),
                         tr("&Open Project Folder…"), this);
    m_open->setIconText(tr("Open"));
    m_open->setShortcut(QKeySequence::Open);
    m_open->setStatusTip(tr("Open an MLflow project folder"));
    connect(m_open, &QAction::triggered, this, &ProjectEditor::showOpenDialog);

    m_new = new QAction(themed("document-new", QStyle::SP_FileIcon, this), tr("&New Project…"), this);
    m_new->setIconText(tr("New"));
    m_new->setShortcut(QKeySequence::New);
    m_new->setStatusTip(tr("Create a project from a template"));
    connect(m_new, &QAction::triggered, this, [this] { showNewDialog(); });

    m_templates = new QMenu(tr("New from &Template"), this);
    for (Template t : {Template::Blank, Template::PyTorchGpu, Template::ScikitLearn}) {
        m_templates->addAction(NewProjectDialog::templateTitle(t) + QStringLiteral("…"), this,
                               [this, t] { showNewDialog(t); });
    }
    m_recent = new RecentProjectsMenu(this);

    m_save = new QAction(themed("document-save", QStyle::SP_DialogSaveButton, this), tr("&Save"), this);
    m_save->setIconText(tr("Save"));
    m_save->setShortcut(QKeySequence::Save);
    connect(m_save, &QAction::triggered, this, [this] {
        if (const auto kind = currentFile())
            save(*kind);
    });
    m_saveAll =
        new QAction(themed("document-save-all", QStyle::SP_DialogSaveButton, this), tr("Save A&ll"), this);
    m_saveAll->setIconText(tr("Save All"));
    m_saveAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveAll, &QAction::triggered, this, &ProjectEditor::saveAll);
    m_revert = new QAction(themed("document-revert", QStyle::SP_BrowserReload, this), tr("Re&vert"), this);
    m_revert->setIconText(tr("Revert"));
    connect(m_revert, &QAction::triggered, this, [this] {
        const auto kind = currentFile();
        if (!kind)
            return;
        const QString name = m_document->project().fileName(*kind);
        if (m_prompter->confirm(this, tr("Revert"), tr("Discard the unsaved changes to %1?").arg(name),
                                tr("&Discard Changes")))
            m_document->revert(*kind);
    });
    m_close = new QAction(tr("&Close Project"), this);
    m_close->setShortcut(QKeySequence::Close);
    connect(m_close, &QAction::triggered, this, [this] {
        if (confirmClose())
            closeProject();
    });

    m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setIcon(themed("edit-undo", QStyle::SP_ArrowBack, this));
    m_undo->setIconText(tr("Undo"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setIcon(themed("edit-redo", QStyle::SP_ArrowForward, this));
    m_redo->setIconText(tr("Redo"));
    m_redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});

    m_submit = new QAction(themed("media-playback-start", QStyle::SP_MediaPlay, this), tr("S&ubmit…"), this);
    m_submit->setIconText(tr("Submit"));
    m_submit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_submit->setStatusTip(tr("Run the project as a training task on a cluster"));
    m_submit->setEnabled(false);
    connect(m_submit, &QAction::triggered, this, [this] {
        // What is submitted is what is on disk.
        if (m_document->isOpen() && (!m_document->project().isAnyDirty() || saveAll()))
            emit submitRequested();
    });
}

QWidget *ProjectEditor::createEditorArea()
{
    m_mlForm = new MLprojectForm(m_document);
    m_envForm = new EnvironmentForm(m_document);
    m_resourcesForm = new ResourcesForm(m_document);
    m_formTabs = new QTabWidget;
    m_formTabs->setObjectName(QStringLiteral("forms"));
    m_formTabs->setDocumentMode(true);
    m_formTabs->addTab(m_mlForm, tr("MLproject"));
    m_formTabs->addTab(m_envForm, tr("Environment"));
    m_formTabs->addTab(m_resourcesForm, tr("Resources"));
    m_preview = new PreviewPane(m_document);
    m_diagnostics = new DiagnosticsPanel(m_document);

    m_horizontal = new QSplitter(Qt::Horizontal);
    m_horizontal->addWidget(m_formTabs);
    m_horizontal->addWidget(m_preview);
    m_horizontal->setStretchFactor(0, 3);
    m_horizontal->setStretchFactor(1, 2);
    m_horizontal->setChildrenCollapsible(false);
    m_vertical = new QSplitter(Qt::Vertical);
    m_vertical->setObjectName(QStringLiteral("projectEditorSplitter"));
    m_vertical->addWidget(m_horizontal);
    m_vertical->addWidget(m_diagnostics);
    m_vertical->setStretchFactor(0, 4);
    m_vertical->setStretchFactor(1, 1);
    m_vertical->setChildrenCollapsible(false);

    // Forms 60 %, preview 40 % until the user moves the splitter (the forms' size hints would take it all).
    m_horizontal->setSizes({600, 400});
    const QList<QVariant> sizes = Settings::value(Settings::Key::ProjectEditorLayout).toList();
    if (sizes.size() == 2) {
        m_vertical->restoreState(sizes.at(0).toByteArray());
        m_horizontal->restoreState(sizes.at(1).toByteArray());
    }

    connect(m_formTabs, &QTabWidget::currentChanged, this, [this] {
        // The preview follows the form, so Save and Revert act on the file being edited.
        if (auto *form = qobject_cast<ProjectForm *>(m_formTabs->currentWidget()))
            m_preview->showFile(form->files().constFirst());
    });
    connect(m_preview, &PreviewPane::currentFileChanged, this, &ProjectEditor::updateActions);
    connect(m_diagnostics, &DiagnosticsPanel::activated, this, &ProjectEditor::jumpTo);
    connect(m_diagnostics, &DiagnosticsPanel::fixRequested, this, &ProjectEditor::applyFix);
    return m_vertical;
}

void ProjectEditor::saveLayout()
{
    if (m_vertical)
        Settings::setValue(Settings::Key::ProjectEditorLayout,
                           QList<QVariant>{m_vertical->saveState(), m_horizontal->saveState()});
}

QList<ProjectForm *> ProjectEditor::forms() const
{
    return {m_mlForm, m_envForm, m_resourcesForm};
}

void ProjectEditor::showOpenDialog()
{
    const QString start = m_document->isOpen()
                              ? QDir(m_document->project().dir()).absoluteFilePath(QStringLiteral(".."))
                              : QDir::homePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Project Folder"), start);
    if (!dir.isEmpty())
        openProject(dir);
}

void ProjectEditor::showNewDialog(Template t)
{
    NewProjectDialog dialog(this);
    dialog.setTemplate(t);
    if (dialog.exec() == QDialog::Accepted)
        newProject(dialog.selectedTemplate(), dialog.projectDir(), dialog.projectName());
}

void ProjectEditor::openProject(const QString &dir)
{
    if (!confirmClose())
        return;
    setEnabled(false); // until the worker has read the files (a few milliseconds for real projects)
    emit statusMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(dir)));
    m_document->load(dir);
}

void ProjectEditor::newProject(Template t, const QString &dir, const QString &name)
{
    if (!confirmClose())
        return;
    if (!QDir().mkpath(dir)) {
        m_prompter->showError(this, tr("Cannot Create Project"),
                              tr("The folder %1 cannot be created.").arg(QDir::toNativeSeparators(dir)));
        return;
    }
    m_document->setProject(project::Project::fromTemplate(t, dir, name));
    Settings::addRecentProject(QDir(dir).absolutePath());
    m_recent->rebuild();
    emit statusMessage(tr("New project: save it to write its files (Ctrl+Shift+S)"));
    emit projectOpened(dir);
}

bool ProjectEditor::confirmClose()
{
    const QList<ProjectFileKind> dirty = m_document->dirtyFiles();
    if (dirty.isEmpty())
        return true;
    QStringList names;
    for (ProjectFileKind kind : dirty)
        names.append(m_document->project().fileName(kind));
    switch (m_prompter->askSaveChanges(this, m_document->displayName(), names)) {
    case Prompter::SaveChoice::Save:
        return saveFiles(dirty, false);
    case Prompter::SaveChoice::Discard:
        return true;
    case Prompter::SaveChoice::Cancel:
        break;
    }
    return false;
}

void ProjectEditor::closeProject()
{
    m_document->close();
}

std::optional<ProjectFileKind> ProjectEditor::currentFile() const
{
    return m_document->isOpen() ? m_preview->currentFile() : std::nullopt;
}

bool ProjectEditor::save(ProjectFileKind kind)
{
    return saveFiles({kind}, true);
}

bool ProjectEditor::saveAll()
{
    return saveFiles(m_document->dirtyFiles(), false);
}

bool ProjectEditor::saveFiles(const QList<ProjectFileKind> &kinds, bool refuseUnreadable)
{
    const project::Project &p = m_document->project();
    QList<ProjectFileKind> toSave;
    QStringList lossy;
    for (ProjectFileKind kind : kinds) {
        const bool unreadable = p.hasFile(kind) && !p.isParseable(kind);
        if (!p.isDirty(kind) && !(unreadable && refuseUnreadable))
            continue;
        toSave.append(kind);
        if (!unreadable && p.saveLosesFormatting(kind))
            lossy.append(p.fileName(kind));
    }
    if (!lossy.isEmpty() &&
        !m_prompter->confirm(
            this, tr("Save and Reformat?"),
            tr("Saving %1 drops comments or changes formatting outside the values you edited. "
               "Save anyway?")
                .arg(lossy.join(QStringLiteral(", "))),
            tr("&Save Anyway")))
        return false;
    QStringList errors;
    QStringList saved;
    for (ProjectFileKind kind : std::as_const(toSave)) {
        const QString name = m_document->project().fileName(kind);
        const Status status = m_document->save(kind);
        if (status.ok())
            saved.append(name);
        else
            errors.append(status.error().message);
    }
    if (!errors.isEmpty()) {
        m_prompter->showError(this, tr("Not Saved"), errors.join(QStringLiteral("\n\n")));
        return false;
    }
    if (!saved.isEmpty())
        emit statusMessage(tr("Saved %1").arg(saved.join(QStringLiteral(", "))));
    return true;
}

void ProjectEditor::jumpTo(const project::Diagnostic &diagnostic)
{
    const auto kind = m_document->kindOfFile(diagnostic.file);
    if (kind && diagnostic.line > 0)
        m_preview->showLine(*kind, diagnostic.line);
    else if (kind)
        m_preview->showFile(*kind);
    for (ProjectForm *form : forms()) {
        if (!form->handles(diagnostic))
            continue;
        m_formTabs->setCurrentWidget(form);
        if (kind && diagnostic.line > 0)
            m_preview->showLine(*kind, diagnostic.line); // the tab switch showed the form's file
        form->focusDiagnostic(diagnostic);
        return;
    }
}

void ProjectEditor::applyFix(const project::Diagnostic &diagnostic)
{
    const Status status = m_document->applyFix(diagnostic);
    if (!status.ok())
        m_prompter->showError(this, tr("Fix Not Applied"), status.error().message);
    else
        emit statusMessage(tr("Fixed %1: save to write it").arg(diagnostic.file));
}

void ProjectEditor::onProjectReplaced()
{
    m_stack->setCurrentIndex(m_document->isOpen() ? 1 : 0);
    updateActions();
    if (!m_document->isOpen())
        m_empty->refreshRecent();
}

void ProjectEditor::onChanged()
{
    for (ProjectForm *form : forms())
        form->refresh();
    m_preview->refresh();
    m_diagnostics->refresh();
    const project::Project &p = m_document->project();
    for (ProjectForm *form : forms()) {
        bool dirty = false;
        for (ProjectFileKind kind : form->files())
            dirty = dirty || p.isDirty(kind);
        const int index = m_formTabs->indexOf(form);
        QString title = m_formTabs->tabText(index);
        if (title.endsWith(QLatin1Char('*')))
            title.chop(1);
        m_formTabs->setTabText(index, dirty ? title + QLatin1Char('*') : title);
    }
    updateActions();
    const QString title = titleText();
    const bool modified = isModified();
    if (title != m_lastTitle || modified != m_lastModified) {
        m_lastTitle = title;
        m_lastModified = modified;
        emit titleChanged();
    }
}

void ProjectEditor::updateActions()
{
    const bool open = m_document->isOpen();
    const auto kind = currentFile();
    const QString name = kind ? m_document->project().fileName(*kind) : QString();
    m_save->setText(kind ? tr("&Save %1").arg(name) : tr("&Save"));
    m_save->setEnabled(open && kind);
    m_saveAll->setEnabled(open && m_document->project().isAnyDirty());
    m_revert->setText(kind ? tr("Re&vert %1").arg(name) : tr("Re&vert"));
    m_revert->setEnabled(open && kind && m_document->project().isDirty(*kind));
    m_close->setEnabled(open);
    m_submit->setEnabled(open);
}

QString ProjectEditor::titleText() const
{
    if (!m_document->isOpen())
        return {};
    return QStringLiteral("%1 — %2").arg(m_document->displayName(),
                                         QDir::toNativeSeparators(m_document->project().dir()));
}

bool ProjectEditor::isModified() const
{
    return m_document->isOpen() && m_document->project().isAnyDirty();
}

} // namespace mltf::ui
