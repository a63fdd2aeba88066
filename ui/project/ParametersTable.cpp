#include "project/ParametersTable.h"

#include "common/FieldMarker.h"
#include "project/ParameterTypeDelegate.h"

#include <QHeaderView>

namespace mltf::ui {

ParametersTable::ParametersTable(QWidget *parent) : QTableWidget(0, 4, parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Default"), tr("Required")});
    setItemDelegateForColumn(TypeColumn, new ParameterTypeDelegate(this));
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(DefaultColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(RequiredColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->resizeSection(NameColumn, 140);
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    setTabKeyNavigation(false); // Tab leaves the table; arrows move between cells
    setMinimumHeight(fontMetrics().height() * 6);
    connect(this, &QTableWidget::itemChanged, this, &ParametersTable::onItemChanged);
}

QList<project::Parameter> ParametersTable::parameters() const
{
    QList<project::Parameter> result;
    for (int row = 0; row < rowCount(); ++row) {
        project::Parameter p;
        p.name = item(row, NameColumn)->text().trimmed();
        p.type = item(row, TypeColumn)->text().trimmed();
        p.hasDefault = item(row, RequiredColumn)->checkState() != Qt::Checked;
        p.defaultValue = p.hasDefault ? item(row, DefaultColumn)->text() : QString();
        result.append(p);
    }
    return result;
}

void ParametersTable::setParameters(const QList<project::Parameter> &parameters)
{
    if (parameters == this->parameters() && rowCount() == parameters.size())
        return;
    m_updating = true;
    setRowCount(int(parameters.size()));
    for (int row = 0; row < parameters.size(); ++row)
        setRow(row, parameters.at(row));
    m_updating = false;
}

void ParametersTable::setCellText(int row, int column, const QString &text)
{
    QTableWidgetItem *cell = item(row, column);
    if (!cell) {
        cell = new QTableWidgetItem;
        setItem(row, column, cell);
    }
    if (cell->text() != text)
        cell->setText(text);
}

void ParametersTable::setRow(int row, const project::Parameter &parameter)
{
    setCellText(row, NameColumn, parameter.name);
    setCellText(row, TypeColumn, parameter.type);
    setCellText(row, DefaultColumn, parameter.hasDefault ? parameter.defaultValue : QString());
    QTableWidgetItem *required = item(row, RequiredColumn);
    if (!required) {
        required = new QTableWidgetItem;
        required->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        required->setToolTip(tr("No default: MLflow asks for a value at run time (the gateway cannot)."));
        setItem(row, RequiredColumn, required);
    }
    const Qt::CheckState state = parameter.hasDefault ? Qt::Unchecked : Qt::Checked;
    if (required->checkState() != state)
        required->setCheckState(state);
    item(row, DefaultColumn)->setToolTip(parameter.hasDefault ? QString() : tr("Required: no default"));
}

int ParametersTable::rowOf(const QString &name) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, NameColumn) && item(row, NameColumn)->text() == name)
            return row;
    }
    return -1;
}

void ParametersTable::markRows(const QHash<QString, project::Diagnostic> &worstByName)
{
    m_updating = true;
    for (int row = 0; row < rowCount(); ++row) {
        QTableWidgetItem *cell = item(row, NameColumn);
        const auto it = worstByName.find(cell->text());
        if (it == worstByName.end()) {
            cell->setIcon(QIcon());
            cell->setToolTip(QString());
            continue;
        }
        FieldMarker::Level level = FieldMarker::Level::Info;
        if (it->severity == project::Diagnostic::Severity::Error)
            level = FieldMarker::Level::Error;
        else if (it->severity == project::Diagnostic::Severity::Warning)
            level = FieldMarker::Level::Warning;
        cell->setIcon(FieldMarker::icon(level));
        cell->setToolTip(it->message);
    }
    m_updating = false;
}

void ParametersTable::addParameter()
{
    QStringList names;
    for (const project::Parameter &p : parameters())
        names.append(p.name);
    QString name = QStringLiteral("param");
    for (int n = 2; names.contains(name); ++n)
        name = QStringLiteral("param_%1").arg(n);
    QList<project::Parameter> list = parameters();
    project::Parameter parameter;
    parameter.name = name;
    list.append(parameter);
    setParameters(list);
    emit parametersEdited(list, {});
    const int row = rowCount() - 1;
    setCurrentCell(row, NameColumn);
    editItem(item(row, NameColumn));
}

void ParametersTable::removeCurrentParameter()
{
    const int row = currentRow();
    if (row < 0)
        return;
    QList<project::Parameter> list = parameters();
    list.removeAt(row);
    setParameters(list);
    emit parametersEdited(list, {});
}

void ParametersTable::onItemChanged(QTableWidgetItem *changed)
{
    if (m_updating)
        return;
    const int row = changed->row();
    if (changed->column() == DefaultColumn && !changed->text().isEmpty() &&
        item(row, RequiredColumn)->checkState() == Qt::Checked) {
        m_updating = true; // a default makes the parameter optional
        item(row, RequiredColumn)->setCheckState(Qt::Unchecked);
        m_updating = false;
    }
    if (changed->column() == RequiredColumn && changed->checkState() == Qt::Checked) {
        m_updating = true;
        item(row, DefaultColumn)->setText(QString());
        m_updating = false;
    }
    emit parametersEdited(parameters(), QStringLiteral("%1.%2").arg(row).arg(changed->column()));
}

} // namespace mltf::ui
