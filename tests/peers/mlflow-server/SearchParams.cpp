#include "SearchParams.h"

namespace mltf::testserver {

std::optional<Reply> SearchParams::checkMaxResults(qint64 maxResults, bool runs)
{
    if (maxResults <= 0)
        return Reply::invalidParameter(
            QStringLiteral("Invalid value %1 for parameter 'max_results' supplied. It must be a positive integer")
                .arg(maxResults));
    if (maxResults > 50000)
        return Reply::invalidParameter(runs ? QStringLiteral("Invalid value %1 for parameter 'max_results' supplied: "
                                                             "It must be at most 50000, but got %1")
                                                  .arg(maxResults)
                                            : QStringLiteral("Invalid value %1 for parameter 'max_results' supplied. "
                                                             "It must be at most 50000")
                                                  .arg(maxResults));
    return std::nullopt;
}

tracking::ViewType SearchParams::viewType(const QString &text)
{
    const QString t = text.trimmed().toUpper();
    if (t == QLatin1String("DELETED_ONLY") || t == QLatin1String("2"))
        return tracking::ViewType::DeletedOnly;
    if (t == QLatin1String("ALL") || t == QLatin1String("3"))
        return tracking::ViewType::All;
    return tracking::ViewType::ActiveOnly;
}

bool SearchParams::includes(tracking::ViewType view, bool deleted)
{
    return view == tracking::ViewType::All || (view == tracking::ViewType::DeletedOnly) == deleted;
}

} // namespace mltf::testserver
