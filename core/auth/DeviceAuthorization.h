#pragma once

#include "util/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUrl>

namespace mltf::auth {

// The device authorization answer (RFC 8628 3.2): what to show the user and how to poll.
struct DeviceAuthorization
{
    Q_DECLARE_TR_FUNCTIONS(DeviceAuthorization)

public:
    QString deviceCode; // secret to the app: never shown or logged
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // with the user code in it; built from the two above when absent
    QDateTime expiresAt;          // local clock: receipt time + expires_in
    int intervalSeconds = 5;      // RFC 8628 default

    // The page to open: verification_uri_complete, else verification_uri?user_code=... (what the MLTF CLI
    // does).
    QUrl urlToOpen() const;

    static Result<DeviceAuthorization> parse(const QByteArray &body, const QDateTime &receivedAt);
};

} // namespace mltf::auth
