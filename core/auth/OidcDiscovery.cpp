#include "auth/OidcDiscovery.h"

#include "auth/OAuthErrors.h"
#include "auth/OidcHttp.h"

namespace mltf::auth {

OidcDiscovery::OidcDiscovery(OidcHttp *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{}

void OidcDiscovery::discover(const QUrl &issuer, std::function<void(const Result<ProviderMetadata> &)> done)
{
    if (!ProviderMetadata::isAcceptableEndpoint(issuer)) {
        done(Error::make(
            Error::Kind::InvalidInput,
            tr("The issuer address \"%1\" is not a secure https address.").arg(issuer.toString())));
        return;
    }
    const QUrl url = ProviderMetadata::discoveryUrl(issuer);
    m_reply = m_http->get(url, this, [issuer, url, done = std::move(done)](const HttpReply &reply) {
        if (reply.noAnswer()) {
            done(OAuthErrors::noAnswer(reply, tr("the discovery request")));
            return;
        }
        if (!reply.isSuccess()) {
            Error e = Error::make(reply.status == 404 ? Error::Kind::NotFound : Error::Kind::Http,
                                  tr("%1 does not look like an OpenID Connect identity provider: %2 answered "
                                     "HTTP %3.")
                                      .arg(issuer.toString(), url.toString())
                                      .arg(reply.status));
            e.httpStatus = reply.status;
            done(e);
            return;
        }
        done(ProviderMetadata::parse(reply.body, issuer));
    });
}

void OidcDiscovery::cancel()
{
    if (m_reply)
        m_reply->abort();
}

} // namespace mltf::auth
