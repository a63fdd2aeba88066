#pragma once

#include "project/ProjectValues.h"

#include <QUndoCommand>

namespace mltf::ui {

class ProjectDocument;

// One undo step: the values before and after an edit. Edits of one field in a row merge into one step.
class ProjectEditCommand : public QUndoCommand
{
public:
    ProjectEditCommand(ProjectDocument *document, ProjectValues before, ProjectValues after, const QString &text,
                       QString mergeKey);

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    ProjectDocument *m_document;
    ProjectValues m_before;
    ProjectValues m_after;
    QString m_mergeKey;
};

} // namespace mltf::ui
