#include "project/Packer.h"

#include "project/IgnoreRules.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace mltf::project {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::project::Packer", text);
}

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load();
}

// QDir cannot tell an unreadable folder from an empty one.
bool canListDirectory(const QString &path, QString *why)
{
    DIR *dir = ::opendir(QFile::encodeName(path).constData());
    if (!dir) {
        *why = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    ::closedir(dir);
    return true;
}

class Walker
{
public:
    Walker(QString root, const Packer::Options &options, const std::atomic_bool *cancel)
        : m_root(std::move(root)), m_options(options), m_cancel(cancel)
    {
        m_plan.root = m_root;
        m_plan.sizeLimit = options.sizeLimit;
    }

    bool run()
    {
        if (m_options.honourGitignore)
            loadIgnoreFile(QString(), QStringLiteral(".git/info/exclude"));
        walk(QString(), 0);
        std::sort(m_plan.files.begin(), m_plan.files.end(),
                  [](const PackedFile &a, const PackedFile &b) { return a.path < b.path; });
        return !m_cancelled;
    }

    PackPlan takePlan() { return std::move(m_plan); }

private:
    QString absolute(const QString &relative) const
    {
        return relative.isEmpty() ? m_root : m_root + QLatin1Char('/') + relative;
    }

    void loadIgnoreFile(const QString &directory, const QString &name)
    {
        const QString relative = directory.isEmpty() ? name : directory + QLatin1Char('/') + name;
        QFile file(absolute(relative));
        if (!QFileInfo(file.fileName()).isFile() || !file.open(QIODevice::ReadOnly))
            return; // an unreadable ignore file is reported when the walk reaches it as a file
        m_rules.addPatterns(directory, QString::fromUtf8(file.readAll()), relative);
    }

    // Folders that never belong in a job's input, whatever the ignore files say.
    QString alwaysExcluded(const QString &relative, const QString &name, int depth) const
    {
        if (name == QLatin1String(".git"))
            return tr("always excluded: Git metadata");
        if (name == QLatin1String("__pycache__"))
            return tr("always excluded: Python bytecode cache");
        if (depth == 0 && name == QLatin1String("mlruns"))
            return tr("always excluded: MLflow's local tracking store");
        const QString path = absolute(relative);
        if (name == QLatin1String("venv") || name == QLatin1String(".venv")
            || QFileInfo::exists(path + QStringLiteral("/pyvenv.cfg")))
            return tr("always excluded: Python virtual environment");
        if (QFileInfo(path + QStringLiteral("/conda-meta")).isDir())
            return tr("always excluded: conda environment");
        return {};
    }

    bool ignoredByRules(const QString &relative, bool isDirectory)
    {
        const IgnoreRules::Decision decision = m_rules.decide(relative, isDirectory);
        if (!decision.ignored)
            return false;
        m_plan.exclusions.push_back(
            {isDirectory ? relative + QLatin1Char('/') : relative,
             tr("ignored by %1:%2 (%3)").arg(decision.source).arg(decision.line).arg(decision.pattern)});
        return true;
    }

    void problem(PackProblem::Kind kind, const QString &relative, const QString &message, bool blocking)
    {
        m_plan.problems.push_back({kind, relative, message, blocking});
    }

    void walk(const QString &directory, int depth)
    {
        if (m_options.honourGitignore)
            loadIgnoreFile(directory, QStringLiteral(".gitignore"));
        loadIgnoreFile(directory, QStringLiteral(".mltfignore"));

        const QFileInfoList entries = QDir(absolute(directory))
                                          .entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System
                                                             | QDir::NoDotAndDotDot,
                                                         QDir::Name);
        for (const QFileInfo &info : entries) {
            if (isCancelled(m_cancel)) {
                m_cancelled = true;
                return;
            }
            const QString name = info.fileName();
            const QString relative = directory.isEmpty() ? name : directory + QLatin1Char('/') + name;
            if (info.isSymLink()) {
                addSymlink(info, directory, relative);
            } else if (info.isDir()) {
                const QString reason = alwaysExcluded(relative, name, depth);
                if (!reason.isEmpty()) {
                    m_plan.exclusions.push_back({relative + QLatin1Char('/'), reason});
                    continue;
                }
                if (ignoredByRules(relative, true))
                    continue;
                QString why;
                if (!canListDirectory(info.absoluteFilePath(), &why)) {
                    problem(PackProblem::Kind::Unreadable, relative,
                            tr("Cannot read the folder '%1': %2").arg(relative, why), true);
                    continue;
                }
                walk(relative, depth + 1);
                if (m_cancelled)
                    return;
            } else if (info.isFile()) {
                if (name == QLatin1String(".git")) { // a worktree's or submodule's pointer file
                    m_plan.exclusions.push_back({relative, tr("always excluded: Git metadata")});
                    continue;
                }
                if (ignoredByRules(relative, false))
                    continue;
                addFile(info, relative);
            } else {
                if (ignoredByRules(relative, false))
                    continue;
                problem(PackProblem::Kind::NotRegularFile, relative,
                        tr("'%1' is not a regular file (a pipe, socket or device) and is left out.").arg(relative),
                        false);
            }
        }
    }

    void addFile(const QFileInfo &info, const QString &relative)
    {
        QFile file(info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly)) {
            problem(PackProblem::Kind::Unreadable, relative,
                    tr("Cannot read '%1': %2").arg(relative, file.errorString()), true);
            return;
        }
        PackedFile packed;
        packed.path = relative;
        packed.size = info.size();
        packed.executable = info.permissions().testFlag(QFileDevice::ExeOwner);
        m_plan.totalBytes += packed.size;
        m_plan.files.push_back(packed);
    }

    void addSymlink(const QFileInfo &info, const QString &directory, const QString &relative)
    {
        if (ignoredByRules(relative, false))
            return;
        const QString target = info.canonicalFilePath(); // empty when it points nowhere
        if (target.isEmpty()) {
            problem(PackProblem::Kind::BrokenSymlink, relative,
                    tr("The link '%1' points to nothing and is left out.").arg(relative), false);
            return;
        }
        const bool inside = target == m_root || target.startsWith(m_root + QLatin1Char('/'));
        if (!inside) {
            problem(PackProblem::Kind::SymlinkOutside, relative,
                    tr("The link '%1' points outside the project (%2); it is not followed and is left out.")
                        .arg(relative, target),
                    false);
            return;
        }
        // Stored as a link relative to its own folder: no absolute path goes into the archive. Its target
        // is packed on its own (unless ignored).
        PackedFile packed;
        packed.path = relative;
        packed.symlink = true;
        packed.linkTarget = QDir(absolute(directory)).relativeFilePath(target);
        if (packed.linkTarget.isEmpty())
            packed.linkTarget = QStringLiteral(".");
        m_plan.files.push_back(packed);
    }

    QString m_root;
    Packer::Options m_options;
    const std::atomic_bool *m_cancel;
    IgnoreRules m_rules;
    PackPlan m_plan;
    bool m_cancelled = false;
};

