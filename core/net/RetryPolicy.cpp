#include "net/RetryPolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace mltf::net {

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

int RetryPolicy::delayMs(int attempt, std::optional<int> retryAfterMs, double random01) const
{
    if (retryAfterMs)
        return std::max(0, *retryAfterMs);
    const int exponent = std::clamp(attempt - 2, 0, 20);
    const double raw = std::min<double>(maxDelayMs, double(baseDelayMs) * std::pow(2.0, exponent));
    const double factor = 1.0 + jitter * (2.0 * std::clamp(random01, 0.0, 1.0) - 1.0);
    return std::max(0, int(std::lround(raw * factor)));
}

std::optional<int> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<int>(int(std::min<qlonglong>(seconds, 86400) * 1000));
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QString text = QString::fromLatin1(trimmed);
    QDateTime when = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (when.isValid())
        when = QDateTime(when.date(), when.time(), QTimeZone::utc());
    else
        when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    const qint64 ms = now.msecsTo(when);
    return int(std::clamp<qint64>(ms, 0, 86400 * 1000));
}

} // namespace mltf::net
