#pragma once

#include "HttpExchange.h"

#include "tracking/SearchQueries.h"

#include <optional>

namespace mltf::testserver {

// Shared validation of search parameters, with the server's messages.
class SearchParams
{
public:
    // experiments/search needs 1..50000; runs/search takes 1..50000 (absent means 1000, handled by the caller).
    static std::optional<Reply> checkMaxResults(qint64 maxResults, bool runs);
    static tracking::ViewType viewType(const QString &text);
    static bool includes(tracking::ViewType view, bool deleted);
};

} // namespace mltf::testserver
