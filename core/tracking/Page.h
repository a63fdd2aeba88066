#pragma once

#include <QList>
#include <QString>

namespace mltf::tracking {

// One page of a paginated search. `nextPageToken` is opaque; empty when there is nothing more. Note the
// MLflow SQL store returns a token whenever a page is full, so the page after it can be empty: a caller
// that loads everything stops on an empty token OR an empty page.
template <typename T>
struct Page
{
    QList<T> items;
    QString nextPageToken;

    bool hasMore() const { return !nextPageToken.isEmpty() && !items.isEmpty(); }
};

} // namespace mltf::tracking
