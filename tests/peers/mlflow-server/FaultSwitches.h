#pragma once

#include <QJsonObject>

namespace mltf::testserver {

// Misbehaviour on demand, for the client's error handling tests. Set from the command line or with
// POST /__faults {...}; DELETE /__faults resets. Faults apply to the API routes (/api, /ajax-api,
// /get-artifact), never to /__faults, /health or /version.
//   delay_ms          every answer waits this long before its first byte
//   drop_after_bytes  the next drop_count answers (default: all) send their headers and only this many body
//                     bytes, then close the connection
//   html500           the next n requests get a 500 with Flask's HTML page
//   unauthorized      the next n requests get a 401 HTML page with WWW-Authenticate (like basic-auth MLflow)
//   retry_after_503   the next n requests get a 503 with "Retry-After: 1"
//   http429           the next n requests get a 429 with "Retry-After: 1"
struct FaultSwitches
{
    int delayMs = 0;
    int dropAfterBytes = -1;
    int dropCount = -1; // -1: every answer while drop_after_bytes is set
    int html500 = 0;
    int unauthorized = 0;
    int retryAfter503 = 0;
    int http429 = 0;

    void merge(const QJsonObject &settings);
    QJsonObject toJson() const;
};

} // namespace mltf::testserver
