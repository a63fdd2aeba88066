#pragma once

#include "util/Error.h"

#include <QString>

#include <functional>

class QObject;

namespace mltf::auth {

// What the HTTP layer asks for a bearer token. It is net's job to call this only for the hosts the user
// configured (tracking server, gateway, issuer) and never for any other host or redirect target.
class TokenProvider
{
public:
    using TokenCallback = std::function<void(const Result<QString> &)>;

    virtual ~TokenProvider() = default;

    // A valid access token, refreshed first when it expires within the refresh margin (60 s). Fails with
    // Error::Kind::Unauthorized when nobody is signed in or the session has ended. Callbacks run only while
    // `context` lives, and always asynchronously.
    virtual void accessToken(QObject *context, TokenCallback done) = 0;

    // A server answered 401 to a request sent with `rejectedToken`. Refreshes once and gives the new token to
    // retry with; if that new token is refused again, gives up and asks the user to sign in again
    // (Error::Kind::Unauthorized). If the token was already replaced meanwhile, gives the current one.
    virtual void handleUnauthorized(const QString &rejectedToken, QObject *context, TokenCallback done) = 0;
};

} // namespace mltf::auth
