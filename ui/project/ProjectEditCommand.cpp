#include "project/ProjectEditCommand.h"

#include "project/ProjectDocument.h"

namespace mltf::ui {

ProjectEditCommand::ProjectEditCommand(ProjectDocument *document, ProjectValues before, ProjectValues after,
                                       const QString &text, QString mergeKey)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeKey(std::move(mergeKey))
{
}

void ProjectEditCommand::undo()
{
    m_document->applyValues(m_before);
}

void ProjectEditCommand::redo()
{
    m_document->applyValues(m_after);
}

bool ProjectEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *edit = static_cast<const ProjectEditCommand *>(other);
    if (edit->m_mergeKey != m_mergeKey)
        return false;
    m_after = edit->m_after;
    setObsolete(m_after == m_before); // typed and deleted again: nothing left to undo
    return true;
}

} // namespace mltf::ui
