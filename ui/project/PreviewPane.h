#pragma once

#include "project/ProjectFileKind.h"

#include <QHash>
#include <QTabWidget>

#include <optional>

namespace mltf::ui {

class CodeView;
class ProjectDocument;

// A live, read-only, highlighted view of every file as Save would write it (Project::renderedText), one tab
// per file; '*' marks unsaved files and error lines are underlined.
class PreviewPane : public QTabWidget
{
    Q_OBJECT
public:
    explicit PreviewPane(ProjectDocument *document, QWidget *parent = nullptr);

    void refresh();
    std::optional<project::ProjectFileKind> currentFile() const;
    void showFile(project::ProjectFileKind kind);
    // Shows the file, marks `line` (1-based) and moves the focus there.
    void showLine(project::ProjectFileKind kind, int line);
    CodeView *view(project::ProjectFileKind kind) const { return m_views.value(kind); }

signals:
    void currentFileChanged();

private:
    CodeView *ensureView(project::ProjectFileKind kind);

    ProjectDocument *m_document;
    QHash<project::ProjectFileKind, CodeView *> m_views;
};

} // namespace mltf::ui
