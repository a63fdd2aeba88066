#pragma once

#include "project/Diagnostic.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace mltf::ui {

class ProjectDocument;

// The project's problems: severity icon, file:line and message per entry. Enter or a double-click jumps to
// the field or line; "Apply Fix" repairs entries that have an automatic fix.
class DiagnosticsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DiagnosticsPanel(ProjectDocument *document, QWidget *parent = nullptr);

    void refresh();
    QTreeWidget *list() const { return m_list; }
    QPushButton *fixButton() const { return m_fix; }
    project::Diagnostics shown() const { return m_shown; }
    // The diagnostic of the current row, if any.
    std::optional<project::Diagnostic> current() const;
    static QIcon icon(project::Diagnostic::Severity severity);

signals:
    void activated(const project::Diagnostic &diagnostic);
    void fixRequested(const project::Diagnostic &diagnostic);

private:
    void updateFixButton();

    ProjectDocument *m_document;
    QLabel *m_summary;
    QPushButton *m_fix;
    QTreeWidget *m_list;
    project::Diagnostics m_shown;
};

} // namespace mltf::ui
