#pragma once

#include "auth/HttpReply.h"
#include "auth/ProviderMetadata.h"
#include "auth/TokenSet.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QOAuth2AuthorizationCodeFlow;

namespace mltf::auth {

class LoopbackReplyHandler;

// Authorization code grant with PKCE S256 and a loopback redirect (RFC 8252) through Qt Network Auth's
// QOAuth2AuthorizationCodeFlow. PKCE is Qt's own from 6.8 on; before, this class adds code_challenge and
// code_verifier itself. The browser answer arrives at LoopbackReplyHandler on 127.0.0.1:<random port>.
class AuthCodeFlow : public QObject
{
    Q_OBJECT
public:
    explicit AuthCodeFlow(QObject *parent = nullptr);
    ~AuthCodeFlow() override;

    // Emits authorizationUrlReady() with the page to open, then succeeded() or failed().
    void start(const ProviderMetadata &provider, const QString &clientId, const QStringList &scopes);
    void cancel();
    bool isActive() const { return m_active; }
    // The loopback port while waiting for the browser (0 otherwise).
    quint16 loopbackPort() const;
    // How long to wait for the browser before giving up (default 10 minutes).
    void setBrowserTimeout(int milliseconds) { m_browserTimeoutMs = milliseconds; }

signals:
    void authorizationUrlReady(const QUrl &url);
    void succeeded(const mltf::auth::TokenSet &tokens);
    void failed(const mltf::Error &error);
    // A request to the loopback port that was answered and ignored (wrong state, stray path, garbage).
    void strayRequestIgnored(const QString &what);

private:
    void onTokenReply(const HttpReply &reply);
    void finish();
    void fail(const Error &error);

    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    LoopbackReplyHandler *m_handler = nullptr;
    QTimer m_browserTimeout;
    int m_browserTimeoutMs = 10 * 60 * 1000;
    bool m_active = false;
};

} // namespace mltf::auth
