#include "project/SlurmConfig.h"

#include "project/SlurmValueValidator.h"

namespace mltf::project {

bool SlurmConfig::requestsGpu() const
{
    return SlurmValueValidator::gresRequestsGpu(gres) || gpusPerNode.trimmed().toInt() > 0;
}

bool SlurmConfig::operator==(const SlurmConfig &o) const
{
    return partition == o.partition && account == o.account && gpusPerNode == o.gpusPerNode && gres == o.gres &&
           mem == o.mem && time == o.time && nodes == o.nodes && ntasks == o.ntasks && exclusive == o.exclusive &&
           exports == o.exports && modules == o.modules && environment == o.environment &&
           sbatchScriptFile == o.sbatchScriptFile && mailUser == o.mailUser && mailType == o.mailType &&
           jobName == o.jobName && output == o.output && error == o.error && cpusPerTask == o.cpusPerTask &&
           qos == o.qos && constraint == o.constraint;
}

} // namespace mltf::project
