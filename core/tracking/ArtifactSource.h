#pragma once

#include "tracking/FileInfo.h"
#include "util/Error.h"

#include <QByteArray>
#include <QFuture>
#include <QObject>

#include <memory>

namespace mltf::tracking {

class Store;

// One file's bytes being written to a local file. Emits `received` as bytes arrive and `finished` once. The
// transfer writes to `file` from `offset` (earlier bytes are kept; the file is cut to `offset` first).
class ArtifactTransfer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Stops at once; `finished` is not emitted after abort().
    virtual void abort() = 0;

signals:
    // `bytesInFile`: the local file's size now. It may drop to 0 when a server ignored Range and resent all.
    void received(qint64 bytesInFile);
    // Ok, or an error; `retryable` for a dropped connection, a timeout or a 502/503/504/429.
    void finished(const mltf::Status &status, bool retryable);
};

// Where a run's artifact bytes come from: /get-artifact on a tracking server (Range for resuming), or the
// local artifact folder of a FileStore run. Listing stays Store::listArtifacts.
class ArtifactSource
{
public:
    virtual ~ArtifactSource() = default;

    // A source for `store`'s run `runId` (a RestStore or a FileStore); nullptr for other stores.
    static std::unique_ptr<ArtifactSource> forStore(const std::shared_ptr<Store> &store,
                                                    const QString &runId);

    // The whole file, for previews; fails (Unsupported) when it is larger than `maxBytes`.
    virtual QFuture<Result<QByteArray>> read(const QString &path, qint64 maxBytes) = 0;
    // Starts copying `path` into `localFile` from byte `offset`. The transfer is a child of `parent`.
    virtual ArtifactTransfer *transfer(const QString &path, const QString &localFile, qint64 offset,
                                       QObject *parent) = 0;
};

} // namespace mltf::tracking
