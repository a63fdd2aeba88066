#include "auth/MemorySecretStore.h"

#include <QMetaObject>

namespace mltf::auth {

namespace {
Error unavailable()
{
    return Error::make(Error::Kind::Unsupported, QStringLiteral("no keychain (test)"));
}
} // namespace

QString MemorySecretStore::unavailableReason() const
{
    return m_available ? QString() : unavailable().message;
}

// Answers come from the event loop, like the keychain's.
void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    Result<QByteArray> result =
        !m_available ? Result<QByteArray>(unavailable())
        : m_entries.contains(key)
            ? Result<QByteArray>(m_entries.value(key))
            : Result<QByteArray>(Error::make(Error::Kind::NotFound, QStringLiteral("no entry")));
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString &key, const QByteArray &secret, QObject *context, Callback done)
{
    if (m_available)
        m_entries.insert(key, secret);
    const Status status = m_available ? Status(Done{}) : Status(unavailable());
    QMetaObject::invokeMethod(
        context, [done = std::move(done), status] { done(status); }, Qt::QueuedConnection);
}

void MemorySecretStore::remove(const QString &key, QObject *context, Callback done)
{
    if (m_available)
        m_entries.remove(key);
    const Status status = m_available ? Status(Done{}) : Status(unavailable());
    QMetaObject::invokeMethod(
        context, [done = std::move(done), status] { done(status); }, Qt::QueuedConnection);
}

} // namespace mltf::auth
