#include "project/MLProjectWriter.h"

#include "project/DocMerge.h"
#include "project/YamlScalar.h"

#include <QRegularExpression>

namespace mltf::project {

namespace {

QString envKeyOf(MLProject::EnvKind kind)
{
    switch (kind) {
    case MLProject::EnvKind::Python:
        return QStringLiteral("python_env");
    case MLProject::EnvKind::Conda:
        return QStringLiteral("conda_env");
    case MLProject::EnvKind::Docker:
        return QStringLiteral("docker_env");
    case MLProject::EnvKind::None:
        break;
    }
    return {};
}

const Parameter *findParameter(const EntryPoint *entry, const QString &name)
{
    if (!entry)
        return nullptr;
    for (const Parameter &p : entry->parameters) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

} // namespace

DocNode MLProjectWriter::write(const MLProject &value, const MLProject &baseValue, const DocNode &base)
{
    DocNode root = DocMerge::mapFrom(&base);
    if (value.name != baseValue.name) {
        if (value.name.isEmpty()) {
            root.remove(QStringLiteral("name"));
        } else if (root.get(QStringLiteral("name"))) {
            root.set(QStringLiteral("name"), DocNode::makeString(value.name));
        } else { // the name goes first
            root.keys.insert(root.keys.begin(), DocNode::makeString(QStringLiteral("name")));
            root.values.insert(root.values.begin(), DocNode::makeString(value.name));
        }
    }
    writeEnvironment(root, value, baseValue);
    const DocNode *entryPoints = root.get(QStringLiteral("entry_points"));
    if (value.entryPoints != baseValue.entryPoints && (entryPoints || !value.entryPoints.isEmpty()))
        root.set(QStringLiteral("entry_points"), writeEntryPoints(value.entryPoints, baseValue, entryPoints));
    return root;
}

void MLProjectWriter::writeEnvironment(DocNode &root, const MLProject &value, const MLProject &baseValue)
{
    const QString key = envKeyOf(value.envKind);
    if (value.envKind == baseValue.envKind) {
        if (value.envKind == MLProject::EnvKind::Docker && value.dockerEnv != baseValue.dockerEnv)
            root.set(key, writeDocker(value.dockerEnv, root.get(key)));
        else if (!key.isEmpty() && key != QLatin1String("docker_env") && value.envFile != baseValue.envFile)
            root.set(key, DocNode::makeString(value.envFile));
        return;
    }
    // A new kind replaces every environment key, at the place of the first one (else after the name).
    int at = -1;
    for (const QString &k : {QStringLiteral("python_env"), QStringLiteral("conda_env"), QStringLiteral("docker_env")}) {
        const int i = root.indexOf(k);
        if (i >= 0 && (at < 0 || i < at))
            at = i;
    }
    for (const QString &k : {QStringLiteral("python_env"), QStringLiteral("conda_env"), QStringLiteral("docker_env")})
        root.remove(k);
    if (key.isEmpty())
        return;
    const DocNode node = value.envKind == MLProject::EnvKind::Docker ? writeDocker(value.dockerEnv, nullptr)
                                                                     : DocNode::makeString(value.envFile);
    if (at < 0)
        at = root.indexOf(QStringLiteral("name")) + 1;
    at = std::min(at, root.size());
    root.keys.insert(root.keys.begin() + at, DocNode::makeString(key));
    root.values.insert(root.values.begin() + at, node);
}

DocNode MLProjectWriter::writeDocker(const DockerEnv &value, const DocNode *base)
{
    DocNode node = DocMerge::mapFrom(base);
    node.set(QStringLiteral("image"), DocNode::makeString(value.image));
    const DocNode *volumes = node.get(QStringLiteral("volumes"));
    if (!value.volumes.isEmpty() || volumes)
        node.set(QStringLiteral("volumes"), DocMerge::stringSeq(volumes, value.volumes));
    const DocNode *baseEnv = node.get(QStringLiteral("environment"));
    if (value.environment.isEmpty() && !baseEnv)
        return node;
    DocNode env = baseEnv && baseEnv->isSeq() ? DocMerge::emptied(*baseEnv) : DocNode::makeSeq();
    for (int i = 0; i < value.environment.size(); ++i) {
        const DockerEnvVar &var = value.environment.at(i);
        // Keep the original item when it says the same thing.
        if (baseEnv && i < baseEnv->size()) {
            const DocNode &old = baseEnv->values[size_t(i)];
            const bool same = var.value ? (old.isSeq() && old.size() == 2 && old.values[0].scalar == var.name &&
                                           old.values[1].scalar == *var.value)
                                        : (old.isScalar() && old.scalar == var.name);
            if (same) {
                env.values.push_back(old);
                continue;
            }
        }
        if (var.value) {
            DocNode pair = DocNode::makeSeq(true);
            pair.values.push_back(DocNode::makeString(var.name));
            pair.values.push_back(DocNode::makeString(*var.value));
            env.values.push_back(pair);
        } else {
            env.values.push_back(DocNode::makeString(var.name));
        }
    }
    node.set(QStringLiteral("environment"), env);
    return node;
}

DocNode MLProjectWriter::writeEntryPoints(const QList<EntryPoint> &value, const MLProject &baseValue,
                                          const DocNode *base)
{
    const bool reuse = base && base->isMap();
    DocNode out = reuse ? DocMerge::emptied(*base) : DocNode::makeMap();
    for (const EntryPoint &entry : value) {
        const int i = reuse ? base->indexOf(entry.name) : -1;
        const EntryPoint *baseEntry = i >= 0 ? baseValue.entryPoint(entry.name) : nullptr;
        out.keys.push_back(i >= 0 ? base->keys[size_t(i)] : DocNode::makeString(entry.name));
        out.values.push_back(writeEntryPoint(entry, baseEntry, i >= 0 ? &base->values[size_t(i)] : nullptr));
    }
    return out;
}

DocNode MLProjectWriter::writeEntryPoint(const EntryPoint &value, const EntryPoint *baseValue, const DocNode *base)
{
    if (baseValue && base && value == *baseValue)
        return *base;
    DocNode node = DocMerge::mapFrom(base);
    const DocNode *baseParams = node.get(QStringLiteral("parameters"));
    const bool paramsChanged = !baseValue || value.parameters != baseValue->parameters;
    if (paramsChanged && (!value.parameters.isEmpty() || (baseParams && !baseParams->isNull()))) {
        const bool reuse = baseParams && baseParams->isMap();
        DocNode params = reuse ? DocMerge::emptied(*baseParams) : DocNode::makeMap();
        for (const Parameter &p : value.parameters) {
            const int i = reuse ? baseParams->indexOf(p.name) : -1;
            params.keys.push_back(i >= 0 ? baseParams->keys[size_t(i)] : DocNode::makeString(p.name));
            params.values.push_back(writeParameter(p, findParameter(baseValue, p.name),
                                                   i >= 0 ? &baseParams->values[size_t(i)] : nullptr));
        }
        if (params.values.empty())
            node.remove(QStringLiteral("parameters"));
        else
            DocMerge::putAfter(node, {}, QStringLiteral("parameters"), params);
    }
    if (!baseValue || value.command != baseValue->command || !node.get(QStringLiteral("command")))
        node.set(QStringLiteral("command"), DocNode::makeScalar(value.command, DocNode::Style::DoubleQuoted));
    // A new entry point lists its parameters before the command, as MLflow's examples do.
    if (!base && node.indexOf(QStringLiteral("command")) == 0 && node.size() == 2) {
        std::swap(node.keys[0], node.keys[1]);
        std::swap(node.values[0], node.values[1]);
    }
    return node;
}

DocNode MLProjectWriter::defaultNode(const Parameter &value)
{
    const bool numeric = value.type == QLatin1String("float") || value.type == QLatin1String("int");
    const DocNode::ValueType t = YamlScalar::resolvePlain(value.defaultValue);
    if (numeric && (t == DocNode::ValueType::Int || t == DocNode::ValueType::Float) &&
        YamlScalar::canBePlain(value.defaultValue))
        return DocNode::makeScalar(value.defaultValue);
    return DocNode::makeString(value.defaultValue);
}

DocNode MLProjectWriter::writeParameter(const Parameter &value, const Parameter *baseValue, const DocNode *base)
{
    if (baseValue && base && value == *baseValue)
        return *base;
    if (base && base->isString() && !value.hasDefault)
        return DocNode::makeString(value.type); // keep the short form `name: type`
    DocNode node = base && base->isMap() ? *base : DocNode::makeMap(true);
    const bool wasMap = base && base->isMap();
    const bool typeChanged = !baseValue || value.type != baseValue->type;
    if (typeChanged || !wasMap) {
        // `{type path, ...}` (a missing colon) gives way to a real type key once the type is chosen.
        static const QRegularExpression missingColon(QStringLiteral("^type\\s+\\S+$"));
        for (int i = node.size() - 1; i >= 0; --i) {
            if (missingColon.match(node.keyAt(i)).hasMatch()) {
                node.keys.erase(node.keys.begin() + i);
                node.values.erase(node.values.begin() + i);
            }
        }
        if (node.get(QStringLiteral("type"))) {
            node.set(QStringLiteral("type"), DocNode::makeString(value.type));
        } else {
            node.keys.insert(node.keys.begin(), DocNode::makeString(QStringLiteral("type")));
            node.values.insert(node.values.begin(), DocNode::makeString(value.type));
        }
    }
    const bool defaultChanged = !baseValue || value.hasDefault != baseValue->hasDefault ||
                                (value.hasDefault && value.defaultValue != baseValue->defaultValue);
    if (defaultChanged)
        DocMerge::put(node, QStringLiteral("default"), value.hasDefault, defaultNode(value));
    return node;
}

} // namespace mltf::project
