#pragma once

#include "project/ConfigFields.h"
#include "project/SlurmConfig.h"

#include <QCoreApplication>

namespace mltf::project {

// slurm_config.json tree <-> SlurmConfig. Keys mlflow-slurm does not read (mail-user, job-name, ...) are
// reported as information: they are kept, but have no effect with `--backend slurm`.
class SlurmConfigReader
{
    Q_DECLARE_TR_FUNCTIONS(SlurmConfigReader)

public:
    static SlurmConfig read(const DocNode &root, ReadContext &context);
    static DocNode write(const SlurmConfig &value, const SlurmConfig &baseValue, const DocNode &base);

    static const ConfigFields<SlurmConfig> &fields();
    // The keys ncsa/mlflow-slurm turns into the batch script.
    static bool isMlflowSlurmKey(const QString &key);
};

} // namespace mltf::project
