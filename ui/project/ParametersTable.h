#pragma once

#include "project/Diagnostic.h"
#include "project/MLProject.h"

#include <QTableWidget>

namespace mltf::ui {

// The parameters of one entry point: name, type (combo), default, required. Typing a default clears
// "required"; checking "required" removes the default (MLflow then asks for a value at run time).
class ParametersTable : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, DefaultColumn, RequiredColumn };

    explicit ParametersTable(QWidget *parent = nullptr);

    QList<project::Parameter> parameters() const;
    // Shows `parameters` without emitting parametersEdited(); cells that are already right are left alone.
    void setParameters(const QList<project::Parameter> &parameters);
    // Marks the rows that diagnostics are about (by parameter name).
    void markRows(const QHash<QString, project::Diagnostic> &worstByName);
    int rowOf(const QString &name) const;

public slots:
    void addParameter();
    void removeCurrentParameter();

signals:
    // After a user change; `mergeKey` names the cell so typing in one cell is one undo step.
    void parametersEdited(const QList<project::Parameter> &parameters, const QString &mergeKey);

private:
    void setRow(int row, const project::Parameter &parameter);
    void setCellText(int row, int column, const QString &text);
    void onItemChanged(QTableWidgetItem *item);

    bool m_updating = false;
};

} // namespace mltf::ui
