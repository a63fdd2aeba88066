#pragma once

#include <QStyledItemDelegate>

namespace mltf::ui {

// Edits a parameter's type with a combo box of the types MLflow knows (plus the current one if it is unknown,
// so a typo can be seen and replaced).
class ParameterTypeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace mltf::ui
