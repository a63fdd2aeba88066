#pragma once

// Waits for a Store future on the test's event loop (the UI thread keeps running meanwhile).

#include "util/Error.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QSignalSpy>

template <typename T>
mltf::Result<T> awaitResult(QFuture<mltf::Result<T>> future, int timeoutMs = 60000)
{
    QFutureWatcher<mltf::Result<T>> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(future);
    if (!future.isFinished() && !finished.wait(timeoutMs))
        return mltf::Error::make(mltf::Error::Kind::Timeout, QStringLiteral("the test gave up waiting"));
    if (future.isCanceled() || future.resultCount() == 0)
        return mltf::Error::make(mltf::Error::Kind::Cancelled, QStringLiteral("cancelled"));
    return future.result();
}

// The error of a failed result for test messages; empty for a success (QVERIFY2 evaluates it either way).
template <typename T>
QByteArray why(const mltf::Result<T> &r)
{
    if (r.ok())
        return {};
    const mltf::Error &e = r.error();
    return QStringLiteral("%1 (kind %2, HTTP %3, %4) [%5]")
        .arg(e.message)
        .arg(int(e.kind))
        .arg(e.httpStatus)
        .arg(e.code, e.detail.left(300))
        .toUtf8();
}
