#include "submit/Submitter.h"

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

} // namespace mltf::submit
