#pragma once

#include <QString>

namespace mltf::tracking {

// MLflow's RunStatus. The numbers are the proto values the file store writes into meta.yaml.
enum class RunStatus {
    Unknown = 0,
    Running = 1,
    Scheduled = 2,
    Finished = 3,
    Failed = 4,
    Killed = 5,
};

// "RUNNING", "FINISHED" ... (the wire names).
QString runStatusName(RunStatus status);
// Parses a wire name (case-insensitive) or the proto number; Unknown when neither.
RunStatus runStatusFromName(const QString &name);
// A translated label for people ("Running", "Finished" ...).
QString runStatusLabel(RunStatus status);
// Finished, Failed and Killed: the run will not change any more.
bool isTerminal(RunStatus status);

} // namespace mltf::tracking
