#include "tracking/StoreFactory.h"

#include "net/HttpClient.h"
#include "tracking/FileStore.h"
#include "tracking/RestStore.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace mltf::tracking {

Result<std::shared_ptr<Store>> StoreFactory::create(const TrackingUri &uri, auth::TokenProvider *session)
{
    switch (uri.kind()) {
    case TrackingUri::Kind::Rest: {
        auto store = std::make_shared<RestStore>(uri.serverUrl());
        if (session)
            store->httpClient()->authenticator().setTokenProvider(session);
        return std::shared_ptr<Store>(store);
    }
    case TrackingUri::Kind::File:
        if (!QFileInfo(uri.localPath()).isDir())
            return Error::make(Error::Kind::NotFound,
                               QCoreApplication::translate("mltf::tracking::StoreFactory",
                                                           "The tracking folder %1 does not exist.")
                                   .arg(uri.localPath()));
        return std::shared_ptr<Store>(std::make_shared<FileStore>(uri.localPath()));
    case TrackingUri::Kind::Invalid:
        break;
    }
    return Error::make(Error::Kind::InvalidInput, uri.errorString());
}

} // namespace mltf::tracking
