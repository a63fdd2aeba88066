#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace mltf::auth {

// Where session secrets live. The application uses TokenStore (the OS keychain through QtKeychain); unit
// tests use MemorySecretStore. All calls are asynchronous; callbacks run only while `context` lives.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const Status &)>;
    using ReadCallback = std::function<void(const Result<QByteArray> &)>;

    using QObject::QObject;

    // Reading a key that does not exist gives an Error of kind NotFound.
    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const QByteArray &secret, QObject *context, Callback done) = 0;
    // Removing a key that does not exist succeeds.
    virtual void remove(const QString &key, QObject *context, Callback done) = 0;

    // False once a call found no usable keychain; unavailableReason() then says why, for a person.
    virtual bool isAvailable() const = 0;
    virtual QString unavailableReason() const = 0;

signals:
    void availabilityChanged(bool available);
};

} // namespace mltf::auth
