#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace mltf {

// CSV as RFC 4180 writes it: comma separated, fields with a comma, quote or line break quoted (quotes
// doubled), CRLF between records, UTF-8.
class Csv
{
public:
    static QByteArray field(const QString &text);
    static QByteArray record(const QStringList &fields);
    static QByteArray table(const QStringList &header, const QList<QStringList> &rows);
};

} // namespace mltf
