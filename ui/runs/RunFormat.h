#pragma once

#include "tracking/RunStatus.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>
#include <QtGlobal>

namespace mltf::ui {

// How run values read on screen, the same in the table and on the run page.
class RunFormat
{
    Q_DECLARE_TR_FUNCTIONS(mltf::ui::RunFormat)

public:
    // Local date and time ("23/11/2026 14:03:12"); empty for 0.
    static QString dateTime(qint64 msSinceEpoch);
    // "850 ms", "12.4 s", "1 min 11 s", "2 h 03 min", "3 d 4 h"; empty for a negative duration.
    static QString duration(qint64 ms);
    // Up to 6 significant digits, "NaN", "∞", "-∞".
    static QString metricValue(double value);
    // "5.0 MiB" (the locale's data size format); empty for a negative size.
    static QString dataSize(qint64 bytes);
    // The source a run came from, shortened for a table cell (the last path component of mlflow.source.name).
    static QString shortSource(const QString &source);

    static QColor statusColor(tracking::RunStatus status);
    // A small filled circle in the status colour (cached per status).
    static QIcon statusIcon(tracking::RunStatus status);
};

} // namespace mltf::ui
