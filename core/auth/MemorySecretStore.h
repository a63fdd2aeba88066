#pragma once

#include "auth/SecretStore.h"

#include <QHash>

namespace mltf::auth {

// A SecretStore in memory, for tests. It can pretend to have no keychain (setAvailable(false)).
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QByteArray &secret, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    bool isAvailable() const override { return m_available; }
    QString unavailableReason() const override;

    void setAvailable(bool available) { m_available = available; }
    const QHash<QString, QByteArray> &entries() const { return m_entries; }

private:
    QHash<QString, QByteArray> m_entries;
    bool m_available = true;
};

} // namespace mltf::auth
