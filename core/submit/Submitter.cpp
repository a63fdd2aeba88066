#include "submit/Submitter.h"

#include "submit/TaskStore.h"
#include "util/Logging.h"

namespace mltf::submit {

QString Submitter::stepText(Step step)
{
    switch (step) {
    case Step::Checking:
        return tr("Checking the request");
    case Step::Packing:
        return tr("Packing the project");
    case Step::Connecting:
        return tr("Connecting");
    case Step::CreatingRun:
        return tr("Creating the MLflow run");
    case Step::Uploading:
        return tr("Sending the project");
    case Step::Submitting:
        return tr("Submitting the job");
    case Step::Done:
        return tr("Submitted");
    }
    return {};
}

void Submitter::saveAndEmit(TaskStore *store, const Task &task)
{
    if (store) {
        const Status saved = store->upsert(task);
        if (!saved.ok())
            qCWarning(lcSubmit) << "could not save task" << task.localId << saved.error().message;
    }
    emit taskUpdated(task);
}

} // namespace mltf::submit
