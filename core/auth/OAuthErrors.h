#pragma once

#include "auth/HttpReply.h"
#include "util/Error.h"

#include <QCoreApplication>

namespace mltf::auth {

// Turns an identity provider's answer (or its silence) into an mltf::Error written for a person. The OAuth
// error code ("invalid_grant", "access_denied", ...) goes into Error::code, the provider's own description
// and the URL into Error::detail.
class OAuthErrors
{
    Q_DECLARE_TR_FUNCTIONS(OAuthErrors)

public:
    // `what` names the step for the message: "the device code request", "the token request", ...
    static Error fromReply(const HttpReply &reply, const QString &what);
    // From an error and error_description pair (token endpoint JSON or a redirect's query).
    static Error fromCode(const QString &code, const QString &description, const QString &what);
    static Error noAnswer(const HttpReply &reply, const QString &what);
    // The OAuth "error" member of a JSON error body, empty if there is none.
    static QString errorCode(const QByteArray &body, QString *description = nullptr);
};

} // namespace mltf::auth
