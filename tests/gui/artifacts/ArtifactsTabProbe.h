#pragma once

// Drives the Artifacts tab in tests: opens a run of a FileStore and selects an artifact by path, expanding
// its folders (each listed lazily) on the way.

#include "StoreWait.h"

#include "runs/ArtifactsModel.h"
#include "runs/RunArtifacts.h"
#include "tracking/FileStore.h"

#include <QTest>
#include <QTreeView>

#include <memory>

namespace mltf::test {

// The bundled example store and its charlm-lr3e-4 run (it has model/MLmodel).
inline QString exampleStore()
{
    return QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns");
}
inline QString exampleRunId()
{
    return QStringLiteral("925b954e793f4716beb92695258d9791");
}

inline bool openRun(ui::RunArtifacts &tab, const std::shared_ptr<tracking::Store> &store,
                    const QString &runId)
{
    const Result<tracking::Run> run = awaitResult(store->getRun(runId));
    if (!run.ok())
        return false;
    tab.showRun(store, run.value());
    return QTest::qWaitFor([&] { return tab.model()->isRootListed() && tab.model()->rowCount() > 0; }, 10000);
}

// Selects `path` ("model/MLmodel"), expanding the folders on the way. False when it does not show up.
inline bool selectArtifact(ui::RunArtifacts &tab, const QString &path)
{
    ui::ArtifactsModel *model = tab.model();
    QModelIndex parent;
    const QStringList parts = path.split(QLatin1Char('/'));
    for (int depth = 0; depth < parts.size(); ++depth) {
        const QString wanted = parts.mid(0, depth + 1).join(QLatin1Char('/'));
        QModelIndex found;
        const bool ok = QTest::qWaitFor(
            [&] {
                if (model->canFetchMore(parent))
                    model->fetchMore(parent);
                for (int row = 0; row < model->rowCount(parent); ++row) {
                    const QModelIndex i = model->index(row, 0, parent);
                    if (i.data(ui::ArtifactsModel::PathRole).toString() == wanted)
                        found = i;
                }
                return found.isValid();
            },
            10000);
        if (!ok)
            return false;
        if (depth + 1 < parts.size())
            tab.view()->expand(found);
        else
            tab.view()->setCurrentIndex(found);
        parent = found;
    }
    return true;
}

} // namespace mltf::test
