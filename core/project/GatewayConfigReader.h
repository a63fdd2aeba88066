#pragma once

#include "project/ConfigFields.h"
#include "project/GatewayConfig.h"

#include <QCoreApplication>

namespace mltf::project {

// gateway_config.json tree <-> GatewayConfig. `url` and `auth_token` in the file are errors: the gateway
// client forwards the file, and a token must never be stored in a project.
class GatewayConfigReader
{
    Q_DECLARE_TR_FUNCTIONS(GatewayConfigReader)

public:
    static GatewayConfig read(const DocNode &root, ReadContext &context);
    static DocNode write(const GatewayConfig &value, const GatewayConfig &baseValue, const DocNode &base);

    static const ConfigFields<GatewayConfig> &fields();

    static inline const QString removeSecretsFix = QStringLiteral("gateway.remove-url-and-token");
    static bool isForbiddenKey(const QString &key);
};

} // namespace mltf::project
