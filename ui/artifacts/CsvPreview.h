#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace mltf::ui {

// CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) or TSV read into rows for a
// preview table. Stops after `maxRows` rows (`truncated` then).
struct CsvPreview
{
    QList<QStringList> rows; // the first row is the header
    bool truncated = false;

    static CsvPreview parse(const QByteArray &data, QChar separator = QLatin1Char(','), int maxRows = 10000);
};

} // namespace mltf::ui
