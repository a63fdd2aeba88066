#pragma once

#include "tracking/Experiment.h"
#include "tracking/Run.h"
#include "tracking/SearchFilter.h"
#include "util/Error.h"

namespace mltf::tracking {

// order_by clauses ("metrics.val_loss ASC", "attributes.start_time", "name DESC") as MLflow applies them:
// runs missing a sort key come last; ties fall back to start_time DESC then run_id (runs) or creation_time
// DESC then experiment_id (experiments), which is also the default order.
class SearchOrder
{
public:
    struct Key
    {
        SearchIdentifier identifier;
        bool ascending = true;
    };

    static Result<SearchOrder> parse(const QStringList &orderBy, SearchFilter::Target target);

    void sort(QList<Run> &runs) const;
    void sort(QList<Experiment> &experiments) const;
    const QList<Key> &keys() const { return m_keys; }

private:
    QList<Key> m_keys;
};

} // namespace mltf::tracking
