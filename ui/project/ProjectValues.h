#pragma once

#include "project/Project.h"

namespace mltf::ui {

// The edited values of every file of a project: what an undo step restores. Plain values, cheap to copy.
struct ProjectValues
{
    project::MLProject ml;
    project::PythonEnv python;
    project::CondaEnv conda;
    project::SlurmConfig slurm;
    project::GatewayConfig gateway;

    static ProjectValues of(const project::Project &p)
    {
        return {p.mlProject(), p.pythonEnv(), p.condaEnv(), p.slurmConfig(), p.gatewayConfig()};
    }
    // Sets only the values that differ, so files nobody edited are neither created nor touched.
    void applyTo(project::Project &p) const
    {
        if (p.mlProject() != ml)
            p.setMlProject(ml);
        if (p.pythonEnv() != python)
            p.setPythonEnv(python);
        if (p.condaEnv() != conda)
            p.setCondaEnv(conda);
        if (p.slurmConfig() != slurm)
            p.setSlurmConfig(slurm);
        if (p.gatewayConfig() != gateway)
            p.setGatewayConfig(gateway);
    }

    bool operator==(const ProjectValues &o) const
    {
        return ml == o.ml && python == o.python && conda == o.conda && slurm == o.slurm && gateway == o.gateway;
    }
    bool operator!=(const ProjectValues &o) const { return !(*this == o); }
};

} // namespace mltf::ui
