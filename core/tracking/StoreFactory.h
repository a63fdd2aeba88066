#pragma once

#include "tracking/Store.h"
#include "tracking/TrackingUri.h"
#include "util/Error.h"

#include <memory>

namespace mltf::auth {
class TokenProvider;
}

namespace mltf::tracking {

// Makes the Store for a tracking URI: a RestStore (credentials from the MLflow environment variables,
// sent to that server only) or a FileStore. Fails for an invalid URI or a missing folder.
class StoreFactory
{
public:
    // `session` (optional, not owned, must outlive the store): the sign-in session whose bearer token is
    // sent to the tracking server when someone is signed in.
    static Result<std::shared_ptr<Store>> create(const TrackingUri &uri,
                                                 auth::TokenProvider *session = nullptr);
};

} // namespace mltf::tracking
