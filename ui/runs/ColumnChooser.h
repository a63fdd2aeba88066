#pragma once

#include <QToolButton>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace mltf::ui {

class RunsModel;

// A "Columns" button whose popup lists the param and metric keys seen in the loaded runs, with a search
// box; checking a key adds it as a column of the runs table. The popup stays open while the user picks.
class ColumnChooser : public QToolButton
{
    Q_OBJECT
public:
    explicit ColumnChooser(RunsModel *model, QWidget *parent = nullptr);

    // The list as the popup shows it (rebuilt from the model's keys); public for tests.
    QTreeWidget *keyList() const { return m_list; }
    void rebuild();

private:
    void applyFilter(const QString &text);
    void onItemChanged(QTreeWidgetItem *item);

    RunsModel *m_model;
    QLineEdit *m_search;
    QTreeWidget *m_list;
    QTreeWidgetItem *m_params = nullptr;
    QTreeWidgetItem *m_metrics = nullptr;
    bool m_rebuilding = false;
};

} // namespace mltf::ui
