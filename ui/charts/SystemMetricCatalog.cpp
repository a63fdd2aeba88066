#include "charts/SystemMetricCatalog.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace mltf::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::ui::SystemMetricCatalog", text);
}

// The quantities MLflow logs, in display order; the key's name without "system/" and "gpu_<i>_".
struct Quantity
{
    const char *name; // key suffix
    const char *label;
};
constexpr Quantity kQuantities[] = {
    {"utilization_percentage", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Utilization")},
    {"cpu_utilization_percentage", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "CPU utilization")},
    {"memory_usage_megabytes", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Memory used")},
    {"memory_usage_percentage", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Memory used of total")},
    {"system_memory_usage_megabytes", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Memory used")},
    {"system_memory_usage_percentage",
     QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Memory used of total")},
    {"power_usage_watts", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Power")},
    {"power_usage_percentage", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Power of limit")},
    {"network_receive_megabytes", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Network received")},
    {"network_transmit_megabytes", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Network sent")},
    {"disk_usage_megabytes", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Disk used")},
    {"disk_usage_percentage", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Disk used of total")},
    {"disk_available_megabytes", QT_TRANSLATE_NOOP("mltf::ui::SystemMetricCatalog", "Disk available")},
};

int quantityRank(const QString &suffix)
{
    for (int i = 0; i < int(std::size(kQuantities)); ++i)
        if (suffix == QLatin1String(kQuantities[i].name))
            return i;
    return int(std::size(kQuantities));
}

QString unitOf(const QString &suffix)
{
    if (suffix.endsWith(QLatin1String("_percentage")))
        return QStringLiteral("%");
    if (suffix.endsWith(QLatin1String("_megabytes")))
        return QStringLiteral("MB");
    if (suffix.endsWith(QLatin1String("_watts")))
        return QStringLiteral("W");
    return {};
}

QString readable(QString suffix)
{
    for (const char *unitWord : {"_percentage", "_megabytes", "_watts"})
        if (suffix.endsWith(QLatin1String(unitWord)))
            suffix.chop(int(qstrlen(unitWord)));
    suffix.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!suffix.isEmpty())
        suffix[0] = suffix[0].toUpper();
    return suffix;
}

const QRegularExpression &gpuKey()
{
    static const QRegularExpression re(QStringLiteral("^gpu_(\\d+)_(.+)$"));
    return re;
}

// Group order: GPUs first (by index), then these.
enum class Family { Gpu, Cpu, Memory, Network, Disk, Other };

Family familyOf(const QString &name)
{
    if (name.startsWith(QLatin1String("gpu_")))
        return Family::Gpu;
    if (name.startsWith(QLatin1String("cpu_")))
        return Family::Cpu;
    if (name.startsWith(QLatin1String("system_memory_")))
        return Family::Memory;
    if (name.startsWith(QLatin1String("network_")))
        return Family::Network;
    if (name.startsWith(QLatin1String("disk_")))
        return Family::Disk;
    return Family::Other;
}

QString familyTitle(Family family)
{
    switch (family) {
    case Family::Gpu:
        return tr("GPU");
    case Family::Cpu:
        return tr("CPU");
    case Family::Memory:
        return tr("Memory");
    case Family::Network:
        return tr("Network");
    case Family::Disk:
        return tr("Disk");
    case Family::Other:
        break;
    }
    return tr("Other");
}

} // namespace

SystemMetricCatalog::Entry SystemMetricCatalog::describe(const QString &key)
{
    Entry entry;
    entry.key = key;
    const QString name = isSystemMetric(key) ? key.mid(kPrefix.size()) : key;
    QString suffix = name;
    const QRegularExpressionMatch gpu = gpuKey().match(name);
    if (gpu.hasMatch())
        suffix = gpu.captured(2);
    entry.unit = unitOf(suffix);
    const int rank = quantityRank(suffix);
    entry.label = rank < int(std::size(kQuantities)) ? tr(kQuantities[rank].label) : readable(suffix);
    entry.name = gpu.hasMatch() ? tr("GPU %1 %2").arg(gpu.captured(1), entry.label.toLower()) : entry.label;
    entry.valueTitle =
        entry.unit.isEmpty() ? entry.label : QStringLiteral("%1 (%2)").arg(entry.label, entry.unit);
    return entry;
}

QList<SystemMetricCatalog::Group> SystemMetricCatalog::group(const QStringList &keys)
{
    struct Sortable
    {
        Family family;
        int gpuIndex;
        int rank;
        QString name;
        QString key;
    };
    QList<Sortable> sortable;
    for (const QString &key : keys) {
        if (!isSystemMetric(key))
            continue;
        const QString name = key.mid(kPrefix.size());
        const QRegularExpressionMatch gpu = gpuKey().match(name);
        const QString suffix = gpu.hasMatch() ? gpu.captured(2) : name;
        sortable.append(
            {familyOf(name), gpu.hasMatch() ? gpu.captured(1).toInt() : -1, quantityRank(suffix), name, key});
    }
    std::sort(sortable.begin(), sortable.end(), [](const Sortable &a, const Sortable &b) {
        return std::tie(a.family, a.gpuIndex, a.rank, a.name) <
               std::tie(b.family, b.gpuIndex, b.rank, b.name);
    });

    QList<Group> groups;
    for (const Sortable &s : std::as_const(sortable)) {
        const QString title = s.family == Family::Gpu ? tr("GPU %1").arg(s.gpuIndex) : familyTitle(s.family);
        if (groups.isEmpty() || groups.last().title != title)
            groups.append(Group{title, {}});
        groups.last().entries.append(describe(s.key));
    }
    return groups;
}

} // namespace mltf::ui
