#pragma once

#include "auth/ProviderMetadata.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>

#include <functional>

namespace mltf::auth {

class OidcHttp;

// Fetches and validates <issuer>/.well-known/openid-configuration.
class OidcDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit OidcDiscovery(OidcHttp *http, QObject *parent = nullptr);
    void discover(const QUrl &issuer, std::function<void(const Result<ProviderMetadata> &)> done);
    void cancel();

private:
    OidcHttp *m_http;
    QPointer<QNetworkReply> m_reply;
};

} // namespace mltf::auth