struct ArchiveDeleter
{
    void operator()(archive *a) const { archive_write_free(a); }
};
struct EntryDeleter
{
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

QString archiveError(archive *a)
{
    const char *text = archive_error_string(a);
    return text ? QString::fromLocal8Bit(text) : tr("unknown archive error");
}

} // namespace

bool PackPlan::hasBlockingProblems() const
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const PackProblem &p) { return p.blocking; });
}

Error PackPlan::refusal() const
{
    if (overLimit()) {
        return Error::make(Error::Kind::InvalidInput,
                           tr("The project is %1, over the limit of %2. Add the large files to .mltfignore "
                              "or .gitignore.")
                               .arg(Packer::formatSize(totalBytes), Packer::formatSize(sizeLimit)),
                           QStringLiteral("%1 bytes > %2").arg(totalBytes).arg(sizeLimit));
    }
    QStringList messages;
    for (const PackProblem &p : problems) {
        if (p.blocking)
            messages << p.message;
    }
    if (messages.isEmpty())
        return {};
    return Error::make(Error::Kind::Io, messages.join(QLatin1Char('\n')));
}

QVector<PackedFile> PackPlan::largestFirst() const
{
    QVector<PackedFile> sorted = files;
    std::stable_sort(sorted.begin(), sorted.end(), [](const PackedFile &a, const PackedFile &b) {
        return a.size != b.size ? a.size > b.size : a.path < b.path;
    });
    return sorted;
}

QString PackPlan::summary() const
{
    return QCoreApplication::translate("mltf::project::Packer", "%n file(s), %1", nullptr, int(files.size()))
        .arg(Packer::formatSize(totalBytes));
}

