#include "tracking/FileStore.h"

#include "tracking/FileStoreReader.h"
#include "tracking/PageToken.h"
#include "tracking/SearchFilter.h"
#include "tracking/SearchOrder.h"

#include <QCoreApplication>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace mltf::tracking {

namespace {

Error invalid(const QString &message)
{
    Error e = Error::make(Error::Kind::InvalidInput, message);
    e.code = QStringLiteral("INVALID_PARAMETER_VALUE");
    return e;
}

std::optional<Error> checkMaxResults(int maxResults)
{
    if (maxResults <= 0)
        return invalid(QStringLiteral("Invalid value %1 for parameter 'max_results' supplied. It must be a positive "
                                      "integer")
                           .arg(maxResults));
    if (maxResults > 50000)
        return invalid(QStringLiteral("Invalid value %1 for parameter 'max_results' supplied. It must be at most "
                                      "50000")
                           .arg(maxResults));
    return std::nullopt;
}

bool includedBy(ViewType view, bool deleted)
{
    return view == ViewType::All || (view == ViewType::DeletedOnly) == deleted;
}

template <typename T>
Result<Page<T>> paginate(QList<T> items, const QString &pageToken, int maxResults)
{
    Result<qint64> offset = PageToken::decode(pageToken);
    if (!offset.ok())
        return offset.error();
    Page<T> page;
    const qint64 start = std::min<qint64>(offset.value(), items.size());
    const qint64 end = std::min<qint64>(start + maxResults, items.size());
    page.items = items.mid(start, end - start);
    if (end < items.size())
        page.nextPageToken = PageToken::encode(end);
    return page;
}

Error unsupported()
{
    return Error::make(Error::Kind::Unsupported,
                       QCoreApplication::translate("mltf::tracking::FileStore",
                                                   "A local mlruns folder is read-only in MLTF Desktop. Log to a "
                                                   "tracking server instead."));
}

template <typename T>
QFuture<Result<T>> ready(Result<T> value)
{
    QPromise<Result<T>> promise;
    QFuture<Result<T>> future = promise.future();
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return future;
}

} // namespace

FileStore::FileStore(const QString &root, QObject *parent)
    : Store(parent)
    , m_root(root)
{
}

QFuture<Result<ExperimentsPage>> FileStore::searchExperiments(const ExperimentSearch &search)
{
    return QtConcurrent::run([root = m_root, search]() -> Result<ExperimentsPage> {
        if (auto e = checkMaxResults(search.maxResults))
            return *e;
        Result<SearchFilter> filter = SearchFilter::parse(search.filter, SearchFilter::Target::Experiments);
        if (!filter.ok())
            return filter.error();
        Result<SearchOrder> order = SearchOrder::parse(search.orderBy, SearchFilter::Target::Experiments);
        if (!order.ok())
            return order.error();
        Result<Experiments> all = FileStoreReader(root).experiments(search.viewType != ViewType::ActiveOnly);
        if (!all.ok())
            return all.error();
        Experiments matching;
        for (const Experiment &e : all.value())
            if (includedBy(search.viewType, e.isDeleted()) && filter.value().matches(e))
                matching.append(e);
        order.value().sort(matching);
        return paginate(std::move(matching), search.pageToken, search.maxResults);
    });
}

QFuture<Result<Experiment>> FileStore::getExperiment(const QString &experimentId)
{
    return QtConcurrent::run([root = m_root, experimentId]() { return FileStoreReader(root).experiment(experimentId); });
}

QFuture<Result<Experiment>> FileStore::getExperimentByName(const QString &name)
{
    return QtConcurrent::run([root = m_root, name]() -> Result<Experiment> {
        Result<Experiments> all = FileStoreReader(root).experiments(true);
        if (!all.ok())
            return all.error();
        for (const Experiment &e : all.value())
            if (e.name == name)
                return e;
        Error e = Error::make(Error::Kind::NotFound, QStringLiteral("Could not find experiment with name '%1'").arg(name));
        e.code = QStringLiteral("RESOURCE_DOES_NOT_EXIST");
        return e;
    });
}

