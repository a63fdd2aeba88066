#pragma once

#include "auth/DeviceAuthorization.h"
#include "auth/HttpReply.h"
#include "auth/ProviderMetadata.h"
#include "auth/TokenSet.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace mltf::auth {

class OidcHttp;

// OAuth 2.0 Device Authorization Grant (RFC 8628) on QNetworkAccessManager (Qt 6.4 has none): asks for a
// device code, hands out the user code and the page to open, then polls the token endpoint at the interval
// the provider asked for (5 s if it did not say), +5 s on every slow_down, until the user confirms
// (succeeded), declines (access_denied), the code expires (expired_token, or expires_in elapsed here), or
// cancel() is called.
class DeviceFlow : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Requesting, WaitingForUser, Succeeded, Failed, Cancelled };
    Q_ENUM(State)

    explicit DeviceFlow(OidcHttp *http, QObject *parent = nullptr);

    void start(const ProviderMetadata &provider, const QString &clientId, const QStringList &scopes);
    void cancel();

    State state() const { return m_state; }
    const DeviceAuthorization &authorization() const { return m_authorization; }
    int pollIntervalSeconds() const { return m_intervalSeconds; }
    int pollCount() const { return m_polls; }

    // Tests only: how many milliseconds one protocol second lasts (default 1000).
    void setMillisecondsPerSecond(int ms) { m_msPerSecond = ms; }

signals:
    void userCodeReady(const mltf::auth::DeviceAuthorization &authorization);
    void pollIntervalChanged(int seconds);
    void succeeded(const mltf::auth::TokenSet &tokens);
    void failed(const mltf::Error &error);

private:
    void poll();
    void onPollReply(const HttpReply &reply);
    void scheduleNextPoll();
    void fail(const Error &error);

    OidcHttp *m_http;
    ProviderMetadata m_provider;
    QString m_clientId;
    DeviceAuthorization m_authorization;
    State m_state = State::Idle;
    int m_intervalSeconds = 5;
    int m_polls = 0;
    int m_consecutiveNetworkFailures = 0;
    int m_msPerSecond = 1000;
    QTimer m_pollTimer;
    QTimer m_expiryTimer;
    QPointer<QNetworkReply> m_reply;
};

} // namespace mltf::auth
