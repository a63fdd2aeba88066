#include "charts/MetricPicker.h"

#include "charts/SystemMetricCatalog.h"

#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace mltf::ui {

namespace {
constexpr int kKeyRole = Qt::UserRole + 1;
constexpr int kSearchRole = Qt::UserRole + 2; // the key and the shown name
} // namespace

MetricPicker::MetricPicker(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_filter(new QSortFilterProxyModel(this))
{
    m_search->setObjectName(QStringLiteral("metricSearch"));
    m_search->setPlaceholderText(tr("Search metrics"));
    m_search->setClearButtonEnabled(true);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setFilterRole(kSearchRole);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text);
        m_view->expandAll();
    });

    m_view->setObjectName(QStringLiteral("metricList"));
    m_view->setModel(m_filter);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_model, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (m_updating)
            return;
        m_updating = true;
        if (item->hasChildren() && item->checkState() != Qt::PartiallyChecked) {
            for (int r = 0; r < item->rowCount(); ++r)
                item->child(r)->setCheckState(item->checkState());
        } else if (item->parent()) {
            updateGroupState(item->parent());
        }
        m_updating = false;
        scheduleChanged();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
}

void MetricPicker::setKeys(const QStringList &keys, const QSet<QString> &checked)
{
    m_updating = true;
    m_model->clear();
    QStringList sorted = keys;
    sorted.sort(Qt::CaseInsensitive);
    QList<QStandardItem *> own;
    QList<QStandardItem *> system;
    for (const QString &key : std::as_const(sorted)) {
        const bool isSystem = SystemMetricCatalog::isSystemMetric(key);
        QString text = key;
        if (isSystem) { // "GPU 0 memory used (MB)" rather than "gpu_0_memory_usage_megabytes"
            const SystemMetricCatalog::Entry entry = SystemMetricCatalog::describe(key);
            text = entry.unit.isEmpty() ? entry.name : QStringLiteral("%1 (%2)").arg(entry.name, entry.unit);
        }
        auto *item = new QStandardItem(text);
        item->setData(key, kKeyRole);
        item->setData(QStringLiteral("%1 %2").arg(key, text), kSearchRole);
        item->setToolTip(key);
        item->setCheckable(true);
        item->setCheckState(checked.contains(key) ? Qt::Checked : Qt::Unchecked);
        (isSystem ? system : own).append(item);
    }
    auto group = [this](const QString &title, const QList<QStandardItem *> &items) -> QStandardItem * {
        if (items.isEmpty())
            return nullptr;
        auto *parent = new QStandardItem(QStringLiteral("%1 (%2)").arg(title).arg(items.size()));
        parent->setCheckable(true);
        QFont font = parent->font();
        font.setBold(true);
        parent->setFont(font);
        for (QStandardItem *item : items)
            parent->appendRow(item);
        m_model->appendRow(parent);
        return parent;
    };
    m_metrics = group(tr("Metrics"), own);
    m_system = group(tr("System metrics"), system);
    for (QStandardItem *parent : {m_metrics, m_system})
        if (parent)
            updateGroupState(parent);
    if (m_metrics)
        m_view->expand(m_filter->mapFromSource(m_metrics->index()));
    if (m_system)
        m_view->expand(m_filter->mapFromSource(m_system->index()));
    m_updating = false;
}

QStringList MetricPicker::keys() const
{
    QStringList keys;
    for (QStandardItem *parent : {m_metrics, m_system})
        for (int r = 0; parent && r < parent->rowCount(); ++r)
            keys.append(parent->child(r)->data(kKeyRole).toString());
    return keys;
}

QStringList MetricPicker::checkedKeys() const
{
    QStringList keys;
    for (QStandardItem *parent : {m_metrics, m_system})
        for (int r = 0; parent && r < parent->rowCount(); ++r)
            if (parent->child(r)->checkState() == Qt::Checked)
                keys.append(parent->child(r)->data(kKeyRole).toString());
    return keys;
}

QStandardItem *MetricPicker::findItem(const QString &key) const
{
    for (QStandardItem *parent : {m_metrics, m_system})
        for (int r = 0; parent && r < parent->rowCount(); ++r)
            if (parent->child(r)->data(kKeyRole).toString() == key)
                return parent->child(r);
    return nullptr;
}

void MetricPicker::setChecked(const QString &key, bool checked)
{
    if (QStandardItem *item = findItem(key))
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

// A group is checked when all its metrics are, partially when some are (QStandardItemModel does not do
// this by itself; autoTristate only works in QTreeWidget).
void MetricPicker::updateGroupState(QStandardItem *group)
{
    int checkedCount = 0;
    for (int r = 0; r < group->rowCount(); ++r)
        checkedCount += group->child(r)->checkState() == Qt::Checked;
    group->setCheckState(checkedCount == 0                   ? Qt::Unchecked
                         : checkedCount == group->rowCount() ? Qt::Checked
                                                             : Qt::PartiallyChecked);
}

void MetricPicker::scheduleChanged()
{
    if (m_changeQueued)
        return;
    m_changeQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_changeQueued = false;
        emit checkedKeysChanged(checkedKeys());
    });
}

} // namespace mltf::ui
