#pragma once

#include <QString>

#include <optional>

namespace mltf::project {

// gateway_config.json, forwarded verbatim by the MLTF gateway client. Scalars are kept as text, an empty
// string means "key absent" (see SlurmConfig for how number/string types are kept). `url` and `auth_token`
// are never modelled nor written: their presence in a file is an error diagnostic.
struct GatewayConfig
{
    QString nodes;
    QString cpusPerTask; // "cpus-per-task"
    QString mem;         // MB, "8192"
    QString time;        // seconds in the demos (3600)
    QString partition;   // "batch", "batch_gpu"
    QString account;
    QString gres;        // "gpu:nvidia_rtx_a6000:1"
    QString jobName;     // "job_name"
    std::optional<bool> debug;

    bool requestsGpu() const;

    bool operator==(const GatewayConfig &o) const
    {
        return nodes == o.nodes && cpusPerTask == o.cpusPerTask && mem == o.mem && time == o.time &&
               partition == o.partition && account == o.account && gres == o.gres && jobName == o.jobName &&
               debug == o.debug;
    }
    bool operator!=(const GatewayConfig &o) const { return !(*this == o); }
};

} // namespace mltf::project
