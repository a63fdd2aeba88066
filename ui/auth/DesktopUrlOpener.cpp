#include "auth/DesktopUrlOpener.h"

#include <QDesktopServices>

namespace mltf::ui {

bool DesktopUrlOpener::openUrl(const QUrl &url)
{
    return QDesktopServices::openUrl(url);
}

} // namespace mltf::ui
