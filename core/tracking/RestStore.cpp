#include "tracking/RestStore.h"

#include "net/HttpClient.h"
#include "net/JsonBody.h"
#include "tracking/RestEndpoints.h"
#include "util/AsyncResult.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace mltf::tracking {

namespace {

template <typename T> using PromisePtr = std::shared_ptr<QPromise<Result<T>>>;

template <typename T> PromisePtr<T> startedPromise()
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    return promise;
}

template <typename T> void fulfil(const PromisePtr<T> &promise, Result<T> result)
{
    if (!promise->isCanceled())
        promise->addResult(std::move(result));
    promise->finish();
}

// Cancelling the future aborts the HTTP job.
template <typename T> void abortOnCancel(const QFuture<Result<T>> &future, net::HttpJob *job)
{
    auto *watcher = new QFutureWatcher<Result<T>>(job);
    QObject::connect(watcher, &QFutureWatcherBase::canceled, job, &net::HttpJob::abort);
    watcher->setFuture(future);
}

// Sends `request` and decodes a 2xx body with `decode` (on the thread pool when the body is big).
template <typename T, typename Decode>
void sendInto(net::HttpClient *client, QObject *context, const net::HttpRequest &request,
              const PromisePtr<T> &promise, Decode decode)
{
    net::HttpJob *job = client->send(request);
    abortOnCancel(promise->future(), job);
    job->onFinished(context, [promise, decode](const Result<net::HttpResponse> &reply) {
        if (promise->isCanceled()) {
            promise->finish();
            return;
        }
        if (!reply.ok()) {
            fulfil<T>(promise, reply.error());
            return;
        }
        const QByteArray body = reply.value().body;
        if (body.size() < net::JsonBody::kOffThreadBytes) {
            fulfil<T>(promise, decode(body));
            return;
        }
        // QPromise may be fulfilled from the worker thread.
        (void)QtConcurrent::run([promise, decode, body] { fulfil<T>(promise, decode(body)); });
    });
}

template <typename T, typename Decode>
QFuture<Result<T>> call(net::HttpClient *client, QObject *context, const net::HttpRequest &request,
                        Decode decode)
{
    PromisePtr<T> promise = startedPromise<T>();
    sendInto<T>(client, context, request, promise, std::move(decode));
    return promise->future();
}

template <typename Endpoint>
QFuture<Result<typename Endpoint::Value>> call(net::HttpClient *client, QObject *context,
                                               const net::HttpRequest &request)
{
    return call<typename Endpoint::Value>(client, context, request,
                                          [](const QByteArray &b) { return Endpoint::decode(b); });
}

// Loads every page of one metric history, then sorts it by step (off the UI thread when big).
class HistoryLoad : public std::enable_shared_from_this<HistoryLoad>
{
public:
    HistoryLoad(net::HttpClient *client, QObject *context, QString prefix, QString runId, QString key)
        : m_client(client)
        , m_context(context)
        , m_prefix(std::move(prefix))
    {
        m_history.runId = std::move(runId);
        m_history.key = std::move(key);
        m_promise = startedPromise<MetricHistory>();
    }

    QFuture<Result<MetricHistory>> future() { return m_promise->future(); }

    void nextPage(const QString &token)
    {
        auto self = shared_from_this();
        auto page = startedPromise<MetricHistoryPage>();
        sendInto<MetricHistoryPage>(
            m_client, m_context,
            rest::GetMetricHistory::request(m_prefix, m_history.runId, m_history.key, token), page,
            [](const QByteArray &b) { return rest::GetMetricHistory::decode(b); });
        // Cancelling the whole load cancels the page in flight.
        auto *watcher = new QFutureWatcher<Result<MetricHistory>>(m_context);
        QObject::connect(watcher, &QFutureWatcherBase::canceled, watcher,
                         [page] { page->future().cancel(); });
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
        watcher->setFuture(m_promise->future());
        AsyncResult::watch(page->future(), m_context,
                           [self, token](const Result<MetricHistoryPage> &r) { self->onPage(token, r); });
    }

private:
    void onPage(const QString &token, const Result<MetricHistoryPage> &r)
    {
        if (m_promise->isCanceled()) {
            m_promise->finish();
            return;
        }
        if (!r.ok()) {
            fulfil<MetricHistory>(m_promise, r.error());
            return;
        }
        const MetricHistoryPage &page = r.value();
        m_history.points.append(page.points);
        ++m_pages;
        // Stop on an absent token, an empty page (MLflow 3.x without max_results pages forever) or a token
        // that does not advance.
        if (!page.nextPageToken.isEmpty() && !page.points.isEmpty() && page.nextPageToken != token &&
            m_pages < 100000) {
            nextPage(page.nextPageToken);
            return;
        }
        auto promise = m_promise;
        MetricHistory history = std::move(m_history);
        if (history.points.size() < 50000) {
            sortByStep(history.points);
            fulfil<MetricHistory>(promise, std::move(history));
            return;
        }
        (void)QtConcurrent::run([promise, history = std::move(history)]() mutable {
            sortByStep(history.points);
            fulfil<MetricHistory>(promise, std::move(history));
        });
    }

