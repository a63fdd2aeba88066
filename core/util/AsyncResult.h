#pragma once

#include "util/Error.h"

#include <QCoreApplication>
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace mltf {

// Delivers the Result of a Store future to `done` on `context`'s thread, once, while `context` lives: the
// watcher is a child of `context`, so destroying the context drops the callback. A future that ends without
// a result (cancelled) is delivered as an Error of kind Cancelled.
class AsyncResult
{
public:
    template <typename T, typename Done>
    static QFutureWatcher<Result<T>> *watch(const QFuture<Result<T>> &future, QObject *context, Done done)
    {
        auto *watcher = new QFutureWatcher<Result<T>>(context);
        QObject::connect(
            watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
                watcher->deleteLater();
                const QFuture<Result<T>> f = watcher->future();
                if (f.resultCount() == 0) {
                    done(Result<T>(Error::make(
                        Error::Kind::Cancelled,
                        QCoreApplication::translate("mltf::AsyncResult", "The request was cancelled."))));
                    return;
                }
                done(f.result());
            });
        watcher->setFuture(future);
        return watcher;
    }
};

} // namespace mltf
