#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace mltf::net {

// When and how long to wait before repeating an idempotent request: on connection errors (refused, reset,
// dropped mid-body, timeout) and on 429/502/503/504. Exponential backoff with jitter, or Retry-After when the
// server gives one (capped at maxRetryAfterMs: a longer wait is reported as an error instead).
struct RetryPolicy
{
    int maxAttempts = 4;    // including the first one
    int baseDelayMs = 300;  // before the 2nd attempt, then x2 each time
    int maxDelayMs = 8000;
    double jitter = 0.3;    // +/- 30 %
    int maxRetryAfterMs = 30000;

    static bool isRetryableStatus(int status);
    // Delay before attempt `attempt` (2 = first retry); `retryAfterMs` wins when set. `random01` is a value in
    // [0,1) (injectable for tests).
    int delayMs(int attempt, std::optional<int> retryAfterMs, double random01) const;
    // Retry-After as delta-seconds or HTTP-date; nullopt when absent or unparsable.
    static std::optional<int> parseRetryAfter(const QByteArray &value, const QDateTime &now);
};

} // namespace mltf::net
