#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace mltf::tracking {

// Which lifecycle stages a search includes (MLflow's ViewType).
enum class ViewType { ActiveOnly, DeletedOnly, All };

// experiments/search. `filter` uses MLflow's syntax ("name LIKE 'acc%'", "tags.team = 'x'").
struct ExperimentSearch
{
    QString filter;
    QStringList orderBy; // e.g. {"name ASC"}; empty: the server's default (newest first)
    int maxResults = 1000; // 1..50000; always sent (the server rejects a search without it)
    QString pageToken;
    ViewType viewType = ViewType::ActiveOnly;
};

// runs/search. Build filters and order_by clauses with SearchSyntax so keys containing '/' are quoted.
struct RunSearch
{
    QStringList experimentIds;
    QString filter;      // "params.optimizer = 'adam' and metrics.`system/gpu_0_utilization_percentage` > 50"
    QStringList orderBy; // {"metrics.val_loss ASC", "attributes.start_time DESC"}; empty: start_time DESC
    int maxResults = 1000; // 1..50000
    QString pageToken;
    ViewType runViewType = ViewType::ActiveOnly;
};

// metrics/get-history-bulk-interval: about `maxResults` evenly spaced steps per run plus each run's first
// and last step (server-side sampling).
struct BulkIntervalQuery
{
    QStringList runIds; // 1..100
    QString metricKey;
    int maxResults = 2500; // 1..2500
    std::optional<qint64> startStep; // give both or neither
    std::optional<qint64> endStep;
};

} // namespace mltf::tracking
