#include "project/GatewayConfigReader.h"

namespace mltf::project {

const ConfigFields<GatewayConfig> &GatewayConfigReader::fields()
{
    using F = ConfigField<GatewayConfig>;
    using K = F::Kind;
    static const ConfigFields<GatewayConfig> table({
        {"nodes", K::Number, &GatewayConfig::nodes},
        {"cpus-per-task", K::Number, &GatewayConfig::cpusPerTask},
        {"mem", K::Text, &GatewayConfig::mem},
        {"time", K::Number, &GatewayConfig::time},
        {"partition", K::Text, &GatewayConfig::partition},
        {"account", K::Text, &GatewayConfig::account},
        {"gres", K::Text, &GatewayConfig::gres},
        {"job_name", K::Text, &GatewayConfig::jobName},
        {"debug", K::Flag, nullptr, &GatewayConfig::debug},
    });
    return table;
}

bool GatewayConfigReader::isForbiddenKey(const QString &key)
{
    return key == QLatin1String("url") || key == QLatin1String("auth_token");
}

GatewayConfig GatewayConfigReader::read(const DocNode &root, ReadContext &context)
{
    GatewayConfig value;
    if (!fields().read(root, value, context))
        return value;
    for (int i = 0; i < root.size(); ++i) {
        const QString key = root.keyAt(i);
        if (isForbiddenKey(key)) {
            context.error(&root.keys[size_t(i)], key,
                          tr("\"%1\" must not be stored in gateway_config.json: the gateway client sets it, and "
                             "a project file is no place for a server address or a token. Remove it.")
                              .arg(key),
                          removeSecretsFix);
        } else if (!fields().field(key)) {
            context.info(&root.keys[size_t(i)], key,
                         tr("\"%1\" is not a key the editor knows: it is forwarded to SLURM as written.").arg(key));
        }
    }
    return value;
}

DocNode GatewayConfigReader::write(const GatewayConfig &value, const GatewayConfig &baseValue, const DocNode &base)
{
    return fields().write(value, baseValue, base);
}

} // namespace mltf::project
