#pragma once

#include "tracking/Run.h"
#include "tracking/Store.h"

#include <QWidget>

#include <memory>

namespace mltf::ui {

// One tab of the run page (Overview, Description, Artifacts; Charts and System are added by their
// features with RunPage::addTab). The page tells every tab which run it shows; a tab fetches whatever
// more it needs from `store` asynchronously (ideally only once it becomes visible).
class RunTab : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    // The run to show. `run` holds info, params, tags and the latest metrics (as runs/search gives them).
    // Called again with fresh data on refresh (same run id).
    virtual void showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run) = 0;
    // No run is shown any more (another store, nothing selected): drop data and pending requests.
    virtual void clearRun() = 0;
};

} // namespace mltf::ui
