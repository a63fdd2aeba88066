#pragma once

#include "project/DocNode.h"
#include "project/MLProject.h"

namespace mltf::project {

// MLProject -> MLproject tree, written into the original tree: fields equal to `baseValue` keep their nodes,
// unknown keys stay, new keys follow MLflow's usual layout (name, env, entry_points; parameters before command;
// parameters as {type: ..., default: ...}, commands double-quoted).
class MLProjectWriter
{
public:
    static DocNode write(const MLProject &value, const MLProject &baseValue, const DocNode &base);

private:
    static void writeEnvironment(DocNode &root, const MLProject &value, const MLProject &baseValue);
    static DocNode writeDocker(const DockerEnv &value, const DocNode *base);
    static DocNode writeEntryPoints(const QList<EntryPoint> &value, const MLProject &baseValue, const DocNode *base);
    static DocNode writeEntryPoint(const EntryPoint &value, const EntryPoint *baseValue, const DocNode *base);
    static DocNode writeParameter(const Parameter &value, const Parameter *baseValue, const DocNode *base);
    static DocNode defaultNode(const Parameter &value);
};

} // namespace mltf::project
