#include "util/Csv.h"

namespace mltf {

QByteArray Csv::field(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

QByteArray Csv::record(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        line += field(fields[i]);
    }
    return line + "\r\n";
}

QByteArray Csv::table(const QStringList &header, const QList<QStringList> &rows)
{
    QByteArray out = record(header);
    for (const QStringList &row : rows)
        out += record(row);
    return out;
}

} // namespace mltf
