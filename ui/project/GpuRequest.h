#pragma once

#include <QString>

namespace mltf::ui {

// The GPU part of a SLURM gres value ("gpu", "gpu:2", "gpu:nvidia_rtx_a6000:1", next to other items such as
// "shard:1") or of gpus_per_node ("2", "a100:2"), as the resources form shows it: a type and a count.
struct GpuRequest
{
    QString type; // empty: any GPU
    int count = 0;
    bool found = false; // the value had a GPU item

    static GpuRequest fromGres(const QString &gres);
    static GpuRequest fromGpusPerNode(const QString &value);
    // `gres` with its GPU item replaced by this request (added when missing, removed when count is 0);
    // other items are kept in place.
    QString applyToGres(const QString &gres) const;
    // "type:count" or "count"; empty when count is 0.
    QString toGpusPerNode() const;
};

} // namespace mltf::ui
