#include "tracking/RunStatus.h"

#include <QCoreApplication>

namespace mltf::tracking {

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return QStringLiteral("RUNNING");
    case RunStatus::Scheduled: return QStringLiteral("SCHEDULED");
    case RunStatus::Finished: return QStringLiteral("FINISHED");
    case RunStatus::Failed: return QStringLiteral("FAILED");
    case RunStatus::Killed: return QStringLiteral("KILLED");
    case RunStatus::Unknown: break;
    }
    return QStringLiteral("UNKNOWN");
}

RunStatus runStatusFromName(const QString &name)
{
    const QString upper = name.trimmed().toUpper();
    bool isNumber = false;
    const int number = upper.toInt(&isNumber);
    if (isNumber)
        return number >= 1 && number <= 5 ? RunStatus(number) : RunStatus::Unknown;
    for (RunStatus s : {RunStatus::Running, RunStatus::Scheduled, RunStatus::Finished, RunStatus::Failed,
                        RunStatus::Killed})
        if (upper == runStatusName(s))
            return s;
    return RunStatus::Unknown;
}

QString runStatusLabel(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return QCoreApplication::translate("mltf::tracking::RunStatus", "Running");
    case RunStatus::Scheduled: return QCoreApplication::translate("mltf::tracking::RunStatus", "Scheduled");
    case RunStatus::Finished: return QCoreApplication::translate("mltf::tracking::RunStatus", "Finished");
    case RunStatus::Failed: return QCoreApplication::translate("mltf::tracking::RunStatus", "Failed");
    case RunStatus::Killed: return QCoreApplication::translate("mltf::tracking::RunStatus", "Killed");
    case RunStatus::Unknown: break;
    }
    return QCoreApplication::translate("mltf::tracking::RunStatus", "Unknown");
}

bool isTerminal(RunStatus status)
{
    return status == RunStatus::Finished || status == RunStatus::Failed || status == RunStatus::Killed;
}

} // namespace mltf::tracking
