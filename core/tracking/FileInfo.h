#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace mltf::tracking {

// One artifact entry. `path` is relative to the run's artifact root ("model/data/model.pth"), as
// artifacts/list returns it. Directories have no size (-1).
struct FileInfo
{
    QString path;
    bool isDir = false;
    qint64 size = -1;

    // The last path component ("model.pth").
    QString name() const { return path.section(QLatin1Char('/'), -1); }
};

// One directory level of a run's artifacts, sorted by path. `rootUri` is the run's artifact root
// ("mlflow-artifacts:/3/<run>/artifacts" or a file:// URI).
struct ArtifactListing
{
    QString rootUri;
    QList<FileInfo> files;
};

} // namespace mltf::tracking
