#pragma once

#include "util/Error.h"

#include <QString>
#include <QVector>

#include <atomic>
#include <functional>

namespace mltf::project {

// One file as it goes into the archive.
struct PackedFile
{
    QString path;       // relative to the project root, '/' separators
    qint64 size = 0;    // bytes (0 for a symlink)
    bool executable = false;
    bool symlink = false;
    QString linkTarget; // relative target of a symlink that stays inside the project
};

// Something the user should know about a file or folder; blocking problems stop the packing.
struct PackProblem
{
    enum class Kind {
        SymlinkOutside, // points out of the project: not followed, left out
        BrokenSymlink,  // points nowhere: left out
        Unreadable,     // blocking: the job would miss it
        NotRegularFile, // fifo, socket, device: left out
    };
    Kind kind = Kind::Unreadable;
    QString path;    // relative to the project root
    QString message; // for a person
    bool blocking = false;
};

// A path that was left out on purpose, for the preview ("mlruns/: MLflow's local store").
struct PackExclusion
{
    QString path;   // relative; directories end with '/'
    QString reason; // "always excluded: …" or "ignored by .gitignore:3 (data/)"
};

// What a project folder packs into: the preview and the input of Packer::write.
struct PackPlan
{
    QString root; // canonical absolute path of the project folder
    QVector<PackedFile> files; // archive order (sorted by path)
    qint64 totalBytes = 0;
    qint64 sizeLimit = 0;
    QVector<PackProblem> problems;
    QVector<PackExclusion> exclusions;

    bool overLimit() const { return sizeLimit > 0 && totalBytes > sizeLimit; }
    bool hasBlockingProblems() const;
    bool canPack() const { return !overLimit() && !hasBlockingProblems(); }
    // Why packing is refused (over the limit, unreadable files), or an empty message when it is not.
    Error refusal() const;
    // The preview order: largest files first, then by path.
    QVector<PackedFile> largestFirst() const;
    // "12 files, 3.4 MB"
    QString summary() const;
};

// Packs an MLflow project folder into a gzip-compressed tar (libarchive), as the gateway and SLURM
// submissions need it: paths relative to the root, .gitignore (every level) and .mltfignore honoured,
// .git/, __pycache__/, the top-level mlruns/ and virtual environments always left out, no symlink followed
// out of the project, no absolute local path anywhere in the archive, and a size limit checked on the
// input before anything is written.
// Both steps are blocking and meant for a worker thread (QtConcurrent::run); both can be cancelled.
class Packer
{
public:
    static constexpr qint64 kDefaultSizeLimit = 1024LL * 1024 * 1024; // 1 GiB of input, as the gateway CLI

    struct Options
    {
        qint64 sizeLimit = kDefaultSizeLimit; // 0: no limit
        bool honourGitignore = true;
    };

    using Progress = std::function<void(qint64 bytesDone, qint64 bytesTotal)>;

    // Walks the project without writing anything. Fails only when the root cannot be read at all;
    // problems with single files are in the plan.
    static Result<PackPlan> scan(const QString &projectRoot, const Options &options,
                                 const std::atomic_bool *cancel = nullptr);
    static Result<PackPlan> scan(const QString &projectRoot) { return scan(projectRoot, Options()); }

    // Writes the planned files to `archivePath` (.tar.gz). Refuses a plan that cannot be packed, and fails
    // if a file changed size or became unreadable since the scan. Removes the partial archive on failure.
    static Status write(const PackPlan &plan, const QString &archivePath, const Progress &progress = {},
                        const std::atomic_bool *cancel = nullptr);

    // "1.5 GB", "12.0 KB", "17 bytes" (decimal units, as file managers show them).
    static QString formatSize(qint64 bytes);
};

} // namespace mltf::project
