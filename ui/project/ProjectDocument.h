#pragma once

#include "project/Project.h"
#include "project/ProjectValues.h"

#include <QFutureWatcher>
#include <QObject>

#include <optional>

class QUndoStack;

namespace mltf::ui {

// The project being edited: the project::Project, the undo stack of edits and the diagnostics for the chosen
// target, recomputed after every change (validation is cheap). Forms read values() and call edit(); views
// listen to changed(). Loading runs on a worker thread.
class ProjectDocument : public QObject
{
    Q_OBJECT
public:
    using Target = project::Project::Target;

    explicit ProjectDocument(QObject *parent = nullptr);
    ~ProjectDocument() override;

    bool isOpen() const { return m_open; }
    bool isLoading() const;
    const project::Project &project() const { return m_project; }
    ProjectValues values() const { return ProjectValues::of(m_project); }
    QUndoStack *undoStack() const { return m_undo; }

    // Reads `dir` on a worker; loadFinished() tells how it went. A newer load() supersedes a running one.
    void load(const QString &dir);
    // Starts editing `project` (e.g. a new one from a template), dropping the undo history.
    void setProject(const project::Project &project);
    void close();

    // An undoable edit replacing the values. Consecutive edits with the same non-empty mergeKey (one field
    // being typed into) become one undo step.
    void edit(const ProjectValues &after, const QString &description, const QString &mergeKey = {});
    // Sets values without an undo step (used by undo/redo themselves).
    void applyValues(const ProjectValues &values);

    Target target() const { return m_target; }
    void setTarget(Target target);
    const project::Diagnostics &diagnostics() const { return m_diagnostics; }

    // The kind of a file as diagnostics name it ("MLproject", "python_env.yaml").
    std::optional<project::ProjectFileKind> kindOfFile(const QString &fileName) const;
    // Files that exist on disk or in memory, in editor order.
    QList<project::ProjectFileKind> presentFiles() const;
    QList<project::ProjectFileKind> dirtyFiles() const;
    // A display name for the project: its MLproject name, else the folder name.
    QString displayName() const;

    // Writes one file. Refuses a file that could not be parsed (it is never overwritten).
    Status save(project::ProjectFileKind kind);
    // Back to the file on disk, as an undoable step when the values allow it.
    void revert(project::ProjectFileKind kind);
    Status applyFix(const project::Diagnostic &diagnostic);

signals:
    // A different project (or none) is now being edited: views rebuild.
    void projectReplaced();
    // Values, dirty state or diagnostics changed.
    void changed();
    void loadFinished(bool ok, const QString &dir, const QString &message);

private:
    void refreshDiagnostics();
    static Target defaultTarget(const project::Project &project);

    project::Project m_project;
    bool m_open = false;
    Target m_target = Target::Local;
    project::Diagnostics m_diagnostics;
    QUndoStack *m_undo;
    int m_loadGeneration = 0; // only the newest load() is taken
};

} // namespace mltf::ui
