#include "project/ParameterTypeDelegate.h"

#include "project/MLProject.h"

#include <QComboBox>

namespace mltf::ui {

QWidget *ParameterTypeDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                             const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->addItems(project::Parameter::knownTypes());
    // Commit as soon as a type is picked, not only when the focus leaves.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        emit const_cast<ParameterTypeDelegate *>(this)->commitData(combo);
    });
    return combo;
}

void ParameterTypeDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const QString type = index.data(Qt::EditRole).toString();
    if (combo->findText(type) < 0)
        combo->addItem(type);
    combo->setCurrentText(type);
}

void ParameterTypeDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentText(), Qt::EditRole);
}

} // namespace mltf::ui
