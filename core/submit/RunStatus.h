#pragma once

#include "tracking/RunStatus.h"

namespace mltf::submit {

// Tasks speak MLflow's run states (tracking::RunStatus: Scheduled, Running, Finished, Failed, Killed).
using tracking::isTerminal;
using tracking::RunStatus;
using tracking::runStatusFromName;
using tracking::runStatusName;

} // namespace mltf::submit
