#include "project/ProjectDocument.h"

#include "project/ProjectEditCommand.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoStack>
#include <QtConcurrent>

namespace mltf::ui {

using project::ProjectFileKind;

ProjectDocument::ProjectDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{}

ProjectDocument::~ProjectDocument()
{
    // A running read only touches its own Project copy; wait so it does not outlive the application.
    // By the base class: Qt 6.8's findChildren() refuses classes without Q_OBJECT, as QFutureWatcher<T> is.
    const QList<QFutureWatcherBase *> watchers = findChildren<QFutureWatcherBase *>();
    for (auto *watcher : watchers)
        watcher->waitForFinished();
}

bool ProjectDocument::isLoading() const
{
    return !findChildren<QFutureWatcherBase *>().isEmpty();
}

void ProjectDocument::load(const QString &dir)
{
    const int generation = ++m_loadGeneration;
    auto *watcher = new QFutureWatcher<project::Project>(this);
    connect(watcher, &QFutureWatcher<project::Project>::finished, this, [this, watcher, generation, dir] {
        watcher->deleteLater();
        watcher->setParent(nullptr); // isLoading() is false from here on
        if (generation != m_loadGeneration)
            return; // superseded by a newer load()
        const project::Project loaded = watcher->result();
        if (!loaded.isFolderReadable()) {
            emit loadFinished(false, dir,
                              tr("The folder %1 cannot be read.").arg(QDir::toNativeSeparators(dir)));
            return;
        }
        setProject(loaded);
        emit loadFinished(true, dir, {});
    });
    watcher->setFuture(QtConcurrent::run([dir] { return project::Project::load(dir); }));
}

void ProjectDocument::setProject(const project::Project &project)
{
    m_project = project;
    m_open = true;
    m_target = defaultTarget(project);
    m_undo->clear();
    refreshDiagnostics();
    emit projectReplaced();
    emit changed();
}

void ProjectDocument::close()
{
    m_project = project::Project();
    m_open = false;
    m_undo->clear();
    m_diagnostics.clear();
    emit projectReplaced();
    emit changed();
}

void ProjectDocument::edit(const ProjectValues &after, const QString &description, const QString &mergeKey)
{
    const ProjectValues before = values();
    if (!m_open || after == before)
        return;
    m_undo->push(new ProjectEditCommand(this, before, after, description, mergeKey));
}

void ProjectDocument::applyValues(const ProjectValues &values)
{
    values.applyTo(m_project);
    refreshDiagnostics();
    emit changed();
}

void ProjectDocument::setTarget(Target target)
{
    if (target == m_target)
        return;
    m_target = target;
    refreshDiagnostics();
    emit changed();
}

void ProjectDocument::refreshDiagnostics()
{
    m_diagnostics = m_open ? m_project.diagnostics(m_target) : project::Diagnostics();
}

ProjectDocument::Target ProjectDocument::defaultTarget(const project::Project &project)
{
    if (project.hasFile(ProjectFileKind::SlurmConfig))
        return Target::Slurm;
    if (project.hasFile(ProjectFileKind::GatewayConfig))
        return Target::Gateway;
    return Target::Local;
}

std::optional<ProjectFileKind> ProjectDocument::kindOfFile(const QString &fileName) const
{
    const QList<ProjectFileKind> kinds = project::allProjectFileKinds();
    for (ProjectFileKind kind : kinds) {
        if (m_project.fileName(kind) == fileName)
            return kind;
    }
    // Diagnostics may name a file the way it is on disk while fileName() follows the MLproject (or vice
    // versa).
    for (ProjectFileKind kind : kinds) {
        if (QFileInfo(m_project.fileName(kind))
                .fileName()
                .compare(QFileInfo(fileName).fileName(), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

QList<ProjectFileKind> ProjectDocument::presentFiles() const
{
    QList<ProjectFileKind> result;
    if (!m_open)
        return result;
    const QList<ProjectFileKind> kinds = project::allProjectFileKinds();
    for (ProjectFileKind kind : kinds) {
        if (m_project.hasFile(kind) || m_project.isDirty(kind))
            result.append(kind);
    }
    return result;
}

QList<ProjectFileKind> ProjectDocument::dirtyFiles() const
{
    QList<ProjectFileKind> result;
    if (!m_open)
        return result;
    const QList<ProjectFileKind> kinds = project::allProjectFileKinds();
    for (ProjectFileKind kind : kinds) {
        if (m_project.isDirty(kind))
            result.append(kind);
    }
    return result;
}

QString ProjectDocument::displayName() const
{
    const QString name = m_project.mlProject().name.trimmed();
    return name.isEmpty() ? QDir(m_project.dir()).dirName() : name;
}

Status ProjectDocument::save(ProjectFileKind kind)
{
    if (m_project.hasFile(kind) && !m_project.isParseable(kind)) {
        return Error::make(
            Error::Kind::InvalidInput,
            tr("%1 could not be read, so it is not overwritten. Fix it in a text editor (see the "
               "problems list) or apply a suggested fix.")
                .arg(m_project.fileName(kind)));
    }
    Status status = m_project.save(kind);
    m_undo->setClean(); // later edits start a new undo step instead of merging into a saved one
    refreshDiagnostics();
    emit changed();
    return status;
}

void ProjectDocument::revert(ProjectFileKind kind)
{
    project::Project reverted = m_project;
    reverted.revert(kind);
    if (reverted.isParseable(kind) && m_project.isParseable(kind))
        edit(ProjectValues::of(reverted), tr("Revert %1").arg(m_project.fileName(kind)));
    if (m_project.isDirty(kind)) {
        // The file text itself was changed (an applied fix): only a real revert restores it.
        m_project.revert(kind);
        m_undo->clear();
        refreshDiagnostics();
        emit changed();
    }
}

Status ProjectDocument::applyFix(const project::Diagnostic &diagnostic)
{
    Status status = m_project.applyFix(diagnostic);
    // Earlier steps hold values parsed from the text before the fix; re-applying them would be wrong.
    m_undo->clear();
    refreshDiagnostics();
    emit changed();
    return status;
}

} // namespace mltf::ui
