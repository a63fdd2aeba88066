#pragma once

#include "submit/BatchJob.h"
#include "util/Error.h"

#include <QString>
#include <QStringList>

namespace mltf::submit {

// Writes the sbatch script of a task. Every value is checked first (SlurmValueValidator plus a character
// whitelist per #SBATCH field), and every value that reaches a shell line is single-quoted: nothing a user
// types can add a line, a directive or a command. The script exports MLFLOW_TRACKING_URI, MLFLOW_RUN_ID,
// MLFLOW_EXPERIMENT_ID and MLFLOW_TRACKING_TOKEN (read from a file only the user can read), loads the modules,
// then runs `mlflow run` or the entry point command, under srun/torchrun for multi-node or multi-GPU jobs.
class BatchScriptWriter
{
public:
    // One message per bad value ("time: '1 hour' is not a SLURM time ..."); empty when all are fine.
    static QStringList validate(const BatchJob &job);
    // The script, or an InvalidInput error listing every problem of validate().
    static Result<QString> write(const BatchJob &job);

    // The output file the script asks for, relative to the work dir (".mltf/slurm-%j.out" by default).
    static QString outputPattern(const BatchJob &job);
    // The script's file name under .mltf/.
    static QString scriptFileName(const BatchJob &job);
    // GPUs per node the job asks for (gpus_per_node, else the gpu count in gres), 0 for none.
    static int gpusPerNode(const BatchJob &job);
    static int nodeCount(const BatchJob &job);
};

} // namespace mltf::submit