QFuture<Result<RunsPage>> FileStore::searchRuns(const RunSearch &search)
{
    return QtConcurrent::run([root = m_root, search]() -> Result<RunsPage> {
        if (auto e = checkMaxResults(search.maxResults))
            return *e;
        Result<SearchFilter> filter = SearchFilter::parse(search.filter, SearchFilter::Target::Runs);
        if (!filter.ok())
            return filter.error();
        Result<SearchOrder> order = SearchOrder::parse(search.orderBy, SearchFilter::Target::Runs);
        if (!order.ok())
            return order.error();
        const FileStoreReader reader(root);
        if (Status ok = reader.check(); !ok.ok())
            return ok.error();
        Runs matching;
        for (const QString &experimentId : search.experimentIds) {
            for (const QString &runId : reader.runIds(experimentId)) {
                Result<Run> run = reader.runInExperiment(experimentId, runId);
                if (!run.ok())
                    return run.error();
                if (includedBy(search.runViewType, run.value().info.isDeleted()) && filter.value().matches(run.value()))
                    matching.append(std::move(run).value());
            }
        }
        order.value().sort(matching);
        return paginate(std::move(matching), search.pageToken, search.maxResults);
    });
}

QFuture<Result<Run>> FileStore::getRun(const QString &runId)
{
    return QtConcurrent::run([root = m_root, runId]() { return FileStoreReader(root).run(runId); });
}

QFuture<Result<MetricHistory>> FileStore::getMetricHistory(const QString &runId, const QString &key)
{
    return QtConcurrent::run([root = m_root, runId, key]() -> Result<MetricHistory> {
        Result<MetricHistory> history = FileStoreReader(root).metricHistory(runId, key);
        if (history.ok())
            sortByStep(history.value().points);
        return history;
    });
}

QFuture<Result<QList<MetricHistory>>> FileStore::getMetricHistoryBulkInterval(const BulkIntervalQuery &query)
{
    return QtConcurrent::run([root = m_root, query]() -> Result<QList<MetricHistory>> {
        if (query.maxResults < 1 || query.maxResults > 2500)
            return invalid(QStringLiteral("max_results must be between 1 and 2500."));
        const FileStoreReader reader(root);
        QList<MetricHistory> out;
        for (const QString &runId : query.runIds) {
            Result<MetricHistory> history = reader.metricHistory(runId, query.metricKey);
            if (!history.ok())
                return history.error();
            MetricHistory h = std::move(history).value();
            sortByStep(h.points);
            QList<MetricPoint> window;
            for (const MetricPoint &p : h.points)
                if ((!query.startStep || p.step >= *query.startStep) && (!query.endStep || p.step <= *query.endStep))
                    window.append(p);
            // Keep about maxResults evenly spaced points plus the first and last (like the server).
            if (window.size() > query.maxResults + 2) {
                QList<MetricPoint> sampled;
                const double stride = double(window.size() - 1) / query.maxResults;
                for (int i = 0; i < query.maxResults; ++i)
                    sampled.append(window.at(int(i * stride)));
                sampled.append(window.last());
                window = sampled;
            }
            h.points = window;
            out.append(h);
        }
        return out;
    });
}

QFuture<Result<ArtifactListing>> FileStore::listArtifacts(const QString &runId, const QString &path)
{
    return QtConcurrent::run([root = m_root, runId, path]() { return FileStoreReader(root).listArtifacts(runId, path); });
}

QFuture<Result<QString>> FileStore::createExperiment(const QString &, const Tags &)
{
    return ready<QString>(unsupported());
}

QFuture<Result<Run>> FileStore::createRun(const CreateRun &)
{
    return ready<Run>(unsupported());
}

QFuture<Result<RunInfo>> FileStore::updateRun(const UpdateRun &)
{
    return ready<RunInfo>(unsupported());
}

QFuture<Result<Done>> FileStore::logBatch(const LogBatch &)
{
    return ready<Done>(unsupported());
}

QFuture<Result<Done>> FileStore::setTag(const QString &, const QString &, const QString &)
{
    return ready<Done>(unsupported());
}

} // namespace mltf::tracking
