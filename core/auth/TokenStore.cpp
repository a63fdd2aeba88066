#include "auth/TokenStore.h"

#include "util/Logging.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace mltf::auth {

TokenStore::TokenStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{}

QString TokenStore::tokensKey(const QUrl &issuer, const QString &clientId, const QString &subject)
{
    return QStringLiteral("tokens %1 %2 %3")
        .arg(issuer.toString(QUrl::StripTrailingSlash), clientId, subject);
}

QString TokenStore::accountKey(const QUrl &issuer, const QString &clientId)
{
    return QStringLiteral("account %1 %2").arg(issuer.toString(QUrl::StripTrailingSlash), clientId);
}

Error TokenStore::errorOf(QKeychain::Job *job)
{
    Error e;
    e.detail = QStringLiteral("keychain error %1: %2").arg(int(job->error())).arg(job->errorString());
    switch (job->error()) {
    case QKeychain::NoError:
        e.kind = Error::Kind::Internal;
        break;
    case QKeychain::EntryNotFound:
        e.kind = Error::Kind::NotFound;
        e.message = tr("Nothing is stored in the keychain for this sign-in.");
        return e;
    case QKeychain::AccessDeniedByUser:
        e.kind = Error::Kind::Unauthorized;
        e.message =
            tr("Access to the keychain was refused. Your sign-in is kept only until MLTF Desktop closes.");
        return e;
    case QKeychain::CouldNotDeleteEntry:
        e.kind = Error::Kind::Io;
        e.message = tr("The keychain could not delete the stored sign-in: %1").arg(job->errorString());
        return e;
    default:
        e.kind = Error::Kind::Unsupported;
        break;
    }
    // No backend, no D-Bus session, a locked or broken Secret Service: there is no keychain to use.
    e.message = tr("No keychain is available (%1). Your sign-in is kept only until MLTF Desktop closes; "
                   "nothing is written to disk.")
                    .arg(job->errorString());
    if (m_available || m_unavailableReason != e.message) {
        m_available = false;
        m_unavailableReason = e.message;
        qCWarning(lcAuth) << "keychain unavailable:" << e.detail;
        emit availabilityChanged(false);
    }
    return e;
}

// Keychain jobs have no parent and delete themselves when they finish: the Secret Service backend calls
// back into its job after the answer arrives, so deleting a job in flight (with a closing window) crashes.
// Connections use `this` as context, so a finished job never calls into a deleted store.

void TokenStore::read(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, guard, done = std::move(done)](QKeychain::Job *j) {
        Result<QByteArray> result =
            j->error() == QKeychain::NoError
                ? Result<QByteArray>(static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData())
                : Result<QByteArray>(errorOf(j));
        if (result.ok() && !m_available) {
            m_available = true;
            m_unavailableReason.clear();
            emit availabilityChanged(true);
        }
        if (guard)
            done(result);
    });
    job->start();
}

void TokenStore::write(const QString &key, const QByteArray &secret, QObject *context, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    job->setKey(key);
    job->setBinaryData(secret);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, guard, done = std::move(done)](QKeychain::Job *j) {
        Status status = j->error() == QKeychain::NoError ? Status(Done{}) : Status(errorOf(j));
        if (status.ok() && !m_available) {
            m_available = true;
            m_unavailableReason.clear();
            emit availabilityChanged(true);
        }
        if (guard)
            done(status);
    });
    job->start();
}

void TokenStore::remove(const QString &key, QObject *context, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, guard, done = std::move(done)](QKeychain::Job *j) {
        Status status = (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound)
                            ? Status(Done{})
                            : Status(errorOf(j));
        if (guard)
            done(status);
    });
    job->start();
}

} // namespace mltf::auth
