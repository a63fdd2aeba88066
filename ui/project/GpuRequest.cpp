#include "project/GpuRequest.h"

#include <QStringList>

namespace mltf::ui {

namespace {

bool isGpuItem(const QString &item)
{
    return item.trimmed() == QLatin1String("gpu") || item.trimmed().startsWith(QLatin1String("gpu:"));
}

// "a100:2" / "2" / "a100" (count 1) -> request.
GpuRequest parseTypeAndCount(const QString &spec)
{
    GpuRequest request;
    request.found = true;
    request.count = 1;
    const QStringList parts = spec.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return request;
    bool numeric = false;
    const int count = parts.last().toInt(&numeric);
    if (numeric) {
        request.count = count;
        request.type = parts.mid(0, parts.size() - 1).join(QLatin1Char(':'));
    } else {
        request.type = parts.join(QLatin1Char(':'));
    }
    return request;
}

} // namespace

GpuRequest GpuRequest::fromGres(const QString &gres)
{
    const QStringList items = gres.split(QLatin1Char(','));
    for (const QString &item : items) {
        if (isGpuItem(item))
            return parseTypeAndCount(item.trimmed().mid(3));
    }
    return {};
}

GpuRequest GpuRequest::fromGpusPerNode(const QString &value)
{
    if (value.trimmed().isEmpty())
        return {};
    return parseTypeAndCount(value.trimmed());
}

QString GpuRequest::applyToGres(const QString &gres) const
{
    QString gpuItem;
    if (count > 0)
        gpuItem = type.isEmpty() ? QStringLiteral("gpu:%1").arg(count) : QStringLiteral("gpu:%1:%2").arg(type).arg(count);
    QStringList items = gres.trimmed().isEmpty() ? QStringList() : gres.split(QLatin1Char(','));
    bool replaced = false;
    for (int i = 0; i < items.size(); ++i) {
        if (!isGpuItem(items.at(i)))
            continue;
        if (gpuItem.isEmpty())
            items.removeAt(i--);
        else
            items[i] = gpuItem;
        replaced = true;
    }
    if (!replaced && !gpuItem.isEmpty())
        items.append(gpuItem);
    return items.join(QLatin1Char(','));
}

QString GpuRequest::toGpusPerNode() const
{
    if (count <= 0)
        return {};
    return type.isEmpty() ? QString::number(count) : QStringLiteral("%1:%2").arg(type).arg(count);
}

} // namespace mltf::ui
