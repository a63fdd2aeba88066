#include "auth/Identity.h"

namespace mltf::auth {

QString Identity::displayName() const
{
    for (const QString *candidate : {&username, &email, &name, &subject}) {
        if (!candidate->isEmpty())
            return *candidate;
    }
    return {};
}

Identity Identity::fromClaims(const QJsonObject &claims)
{
    Identity identity;
    identity.subject = claims.value(QLatin1String("sub")).toString();
    identity.username = claims.value(QLatin1String("preferred_username")).toString();
    identity.name = claims.value(QLatin1String("name")).toString();
    identity.email = claims.value(QLatin1String("email")).toString();
    return identity;
}

QJsonObject Identity::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("sub"), subject);
    o.insert(QLatin1String("preferred_username"), username);
    o.insert(QLatin1String("name"), name);
    o.insert(QLatin1String("email"), email);
    return o;
}

} // namespace mltf::auth
