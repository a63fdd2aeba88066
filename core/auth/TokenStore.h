#pragma once

#include "auth/SecretStore.h"

#include <QCoreApplication>
#include <QUrl>

namespace QKeychain {
class Job;
}

namespace mltf::auth {

// The OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
// Windows). Never falls back to a plaintext file: with no keychain, calls fail with a clear reason and the
// session stays in memory only.
class TokenStore : public SecretStore
{
    Q_OBJECT
public:
    explicit TokenStore(const QString &service = defaultService(), QObject *parent = nullptr);

    static QString defaultService() { return QStringLiteral("MLTF Desktop"); }
    // One entry per issuer + client + user (the user is the `sub` claim).
    static QString tokensKey(const QUrl &issuer, const QString &clientId, const QString &subject);
    // Which user last signed in with this issuer + client, so the session can be found again at start.
    static QString accountKey(const QUrl &issuer, const QString &clientId);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QByteArray &secret, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    bool isAvailable() const override { return m_available; }
    QString unavailableReason() const override { return m_unavailableReason; }

    QString service() const { return m_service; }

private:
    // Maps a job's error to an mltf::Error and notes when the keychain itself is missing.
    Error errorOf(QKeychain::Job *job);

    QString m_service;
    bool m_available = true;
    QString m_unavailableReason;
};

} // namespace mltf::auth
