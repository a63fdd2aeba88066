#pragma once

#include "project/Diagnostic.h"
#include "project/ProjectFileKind.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QScrollArea;

namespace mltf::ui {

class ProjectDocument;

// Base of the form pages (MLproject, environment, resources). A form shows the document's values, turns
// user edits into ProjectDocument::edit() calls, marks fields that have diagnostics and can move the focus
// to the field a diagnostic is about. Refreshing never emits edits (guarded), so it cannot loop.
class ProjectForm : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectForm(ProjectDocument *document, QWidget *parent = nullptr);

    // Values -> widgets, without touching a widget whose value is already right (the cursor stays put).
    void refresh();
    // The files this form edits, the first being the one its preview shows.
    virtual QList<project::ProjectFileKind> files() const = 0;
    // True when one of the form's fields is about this diagnostic.
    bool handles(const project::Diagnostic &diagnostic) const;
    // Shows and focuses the field of the diagnostic; false when there is none.
    virtual bool focusDiagnostic(const project::Diagnostic &diagnostic);

protected:
    virtual void refreshFields() = 0;
    // The field for a diagnostic (forms with dynamic rows override this); nullptr when none.
    virtual QWidget *fieldFor(const project::Diagnostic &diagnostic) const;
    // Fields are found by file and by the longest registered prefix of the diagnostic's path.
    void registerField(project::ProjectFileKind file, const QString &path, QWidget *field);
    // The widget every field lives in; put it into the form's layout (it scrolls when the form is tall).
    QWidget *body() const { return m_body; }
    ProjectDocument *document() const { return m_document; }
    bool isRefreshing() const { return m_refreshing; }
    // A banner above the fields, e.g. "python_env.yaml could not be read"; hidden when `text` is empty.
    void setBanner(const QString &text);
    void ensureVisible(QWidget *field);

private:
    void markFields();

    ProjectDocument *m_document;
    QLabel *m_banner;
    QScrollArea *m_scroll;
    QWidget *m_body;
    QHash<QString, QWidget *> m_fields; // "<kind>|<path>" -> field
    QList<QWidget *> m_marked;
    bool m_refreshing = false;
};

} // namespace mltf::ui
