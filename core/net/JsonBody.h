#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QFuture>
#include <QJsonObject>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace mltf::net {

// Parsing of JSON response bodies, off the UI thread when they are large.
class JsonBody
{
public:
    // Bodies at least this big are parsed on the thread pool.
    static constexpr int kOffThreadBytes = 256 * 1024;

    // The top-level object, or Error::Kind::Parse with a short reason ("not JSON at offset 12: ...").
    static Result<QJsonObject> object(const QByteArray &body);

    // Runs `parse(body)` (returning Result<T>) on the thread pool for big bodies, else right away; the
    // returned future is finished in the latter case.
    template <typename T, typename Parse>
    static QFuture<Result<T>> parse(QByteArray body, Parse parse)
    {
        if (body.size() >= kOffThreadBytes)
            return QtConcurrent::run([body = std::move(body), parse = std::move(parse)]() -> Result<T> {
                return parse(body);
            });
        QPromise<Result<T>> promise;
        QFuture<Result<T>> future = promise.future();
        promise.start();
        promise.addResult(parse(body));
        promise.finish();
        return future;
    }
};

} // namespace mltf::net
