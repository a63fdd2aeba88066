#pragma once

// Helpers to read what the runs browser shows, as a user would see it.

#include "runs/ConnectionBar.h"
#include "runs/ExperimentsPanel.h"
#include "runs/RunsBrowser.h"
#include "runs/RunsModel.h"
#include "runs/RunsPanel.h"
#include "runs/RunsTreeModel.h"

#include <QListView>
#include <QStringList>
#include <QTreeView>

namespace mltf::test {

struct BrowserProbe
{
    ui::RunsBrowser &browser;

    QStringList experimentNames() const
    {
        QStringList names;
        const QAbstractItemModel *m = browser.experimentsPanel()->view()->model();
        for (int row = 0; row < m->rowCount(); ++row)
            names.append(m->index(row, 0).data().toString());
        return names;
    }
    QStringList selectedExperimentNames() const
    {
        QStringList names;
        for (const QModelIndex &i : browser.experimentsPanel()->view()->selectionModel()->selectedRows())
            names.append(i.data().toString());
        return names;
    }
    const ui::RunsModel &runs() const { return *browser.runsPanel()->model(); }
    QTreeView *runsView() const { return browser.runsPanel()->view(); }
    // The top-level rows of the runs view: column `column`'s text.
    QStringList column(int column) const
    {
        QStringList values;
        const QAbstractItemModel *m = runsView()->model();
        for (int row = 0; row < m->rowCount(); ++row)
            values.append(m->index(row, column).data().toString());
        return values;
    }
    bool runsReady() const { return runs().state() == ui::RunsModel::State::Ready; }
    // Makes the row of `runName` current, as a click would.
    bool selectRun(const QString &runName) const
    {
        const QAbstractItemModel *m = runsView()->model();
        for (int row = 0; row < m->rowCount(); ++row) {
            const QModelIndex index = m->index(row, 1);
            if (index.data().toString() == runName) {
                runsView()->setCurrentIndex(index);
                return true;
            }
        }
        return false;
    }
};

} // namespace mltf::test
