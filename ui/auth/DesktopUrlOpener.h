#pragma once

#include "auth/UrlOpener.h"

namespace mltf::ui {

// The default "open in the browser" of the application: the desktop's default browser.
class DesktopUrlOpener : public auth::UrlOpener
{
public:
    bool openUrl(const QUrl &url) override;
};

} // namespace mltf::ui
