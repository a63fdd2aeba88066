#include "auth/AuthService.h"

#include "auth/AuthSession.h"
#include "auth/OidcConfigResolver.h"
#include "auth/OidcHttp.h"
#include "auth/TokenStore.h"

namespace mltf::auth {

AuthService::AuthService(QObject *parent, SecretStore *store)
    : QObject(parent)
    , m_http(new OidcHttp(this))
    , m_store(store ? store : new TokenStore(TokenStore::defaultService(), this))
    , m_session(new AuthSession(m_store, m_http, this))
    , m_resolver(new OidcConfigResolver(m_http, this))
{}

AuthService::~AuthService() = default;

void AuthService::start()
{
    m_resolver->resolve([this](const OidcConfig &config) {
        m_config = config;
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection =
            connect(m_session, &AuthSession::restoreFinished, this, [this, connection](bool signedIn) {
                disconnect(*connection);
                m_started = true;
                emit started(signedIn);
            });
        m_session->restore(config);
    });
}

} // namespace mltf::auth
