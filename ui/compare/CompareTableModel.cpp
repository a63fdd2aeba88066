#include "compare/CompareTableModel.h"

#include "compare/RunColors.h"
#include "util/Csv.h"

#include <QBrush>
#include <QFont>

namespace mltf::ui {

namespace {
const QColor kStandsOut(0xff, 0xe9, 0xa8);
const QColor kDifferentRowLabel(0xfb, 0xf5, 0xe0);
} // namespace

CompareTableModel::CompareTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CompareTableModel::setTable(const QStringList &labelHeaders, const QStringList &runNames,
                                 const QList<QColor> &runColors, const QList<CompareTableRow> &rows)
{
    beginResetModel();
    m_labelHeaders = labelHeaders;
    m_runNames = runNames;
    m_runColors = runColors;
    m_rows = rows;
    updateShown();
    endResetModel();
}

void CompareTableModel::setRows(const QList<CompareTableRow> &rows)
{
    if (rows.size() != m_rows.size()) {
        setTable(m_labelHeaders, m_runNames, m_runColors, rows);
        return;
    }
    m_rows = rows;
    const QList<int> before = m_shown;
    updateShown();
    if (before != m_shown) {
        beginResetModel();
        endResetModel();
    } else if (!m_shown.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }
}

void CompareTableModel::setOnlyDifferences(bool only)
{
    if (only == m_onlyDifferences)
        return;
    beginResetModel();
    m_onlyDifferences = only;
    updateShown();
    endResetModel();
}

void CompareTableModel::updateShown()
{
    m_shown.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        if (!m_onlyDifferences || m_rows[i].differs)
            m_shown.append(i);
}

int CompareTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int CompareTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_labelHeaders.size() + m_runNames.size());
}

QVariant CompareTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const CompareTableRow &row = shownRow(index.row());
    const int labels = labelColumnCount();
    const int column = index.column();
    if (column < labels) {
        const QString text = row.labels.value(column);
        switch (role) {
        case Qt::DisplayRole: {
            // A group of rows (a metric's last/min/max) names its key once.
            const bool repeated =
                column == 0 && index.row() > 0 && shownRow(index.row() - 1).labels.value(0) == text;
            return repeated ? QString() : text;
        }
        case Qt::ToolTipRole:
            return text;
        case Qt::FontRole:
            if (column == 0 && row.differs) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            return {};
        case Qt::BackgroundRole:
            return row.differs ? QBrush(kDifferentRowLabel) : QVariant();
        default:
            return {};
        }
    }
    const int run = column - labels;
    switch (role) {
    case Qt::DisplayRole:
        return row.shown.value(run);
    case Qt::ToolTipRole: {
        const QString exact = row.exact.value(run);
        return exact.isEmpty() ? row.shown.value(run) : exact;
    }
    case Qt::BackgroundRole:
        return row.standsOut.value(run) ? QBrush(kStandsOut) : QVariant();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    const int labels = labelColumnCount();
    if (section < labels)
        return role == Qt::DisplayRole ? QVariant(m_labelHeaders.value(section)) : QVariant();
    const int run = section - labels;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return m_runNames.value(run);
    case Qt::DecorationRole:
        return run < m_runColors.size() ? QVariant(RunColors::swatch(m_runColors[run])) : QVariant();
    default:
        return {};
    }
}

QByteArray CompareTableModel::toCsv() const
{
    QList<QStringList> rows;
    for (int r = 0; r < rowCount(); ++r) {
        const CompareTableRow &row = shownRow(r);
        QStringList fields = row.labels;
        for (int run = 0; run < m_runNames.size(); ++run)
            fields.append(row.exact.value(run));
        rows.append(fields);
    }
    return Csv::table(m_labelHeaders + m_runNames, rows);
}

} // namespace mltf::ui
