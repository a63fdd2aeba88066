#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QColor>
#include <QStringList>

namespace mltf::ui {

// One row of a compare table: label cells (the key, a statistic) then one cell per run.
struct CompareTableRow
{
    QStringList labels;
    QStringList shown;     // per run, as displayed
    QStringList exact;     // per run, as exported (full precision; empty when the run has no value)
    QList<bool> standsOut; // per run: highlighted
    bool differs = false;
};

// A table with the compared runs as columns (params, metrics, tags). With "only differences" on, rows whose
// values are the same for every run are hidden. A label repeated from the row above (a metric's min and max
// rows) is drawn once. Exports the rows shown as CSV, with exact values.
class CompareTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit CompareTableModel(QObject *parent = nullptr);

    void setTable(const QStringList &labelHeaders, const QStringList &runNames,
                  const QList<QColor> &runColors, const QList<CompareTableRow> &rows);
    // Replaces the rows, keeping the columns (the metrics table as histories arrive).
    void setRows(const QList<CompareTableRow> &rows);
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const { return m_onlyDifferences; }

    int labelColumnCount() const { return int(m_labelHeaders.size()); }
    // All rows, shown or not.
    int totalRowCount() const { return int(m_rows.size()); }
    const CompareTableRow &shownRow(int row) const { return m_rows[m_shown[row]]; }
    QByteArray toCsv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void updateShown();

    QStringList m_labelHeaders;
    QStringList m_runNames;
    QList<QColor> m_runColors;
    QList<CompareTableRow> m_rows;
    QList<int> m_shown; // indexes into m_rows
    bool m_onlyDifferences = false;
};

} // namespace mltf::ui
