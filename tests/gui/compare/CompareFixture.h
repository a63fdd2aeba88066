#pragma once

// Opens the runs browser on the bundled example store (four learning rates) and compares runs.

#include "BrowserProbe.h"
#include "compare/CompareView.h"
#include "tracking/TrackingUri.h"

#include <QItemSelectionModel>
#include <QTest>

namespace mltf::test {

inline QString exampleStoreDir()
{
    return QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns");
}

// Selects the runs with these names (the first becomes current), as Ctrl+clicks would.
inline bool selectRuns(BrowserProbe &probe, const QStringList &names)
{
    if (names.isEmpty() || !probe.selectRun(names.first()))
        return false;
    QTreeView *view = probe.runsView();
    const QAbstractItemModel *m = view->model();
    int found = 1;
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex index = m->index(row, 1);
        if (names.mid(1).contains(index.data().toString())) {
            view->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
            ++found;
        }
    }
    return found == names.size();
}

inline bool openExampleStore(ui::RunsBrowser &browser, BrowserProbe &probe)
{
    browser.setTrackingUri(tracking::TrackingUri::parse(exampleStoreDir()),
                           QStringLiteral("bundled example store"));
    return QTest::qWaitFor([&] { return probe.runsReady() && probe.runs().rowCount() == 4; }, 10000);
}

// In the runs table's order (newest first), which the compare view keeps.
inline const QStringList &exampleRunNames()
{
    static const QStringList names{QStringLiteral("charlm-lr5e-2"), QStringLiteral("charlm-lr3e-3"),
                                   QStringLiteral("charlm-lr1e-3"), QStringLiteral("charlm-lr3e-4")};
    return names;
}

} // namespace mltf::test