    net::HttpClient *m_client;
    QObject *m_context;
    QString m_prefix;
    MetricHistory m_history;
    PromisePtr<MetricHistory> m_promise;
    int m_pages = 0;
};

// Sends the parts of a split log-batch one after the other, stopping at the first error.
class BatchLoad : public std::enable_shared_from_this<BatchLoad>
{
public:
    BatchLoad(net::HttpClient *client, QObject *context, QString prefix, QList<LogBatch> parts)
        : m_client(client)
        , m_context(context)
        , m_prefix(std::move(prefix))
        , m_parts(std::move(parts))
    {
        m_promise = startedPromise<Done>();
    }

    QFuture<Result<Done>> future() { return m_promise->future(); }

    void next()
    {
        if (m_promise->isCanceled() || m_index >= m_parts.size()) {
            fulfil<Done>(m_promise, Done{});
            return;
        }
        auto self = shared_from_this();
        net::HttpJob *job = m_client->send(rest::LogBatch::request(m_prefix, m_parts.at(m_index++)));
        abortOnCancel(m_promise->future(), job);
        job->onFinished(m_context, [self](const Result<net::HttpResponse> &r) {
            if (!r.ok())
                fulfil<Done>(self->m_promise, r.error());
            else
                self->next();
        });
    }

private:
    net::HttpClient *m_client;
    QObject *m_context;
    QString m_prefix;
    QList<LogBatch> m_parts;
    int m_index = 0;
    PromisePtr<Done> m_promise;
};

} // namespace

RestStore::RestStore(const QUrl &server, QObject *parent)
    : Store(parent)
    , m_client(new net::HttpClient(this))
{
    m_client->setBaseUrl(server);
    m_client->setAuthenticator(net::Authenticator::fromEnvironment(server));
}

RestStore::RestStore(net::HttpClient *client, QObject *parent)
    : Store(parent)
    , m_client(client)
{}

QString RestStore::location() const
{
    return m_client->baseUrl().toString(QUrl::RemoveUserInfo);
}

QFuture<Result<ExperimentsPage>> RestStore::searchExperiments(const ExperimentSearch &search)
{
    return call<rest::SearchExperiments>(m_client, this,
                                         rest::SearchExperiments::request(m_apiPrefix, search));
}

QFuture<Result<Experiment>> RestStore::getExperiment(const QString &experimentId)
{
    return call<rest::GetExperiment>(m_client, this, rest::GetExperiment::request(m_apiPrefix, experimentId));
}

QFuture<Result<Experiment>> RestStore::getExperimentByName(const QString &name)
{
    return call<rest::GetExperimentByName>(m_client, this,
                                           rest::GetExperimentByName::request(m_apiPrefix, name));
}

QFuture<Result<RunsPage>> RestStore::searchRuns(const RunSearch &search)
{
    return call<rest::SearchRuns>(m_client, this, rest::SearchRuns::request(m_apiPrefix, search));
}

QFuture<Result<Run>> RestStore::getRun(const QString &runId)
{
    return call<rest::GetRun>(m_client, this, rest::GetRun::request(m_apiPrefix, runId));
}

QFuture<Result<MetricHistory>> RestStore::getMetricHistory(const QString &runId, const QString &key)
{
    auto load = std::make_shared<HistoryLoad>(m_client, this, m_apiPrefix, runId, key);
    load->nextPage(QString());
    return load->future();
}

QFuture<Result<QList<MetricHistory>>> RestStore::getMetricHistoryBulkInterval(const BulkIntervalQuery &query)
{
    const QStringList runIds = query.runIds;
    const QString key = query.metricKey;
    return call<QList<MetricHistory>>(
        m_client, this, rest::GetMetricHistoryBulkInterval::request(m_apiPrefix, query),
        [runIds, key](const QByteArray &body) {
            return rest::GetMetricHistoryBulkInterval::decode(body, runIds, key);
        });
}

QFuture<Result<ArtifactListing>> RestStore::listArtifacts(const QString &runId, const QString &path)
{
    return call<rest::ListArtifacts>(m_client, this, rest::ListArtifacts::request(m_apiPrefix, runId, path));
}

QFuture<Result<QString>> RestStore::createExperiment(const QString &name, const Tags &tags)
{
    return call<rest::CreateExperiment>(m_client, this,
                                        rest::CreateExperiment::request(m_apiPrefix, name, tags));
}

QFuture<Result<Run>> RestStore::createRun(const tracking::CreateRun &request)
{
    return call<rest::CreateRun>(m_client, this, rest::CreateRun::request(m_apiPrefix, request));
}

QFuture<Result<RunInfo>> RestStore::updateRun(const tracking::UpdateRun &request)
{
    return call<rest::UpdateRun>(m_client, this, rest::UpdateRun::request(m_apiPrefix, request));
}

QFuture<Result<Done>> RestStore::logBatch(const tracking::LogBatch &batch)
{
    auto load = std::make_shared<BatchLoad>(m_client, this, m_apiPrefix, rest::LogBatch::split(batch));
    load->next();
    return load->future();
}

QFuture<Result<Done>> RestStore::setTag(const QString &runId, const QString &key, const QString &value)
{
    return call<rest::SetTag>(m_client, this, rest::SetTag::request(m_apiPrefix, runId, key, value));
}

} // namespace mltf::tracking
