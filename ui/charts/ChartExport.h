#pragma once

#include "series/ChartSeries.h"
#include "util/Error.h"

#include <QString>

class QWidget;

namespace mltf::ui {

// Writes a chart as a picture (PNG, SVG) or its data as CSV. Files are written atomically (QSaveFile).
class ChartExport
{
public:
    // The widget as it is drawn, `scale` times its size (2: crisp on high-density screens and in documents).
    static Status writePng(QWidget *widget, const QString &path, qreal scale = 2.0);
    // The widget as vector graphics (lines stay lines).
    static Status writeSvg(QWidget *widget, const QString &path, const QString &title);
    // Every point of the series (not the drawn envelope): step,timestamp,value and, when smoothing is on,
    // smoothed. Non-finite values are written as NaN, Inf and -Inf. Runs fine on a worker thread.
    static Status writeCsv(const series::ChartSeries &data, const QString &path);
};

} // namespace mltf::ui
