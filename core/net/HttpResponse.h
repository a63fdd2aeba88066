#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace mltf::net {

// A complete HTTP answer (any status). HttpJob gives it as the value only for 2xx/3xx-not-followed answers;
// other statuses become an mltf::Error (see ErrorDecoder).
struct HttpResponse
{
    int status = 0;
    QUrl url; // the final URL, after redirects
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray &name) const;
    // application/json or any "+json" type.
    bool isJson() const;
    bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace mltf::net
