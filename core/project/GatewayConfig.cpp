#include "project/GatewayConfig.h"

#include "project/SlurmValueValidator.h"

namespace mltf::project {

bool GatewayConfig::requestsGpu() const
{
    return SlurmValueValidator::gresRequestsGpu(gres);
}

} // namespace mltf::project
