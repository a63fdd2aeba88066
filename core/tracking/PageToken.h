#pragma once

#include "util/Error.h"

#include <QString>

namespace mltf::tracking {

// MLflow's offset page tokens: base64 of the JSON {"offset": N}. Used by FileStore and the test server
// (clients treat tokens as opaque).
class PageToken
{
public:
    static QString encode(qint64 offset);
    // 0 for an empty token; an InvalidInput error with the server's wording for garbage.
    static Result<qint64> decode(const QString &token);
};

} // namespace mltf::tracking
