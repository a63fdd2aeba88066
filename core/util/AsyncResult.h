#pragma once

#include "util/Error.h"

#include <QCoreApplication>
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <utility>

namespace mltf {

// Future-to-callback bridges on a QFutureWatcher that is a child of `context`: the callback runs on the
// context's thread, once, and not at all once the context is gone. (Not QFuture::then(context): on Qt 6.4 a
// context continuation deadlocked when its context was destroyed with the request still in flight.)
class AsyncResult
{
public:
    // `done(value)` when the future has a result, else `lost()` (it was cancelled).
    template <typename T, typename Done, typename Lost>
    static QFutureWatcher<T> *watch(const QFuture<T> &future, QObject *context, Done done, Lost lost)
    {
        auto *watcher = new QFutureWatcher<T>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                         [watcher, done = std::move(done), lost = std::move(lost)]() mutable {
                             watcher->deleteLater();
                             const QFuture<T> f = watcher->future();
                             if (f.resultCount() == 0)
                                 lost();
                             else
                                 done(f.result());
                         });
        watcher->setFuture(future);
        return watcher;
    }

    // The Result of a Store future to `done`; a future that ends without a result (cancelled) is delivered
    // as an Error of kind Cancelled.
    template <typename T, typename Done>
    static QFutureWatcher<Result<T>> *watch(const QFuture<Result<T>> &future, QObject *context, Done done)
    {
        auto shared = std::make_shared<Done>(std::move(done));
        return watch(
            future, context, [shared](const Result<T> &r) { (*shared)(r); },
            [shared] {
                (*shared)(Result<T>(Error::make(
                    Error::Kind::Cancelled,
                    QCoreApplication::translate("mltf::AsyncResult", "The request was cancelled."))));
            });
    }
};

} // namespace mltf
