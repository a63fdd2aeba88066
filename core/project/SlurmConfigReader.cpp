#include "project/SlurmConfigReader.h"

namespace mltf::project {

const ConfigFields<SlurmConfig> &SlurmConfigReader::fields()
{
    using F = ConfigField<SlurmConfig>;
    using K = F::Kind;
    static const ConfigFields<SlurmConfig> table({
        {"partition", K::Text, &SlurmConfig::partition},
        {"account", K::Text, &SlurmConfig::account},
        {"gpus_per_node", K::Number, &SlurmConfig::gpusPerNode},
        {"gres", K::Text, &SlurmConfig::gres},
        {"mem", K::Text, &SlurmConfig::mem},
        {"time", K::Text, &SlurmConfig::time},
        {"nodes", K::Number, &SlurmConfig::nodes},
        {"ntasks", K::Number, &SlurmConfig::ntasks},
        {"exclusive", K::Flag, nullptr, &SlurmConfig::exclusive},
        {"exports", K::List, nullptr, nullptr, &SlurmConfig::exports},
        {"modules", K::List, nullptr, nullptr, &SlurmConfig::modules},
        {"environment", K::List, nullptr, nullptr, &SlurmConfig::environment},
        {"sbatch-script-file", K::Text, &SlurmConfig::sbatchScriptFile},
        {"mail-user", K::Text, &SlurmConfig::mailUser},
        {"mail-type", K::Text, &SlurmConfig::mailType},
        {"job-name", K::Text, &SlurmConfig::jobName},
        {"output", K::Text, &SlurmConfig::output},
        {"error", K::Text, &SlurmConfig::error},
        {"cpus-per-task", K::Number, &SlurmConfig::cpusPerTask},
        {"qos", K::Text, &SlurmConfig::qos},
        {"constraint", K::Text, &SlurmConfig::constraint},
    });
    return table;
}

bool SlurmConfigReader::isMlflowSlurmKey(const QString &key)
{
    static const QStringList keys = {
        QStringLiteral("partition"), QStringLiteral("account"), QStringLiteral("gpus_per_node"),
        QStringLiteral("gres"),      QStringLiteral("mem"),     QStringLiteral("time"),
        QStringLiteral("nodes"),     QStringLiteral("ntasks"),  QStringLiteral("exclusive"),
        QStringLiteral("exports"),   QStringLiteral("modules"), QStringLiteral("environment"),
        QStringLiteral("sbatch-script-file")};
    return keys.contains(key);
}

SlurmConfig SlurmConfigReader::read(const DocNode &root, ReadContext &context)
{
    SlurmConfig value;
    if (!fields().read(root, value, context))
        return value;
    for (int i = 0; i < root.size(); ++i) {
        const QString key = root.keyAt(i);
        if (isMlflowSlurmKey(key))
            continue;
        const DocNode *at = &root.keys[size_t(i)];
        if (fields().field(key)) {
            context.info(at, key,
                         tr("\"%1\" is not read by mlflow-slurm: it is kept, but has no effect with "
                            "--backend slurm.")
                             .arg(key));
        } else {
            context.info(at, key, tr("Unknown key \"%1\": mlflow-slurm ignores it.").arg(key));
        }
    }
    return value;
}

DocNode SlurmConfigReader::write(const SlurmConfig &value, const SlurmConfig &baseValue, const DocNode &base)
{
    return fields().write(value, baseValue, base);
}

} // namespace mltf::project
