#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace mltf::ui {

// How MLflow's system metrics (the `system/` keys its SystemMetricsMonitor logs) are shown: which group a key
// belongs to (one per GPU index, then CPU, memory, network, disk), a readable name and the unit of its
// values. Keys it does not know still get a group ("Other") and a unit guessed from their suffix.
class SystemMetricCatalog
{
public:
    static inline const QString kPrefix = QStringLiteral("system/");

    struct Entry
    {
        QString key;        // "system/gpu_0_utilization_percentage"
        QString label;      // the quantity: "Utilization"
        QString name;       // with its device: "GPU 0 utilization"
        QString unit;       // "%", "MB", "W" or empty
        QString valueTitle; // for the y axis: "Utilization (%)"
    };
    struct Group
    {
        QString title; // "GPU 0", "CPU", "Memory", "Network", "Disk", "Other"
        QList<Entry> entries;
    };

    static bool isSystemMetric(const QString &key) { return key.startsWith(kPrefix); }
    static Entry describe(const QString &key);
    // The system keys among `keys`, grouped: GPUs by index, then CPU, memory, network, disk, other; inside a
    // group in a fixed order of quantities (utilization, memory, power, ...), unknown ones last by name.
    static QList<Group> group(const QStringList &keys);
};

} // namespace mltf::ui
