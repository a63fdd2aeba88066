#include "runs/ColumnChooser.h"

#include "runs/RunsModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace mltf::ui {

namespace {
constexpr int KindRole = Qt::UserRole + 1; // RunColumn::Kind as int
}

ColumnChooser::ColumnChooser(RunsModel *model, QWidget *parent)
    : QToolButton(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("columnChooser"));
    setText(tr("Columns"));
    setToolTip(tr("Show parameters and metrics as columns"));
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *popup = new QWidget(this);
    m_search = new QLineEdit(popup);
    m_search->setPlaceholderText(tr("Search keys"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &ColumnChooser::applyFilter);

    m_list = new QTreeWidget(popup);
    m_list->setObjectName(QStringLiteral("columnKeys"));
    m_list->setHeaderHidden(true);
    m_list->setMinimumSize(280, 320);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_list, &QTreeWidget::itemChanged, this, &ColumnChooser::onItemChanged);

    auto *clear = new QPushButton(tr("Hide all parameter and metric columns"), popup);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_model->setExtraColumns({});
        rebuild();
    });

    auto *layout = new QVBoxLayout(popup);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    layout->addWidget(clear);

    auto *menu = new QMenu(this);
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(popup);
    menu->addAction(action);
    connect(menu, &QMenu::aboutToShow, this, [this] {
        rebuild();
        m_search->setFocus();
    });
    setMenu(menu);
}

void ColumnChooser::rebuild()
{
    m_rebuilding = true;
    m_list->clear();
    const QList<RunColumn> chosen = m_model->extraColumns();
    auto addGroup = [&](const QString &title, RunColumn::Kind kind, const QStringList &keys) {
        auto *group = new QTreeWidgetItem(m_list, {title});
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        if (keys.isEmpty()) {
            auto *none = new QTreeWidgetItem(group, {tr("(none in the loaded runs)")});
            none->setFlags(Qt::NoItemFlags);
        }
        for (const QString &key : keys) {
            auto *item = new QTreeWidgetItem(group, {key});
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setData(0, KindRole, int(kind));
            item->setCheckState(0, chosen.contains(RunColumn{kind, key}) ? Qt::Checked : Qt::Unchecked);
        }
        group->setExpanded(true);
        return group;
    };
    m_params = addGroup(tr("Parameters"), RunColumn::Kind::Param, m_model->paramKeys());
    m_metrics = addGroup(tr("Metrics"), RunColumn::Kind::Metric, m_model->metricKeys());
    applyFilter(m_search->text());
    m_rebuilding = false;
}

void ColumnChooser::applyFilter(const QString &text)
{
    for (QTreeWidgetItem *group : {m_params, m_metrics}) {
        if (!group)
            continue;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            item->setHidden(!text.isEmpty() && !item->text(0).contains(text.trimmed(), Qt::CaseInsensitive));
        }
    }
}

void ColumnChooser::onItemChanged(QTreeWidgetItem *item)
{
    if (m_rebuilding || !item->parent())
        return;
    const RunColumn column{RunColumn::Kind(item->data(0, KindRole).toInt()), item->text(0)};
    QList<RunColumn> columns = m_model->extraColumns();
    columns.removeAll(column);
    if (item->checkState(0) == Qt::Checked)
        columns.append(column);
    m_model->setExtraColumns(columns);
}

} // namespace mltf::ui
