#pragma once

// An in-memory tracking::Store for the runs browser tests: answers asynchronously (from the event loop,
// like the real stores), pages runs with offset tokens, records the searches it was sent and can be told
// to fail. Filters and order_by are not interpreted (the real stores' tests cover them).

#include "tracking/Store.h"

#include <QHash>
#include <QPromise>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace mltf::test {

class FakeStore : public tracking::Store
{
public:
    using Store::Store;

    tracking::Experiments experiments;
    tracking::Runs runs;                                       // in search order
    QHash<QString, QList<tracking::FileInfo>> artifacts;        // directory path -> entries
    QList<tracking::RunSearch> searches;                       // every runs/search asked for
    QStringList listedPaths;                                   // every artifacts/list path asked for
    int experimentsPageSize = 1000;
    // The next runs/search calls fail with this error (count down).
    int failSearches = 0;
    Error searchError = Error::make(Error::Kind::InvalidInput, QStringLiteral("Invalid comparator '<<<'"));
    // A token on the last (full) page, like MLflow's SQL store: the next page is then empty.
    bool tokenOnLastPage = false;

    QString location() const override { return QStringLiteral("memory"); }
    bool canWrite() const override { return false; }

    QFuture<Result<tracking::ExperimentsPage>> searchExperiments(const tracking::ExperimentSearch &s) override
    {
        const int offset = s.pageToken.toInt();
        tracking::ExperimentsPage page;
        page.items = experiments.mid(offset, experimentsPageSize);
        if (offset + experimentsPageSize < experiments.size())
            page.nextPageToken = QString::number(offset + experimentsPageSize);
        return later(Result<tracking::ExperimentsPage>(page));
    }
    QFuture<Result<tracking::Experiment>> getExperiment(const QString &id) override
    {
        for (const auto &e : experiments)
            if (e.experimentId == id)
                return later(Result<tracking::Experiment>(e));
        return later(Result<tracking::Experiment>(Error::make(Error::Kind::NotFound, QStringLiteral("no such"))));
    }
    QFuture<Result<tracking::Experiment>> getExperimentByName(const QString &name) override
    {
        for (const auto &e : experiments)
            if (e.name == name)
                return later(Result<tracking::Experiment>(e));
        return later(Result<tracking::Experiment>(Error::make(Error::Kind::NotFound, QStringLiteral("no such"))));
    }
    QFuture<Result<tracking::RunsPage>> searchRuns(const tracking::RunSearch &s) override
    {
        searches.append(s);
        if (failSearches > 0) {
            --failSearches;
            return later(Result<tracking::RunsPage>(searchError));
        }
        tracking::Runs matching;
        for (const auto &r : runs)
            if (s.experimentIds.contains(r.info.experimentId))
                matching.append(r);
        const int offset = s.pageToken.toInt();
        tracking::RunsPage page;
        page.items = matching.mid(offset, s.maxResults);
        const int end = offset + s.maxResults;
        if (end < matching.size() || (tokenOnLastPage && end == matching.size()))
            page.nextPageToken = QString::number(end);
        return later(Result<tracking::RunsPage>(page));
    }
    QFuture<Result<tracking::Run>> getRun(const QString &runId) override
    {
        for (const auto &r : runs)
            if (r.info.runId == runId)
                return later(Result<tracking::Run>(r));
        return later(Result<tracking::Run>(Error::make(Error::Kind::NotFound, QStringLiteral("Run not found"))));
    }
    QFuture<Result<tracking::MetricHistory>> getMetricHistory(const QString &, const QString &) override
    {
        return later(Result<tracking::MetricHistory>(tracking::MetricHistory()));
    }
    QFuture<Result<QList<tracking::MetricHistory>>> getMetricHistoryBulkInterval(const tracking::BulkIntervalQuery &) override
    {
        return later(Result<QList<tracking::MetricHistory>>(QList<tracking::MetricHistory>()));
    }
    QFuture<Result<tracking::ArtifactListing>> listArtifacts(const QString &, const QString &path) override
    {
        listedPaths.append(path);
        tracking::ArtifactListing listing;
        listing.rootUri = QStringLiteral("memory:/artifacts");
        listing.files = artifacts.value(path);
        return later(Result<tracking::ArtifactListing>(listing));
    }
    QFuture<Result<QString>> createExperiment(const QString &, const tracking::Tags &) override { return unsupported<QString>(); }
    QFuture<Result<tracking::Run>> createRun(const tracking::CreateRun &) override { return unsupported<tracking::Run>(); }
    QFuture<Result<tracking::RunInfo>> updateRun(const tracking::UpdateRun &) override
    {
        return unsupported<tracking::RunInfo>();
    }
    QFuture<Result<Done>> logBatch(const tracking::LogBatch &) override { return unsupported<Done>(); }
    QFuture<Result<Done>> setTag(const QString &, const QString &, const QString &) override { return unsupported<Done>(); }

    static tracking::Run makeRun(const QString &id, const QString &experimentId, const QString &parentId = {})
    {
        tracking::Run run;
        run.info.runId = id;
        run.info.experimentId = experimentId;
        run.info.runName = QStringLiteral("run-") + id;
        run.info.status = tracking::RunStatus::Finished;
        run.info.startTime = 1795337908492;
        run.info.endTime = 1795337979433;
        run.params = {{QStringLiteral("lr"), QStringLiteral("0.001")}};
        run.metrics = {{QStringLiteral("system/gpu_0_utilization_percentage"), 93.0, 1795337979433, 99},
                       {QStringLiteral("val_loss"), 1.25, 1795337979433, 10}};
        if (!parentId.isEmpty())
            run.tags.append({QStringLiteral("mlflow.parentRunId"), parentId});
        return run;
    }

private:
    template <typename T>
    QFuture<Result<T>> later(Result<T> result)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        QTimer::singleShot(0, this, [promise, result = std::move(result)]() mutable {
            promise->addResult(std::move(result));
            promise->finish();
        });
        return future;
    }
    template <typename T>
    QFuture<Result<T>> unsupported()
    {
        return later(Result<T>(Error::make(Error::Kind::Unsupported, QStringLiteral("read-only"))));
    }
};

} // namespace mltf::test
