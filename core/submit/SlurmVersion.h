#pragma once

#include <QString>

namespace mltf::submit {

// The SLURM release a host runs, from `squeue --version` ("slurm 24.11.5", Debian: "slurm-wlm 22.05.8").
// It decides how the host is asked for job states (SlurmSubmitter::refresh).
struct SlurmVersion
{
    int major = 0; // 0: unknown (the command failed or printed something else)
    int minor = 0;

    static SlurmVersion parse(const QString &versionOutput);

    bool isKnown() const { return major > 0; }
    // From 23.02 on, `squeue --json --jobs <id>` lists just that job; 22.05 ignores --jobs with --json and
    // lists the whole cluster, too much to fetch every few seconds on a big site.
    bool listsOneJobAsJson() const { return major * 100 + minor >= 2302; }
    QString toString() const;
};

} // namespace mltf::submit
