#pragma once

#include <QColor>
#include <QIcon>
#include <QList>

namespace mltf::ui {

// The colour of each compared run, the same in the tables' headers and in every chart: ten well-separated
// colours (Tableau 10), then hues a golden angle apart for more runs.
class RunColors
{
public:
    static QList<QColor> forRuns(int count);
    // A small filled square for table headers and menus.
    static QIcon swatch(const QColor &color);
};

} // namespace mltf::ui
