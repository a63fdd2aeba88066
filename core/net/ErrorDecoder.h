#pragma once

#include "net/HttpResponse.h"
#include "util/Error.h"

#include <QNetworkReply>
#include <QStringList>

namespace mltf::net {

// Turns failed exchanges into mltf::Error values written for people.
class ErrorDecoder
{
public:
    // A non-2xx answer. MLflow's {"error_code", "message"} is read only when the body is JSON; HTML and text
    // bodies (routing 404/405, auth 401 pages, 500 pages) give a short readable excerpt.
    static Error fromResponse(const HttpResponse &response);
    // No answer (or a broken one): refused, reset, DNS, timeout, TLS, dropped mid-body.
    static Error fromNetworkError(QNetworkReply::NetworkError code, const QString &errorString, const QUrl &url);
    // Certificate / handshake problems (never ignored unless MLFLOW_TRACKING_INSECURE_TLS=true).
    static Error fromTlsErrors(const QStringList &errors, const QUrl &url);
    // The first meaningful line of an HTML or text body, tags and entities removed, at most `maxChars`.
    static QString readableText(const QByteArray &body, int maxChars = 200);
    // Error::Kind for an HTTP status (401/403 Unauthorized, 404 NotFound, 400/409/422 InvalidInput ...).
    static Error::Kind kindForStatus(int status);
};

} // namespace mltf::net
