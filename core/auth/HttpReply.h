#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace mltf::auth {

// What came back from one request to the identity provider, read completely.
struct HttpReply
{
    QUrl url;
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QByteArray contentType;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;

    // No HTTP answer at all: refused, reset, DNS, timeout, TLS.
    bool noAnswer() const { return status == 0; }
    bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace mltf::auth
