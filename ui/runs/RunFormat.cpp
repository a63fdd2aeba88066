#include "runs/RunFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <cmath>

namespace mltf::ui {

QString RunFormat::dateTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString RunFormat::duration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60 * 1000)
        return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    const qint64 minutes = seconds / 60;
    if (minutes < 24 * 60)
        return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    const qint64 hours = minutes / 60;
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString RunFormat::metricValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("-∞");
    return QLocale().toString(value, 'g', 6);
}

QString RunFormat::dataSize(qint64 bytes)
{
    if (bytes < 0)
        return {};
    return QLocale().formattedDataSize(bytes, 1);
}

QString RunFormat::shortSource(const QString &source)
{
    QString s = source;
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    const int slash = s.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? s.mid(slash + 1) : s;
}

QColor RunFormat::statusColor(tracking::RunStatus status)
{
    using tracking::RunStatus;
    switch (status) {
    case RunStatus::Running: return QColor(0x1f, 0x77, 0xb4);
    case RunStatus::Scheduled: return QColor(0x8c, 0x9e, 0xb5);
    case RunStatus::Finished: return QColor(0x2e, 0x9d, 0x43);
    case RunStatus::Failed: return QColor(0xd6, 0x27, 0x28);
    case RunStatus::Killed: return QColor(0xe0, 0x8a, 0x1e);
    case RunStatus::Unknown: break;
    }
    return QColor(0x99, 0x99, 0x99);
}

QIcon RunFormat::statusIcon(tracking::RunStatus status)
{
    static QHash<int, QIcon> cache;
    const int key = static_cast<int>(status);
    if (const auto it = cache.constFind(key); it != cache.constEnd())
        return it.value();
    QIcon icon;
    for (const int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(statusColor(status));
        const qreal margin = size / 5.0;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(key, icon);
    return icon;
}

} // namespace mltf::ui
