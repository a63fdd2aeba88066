#include "FaultSwitches.h"

namespace mltf::testserver {

void FaultSwitches::merge(const QJsonObject &s)
{
    auto read = [&s](const char *key, int &target) {
        if (s.contains(QLatin1String(key)))
            target = s.value(QLatin1String(key)).toInt(target);
    };
    read("delay_ms", delayMs);
    read("drop_after_bytes", dropAfterBytes);
    read("drop_count", dropCount);
    read("html500", html500);
    read("unauthorized", unauthorized);
    read("retry_after_503", retryAfter503);
    read("http429", http429);
}

QJsonObject FaultSwitches::toJson() const
{
    return QJsonObject{{QStringLiteral("delay_ms"), delayMs},
                       {QStringLiteral("drop_after_bytes"), dropAfterBytes},
                       {QStringLiteral("drop_count"), dropCount},
                       {QStringLiteral("html500"), html500},
                       {QStringLiteral("unauthorized"), unauthorized},
                       {QStringLiteral("retry_after_503"), retryAfter503},
                       {QStringLiteral("http429"), http429}};
}

} // namespace mltf::testserver