QString Packer::formatSize(qint64 bytes)
{
    if (bytes < 1000)
        return tr("%1 bytes").arg(bytes);
    static const char *const units[] = {"KB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1000.0 && unit < 3) {
        value /= 1000.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

Result<PackPlan> Packer::scan(const QString &projectRoot, const Options &options, const std::atomic_bool *cancel)
{
    const QFileInfo rootInfo(projectRoot);
    if (!rootInfo.isDir()) {
        return Error::make(Error::Kind::Io, tr("The project folder '%1' does not exist.").arg(projectRoot));
    }
    QString why;
    const QString root = rootInfo.canonicalFilePath();
    if (!canListDirectory(root, &why)) {
        return Error::make(Error::Kind::Io, tr("Cannot read the project folder '%1': %2").arg(projectRoot, why));
    }
    Walker walker(root, options, cancel);
    if (!walker.run())
        return Error::make(Error::Kind::Cancelled, tr("Packing was cancelled."));
    PackPlan plan = walker.takePlan();
    qCDebug(lcProject) << "packer scanned" << root << plan.files.size() << "files" << plan.totalBytes << "bytes"
                       << plan.problems.size() << "problems";
    return plan;
}

Status Packer::write(const PackPlan &plan, const QString &archivePath, const Progress &progress,
                     const std::atomic_bool *cancel)
{
    if (!plan.canPack())
        return plan.refusal();

    std::unique_ptr<archive, ArchiveDeleter> out(archive_write_new());
    archive_write_add_filter_gzip(out.get());
    archive_write_set_format_pax_restricted(out.get());
    if (archive_write_open_filename(out.get(), QFile::encodeName(archivePath).constData()) != ARCHIVE_OK) {
        return Error::make(Error::Kind::Io, tr("Cannot create the archive '%1': %2")
                                                .arg(archivePath, archiveError(out.get())));
    }

    auto fail = [&](Error error) -> Status {
        archive_write_close(out.get());
        out.reset();
        QFile::remove(archivePath);
        return error;
    };

    qint64 done = 0;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    for (const PackedFile &file : plan.files) {
        if (isCancelled(cancel))
            return fail(Error::make(Error::Kind::Cancelled, tr("Packing was cancelled.")));
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), file.path.toUtf8().constData());
        const QString source = plan.root + QLatin1Char('/') + file.path;
        const QFileInfo info(source);
        archive_entry_set_mtime(entry.get(), info.lastModified().toSecsSinceEpoch(), 0);

        if (file.symlink) {
            archive_entry_set_filetype(entry.get(), AE_IFLNK);
            archive_entry_set_perm(entry.get(), 0777);
            archive_entry_set_symlink_utf8(entry.get(), file.linkTarget.toUtf8().constData());
            if (archive_write_header(out.get(), entry.get()) < ARCHIVE_WARN)
                return fail(Error::make(Error::Kind::Io, tr("Cannot write '%1' into the archive: %2")
                                                             .arg(file.path, archiveError(out.get()))));
            continue;
        }

        QFile input(source);
        if (!input.open(QIODevice::ReadOnly)) {
            return fail(Error::make(Error::Kind::Io, tr("Cannot read '%1': %2").arg(file.path, input.errorString())));
        }
        if (input.size() != file.size) {
            return fail(Error::make(Error::Kind::Io,
                                    tr("'%1' changed while the project was being packed; try again.").arg(file.path)));
        }
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), file.executable ? 0755 : 0644);
        archive_entry_set_size(entry.get(), file.size);
        if (archive_write_header(out.get(), entry.get()) < ARCHIVE_WARN)
            return fail(Error::make(Error::Kind::Io, tr("Cannot write '%1' into the archive: %2")
                                                         .arg(file.path, archiveError(out.get()))));
        qint64 written = 0;
        while (written < file.size) {
            if (isCancelled(cancel))
                return fail(Error::make(Error::Kind::Cancelled, tr("Packing was cancelled.")));
            const qint64 n = input.read(buffer.data(), std::min<qint64>(buffer.size(), file.size - written));
            if (n <= 0) {
                return fail(Error::make(Error::Kind::Io,
                                        n < 0 ? tr("Cannot read '%1': %2").arg(file.path, input.errorString())
                                              : tr("'%1' changed while the project was being packed; try again.")
                                                    .arg(file.path)));
            }
            if (archive_write_data(out.get(), buffer.constData(), size_t(n)) != n)
                return fail(Error::make(Error::Kind::Io, tr("Cannot write the archive '%1': %2")
                                                             .arg(archivePath, archiveError(out.get()))));
            written += n;
            done += n;
            if (progress)
                progress(done, plan.totalBytes);
        }
    }
    if (archive_write_close(out.get()) != ARCHIVE_OK)
        return fail(Error::make(Error::Kind::Io,
                                tr("Cannot write the archive '%1': %2").arg(archivePath, archiveError(out.get()))));
    if (progress)
        progress(plan.totalBytes, plan.totalBytes);
    return Done{};
}

} // namespace mltf::project
