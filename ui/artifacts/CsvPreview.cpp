#include "artifacts/CsvPreview.h"

#include <QString>

namespace mltf::ui {

CsvPreview CsvPreview::parse(const QByteArray &data, QChar separator, int maxRows)
{
    CsvPreview out;
    const QString text = QString::fromUtf8(data);
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    auto endRow = [&] {
        row << field;
        field.clear();
        out.rows << row;
        row.clear();
        any = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty()) {
            quoted = true;
            any = true;
        } else if (c == separator) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n')) {
            endRow();
            if (out.rows.size() >= maxRows) {
                out.truncated = i + 1 < text.size();
                return out;
            }
        } else if (c != QLatin1Char('\r')) {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty())
        endRow();
    return out;
}

} // namespace mltf::ui
