#include "tracking/ArtifactDownloader.h"

#include "tracking/ArtifactPath.h"
#include "tracking/ArtifactSource.h"
#include "tracking/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>

#include <cmath>

namespace mltf::tracking {

namespace {

constexpr int kTickMs = 250;
constexpr qint64 kRateWindowMs = 3000;

QString partFile(const QString &target)
{
    return target + QStringLiteral(".part");
}

} // namespace

ArtifactDownloader::ArtifactDownloader(std::shared_ptr<Store> store, const QString &runId, QObject *parent)
    : ArtifactDownloader(store, runId, ArtifactSource::forStore(store, runId), parent)
{}

ArtifactDownloader::ArtifactDownloader(std::shared_ptr<Store> store, const QString &runId,
                                       std::unique_ptr<ArtifactSource> source, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_runId(runId)
    , m_source(std::move(source))
    , m_tick(new QTimer(this))
{
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        sampleRate();
        emit progressChanged();
    });
}

ArtifactDownloader::~ArtifactDownloader()
{
    // Transfers are children: stop them before the QObject destructor deletes them, keeping no .part behind.
    m_finished = true;
    stopTransfers();
}

void ArtifactDownloader::start(const FileInfo &artifact, const QString &destination)
{
    Q_ASSERT(!m_running && !m_finished);
    m_running = true;
    m_destination = QDir::cleanPath(QDir(destination).absolutePath());
    const bool wholeRun = artifact.isDir && artifact.path.isEmpty();
    const QString path = artifact.path;
    auto failLater = [this](const Error &e) { QTimer::singleShot(0, this, [this, e] { finish(e); }); };
    if (!m_store || !m_source) {
        failLater(Error::make(Error::Kind::Unsupported, tr("This store cannot download artifacts.")));
        return;
    }
    if (!wholeRun && !ArtifactPath::isSafe(path)) {
        failLater(ArtifactPath::refused(path));
        return;
    }
    m_base = path.left(path.lastIndexOf(QLatin1Char('/')) + 1);
    m_clock.start();
    if (artifact.isDir) {
        m_pendingDirs << path;
        QTimer::singleShot(0, this, &ArtifactDownloader::listNext);
    } else {
        plan(artifact);
        if (!m_finished)
            QTimer::singleShot(0, this, [this] {
                emit planned();
                pump();
            });
    }
}

void ArtifactDownloader::listNext()
{
    if (m_finished)
        return;
    if (m_pendingDirs.isEmpty()) {
        emit planned();
        m_tick->start();
        pump();
        return;
    }
    const QString dir = m_pendingDirs.takeFirst();
    auto *watcher = new QFutureWatcher<Result<ArtifactListing>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, dir] {
        watcher->deleteLater();
        if (m_finished)
            return;
        const QFuture<Result<ArtifactListing>> future = watcher->future();
        if (future.resultCount() == 0) {
            finish(Error::make(Error::Kind::Cancelled, tr("The listing was cancelled.")));
            return;
        }
        const Result<ArtifactListing> listing = future.result();
        if (!listing.ok()) {
            finish(listing.error());
            return;
        }
        const QString prefix = dir.isEmpty() ? QString() : dir + QLatin1Char('/');
        for (const FileInfo &entry : listing.value().files) {
            // A listing must stay inside the folder it lists; anything else is refused before writing a byte.
            if (!ArtifactPath::isSafe(entry.path) || !entry.path.startsWith(prefix) || entry.path == prefix) {
                finish(ArtifactPath::refused(entry.path));
                return;
            }
            if (entry.isDir)
                m_pendingDirs << entry.path;
            else
                plan(entry);
            if (m_finished)
                return;
        }
        listNext();
    });
    watcher->setFuture(m_store->listArtifacts(m_runId, dir));
}

void ArtifactDownloader::plan(const FileInfo &file)
{
    const Result<QString> target = ArtifactPath::localTarget(m_destination, file.path.mid(m_base.size()));
    if (!target.ok() || !file.path.startsWith(m_base)) {
        finish(ArtifactPath::refused(file.path));
        return;
    }
    FileEntry entry;
    entry.path = file.path;
    entry.target = target.value();
    entry.size = file.size;
    m_files.append(entry);
}

void ArtifactDownloader::pump()
{
    if (m_finished)
        return;
    m_tick->start();
    while (m_active.size() < m_concurrency && m_next < m_files.size())
        startFile(m_next++);
    if (m_active.isEmpty() && m_next >= m_files.size()) {
        for (const FileEntry &f : std::as_const(m_files))
            if (f.state == FileState::Failed) {
                finish(f.error);
                return;
            }
        finish(Done{});
    }
}

void ArtifactDownloader::startFile(int index)
{
    FileEntry &f = m_files[index];
    f.state = FileState::Running;
    if (!QDir().mkpath(QFileInfo(f.target).absolutePath())) {
        failFile(index, Error::make(Error::Kind::Io, tr("Cannot create the folder for %1.").arg(f.target)));
        return;
    }
    // A resume continues from what the .part file holds; a fresh start from zero.
    const qint64 offset = f.resumes > 0 ? QFileInfo(partFile(f.target)).size() : 0;
    f.received = offset;
    ArtifactTransfer *transfer = m_source->transfer(f.path, partFile(f.target), offset, this);
    m_active.append({index, transfer});
    connect(transfer, &ArtifactTransfer::received, this,
            [this, index](qint64 bytes) { m_files[index].received = bytes; });
    connect(transfer, &ArtifactTransfer::finished, this, [this, index](const Status &status, bool retryable) {
        onTransferFinished(index, status, retryable);
    });
}

void ArtifactDownloader::onTransferFinished(int index, const Status &status, bool retryable)
{
    for (int i = 0; i < m_active.size(); ++i)
        if (m_active[i].first == index) {
            m_active[i].second->deleteLater();
            m_active.removeAt(i);
            break;
        }
    FileEntry &f = m_files[index];
    const qint64 have = QFileInfo(partFile(f.target)).size();
    f.received = have;
    const bool shortFile = status.ok() && f.size >= 0 && have < f.size;
    if ((!status.ok() && retryable) || shortFile) {
        // A dropped connection (or a body cut short without an error): ask for the rest.
        if (f.resumes < m_maxResumes) {
            ++f.resumes;
            startFile(index);
            pump();
            return;
        }
        failFile(index, status.ok()
                            ? Error::make(Error::Kind::Network,
                                          tr("%1 stayed incomplete (%2 of %3 bytes) after %4 attempts.")
                                              .arg(f.path)
                                              .arg(have)
                                              .arg(f.size)
                                              .arg(f.resumes + 1))
                            : status.error());
    } else if (!status.ok()) {
        failFile(index, status.error());
    } else if (f.size >= 0 && have != f.size) {
        failFile(index,
                 Error::make(Error::Kind::Parse,
                             tr("%1 has %2 bytes, the listing says %3.").arg(f.path).arg(have).arg(f.size)));
    } else {
        completeFile(index);
    }
    pump();
}

void ArtifactDownloader::completeFile(int index)
{
    FileEntry &f = m_files[index];
    if (QFileInfo::exists(f.target) && !QFile::remove(f.target)) {
        failFile(index, Error::make(Error::Kind::Io, tr("Cannot replace %1.").arg(f.target)));
        return;
    }
    if (!QFile::rename(partFile(f.target), f.target)) {
        failFile(index, Error::make(Error::Kind::Io, tr("Cannot rename %1.").arg(partFile(f.target))));
        return;
    }
    f.state = FileState::Done;
    emit fileFinished(index);
}

void ArtifactDownloader::failFile(int index, const Error &error)
{
    FileEntry &f = m_files[index];
    f.state = FileState::Failed;
    f.error = error;
    QFile::remove(partFile(f.target));
    emit fileFinished(index);
}

void ArtifactDownloader::cancel()
{
    if (m_finished)
        return;
    stopTransfers();
    for (FileEntry &f : m_files)
        if (f.state == FileState::Queued)
            f.state = FileState::Cancelled;
    finish(Error::make(Error::Kind::Cancelled, tr("The download was cancelled.")));
}

void ArtifactDownloader::stopTransfers()
{
    for (const auto &[index, transfer] : std::as_const(m_active)) {
        transfer->abort();
        delete transfer;
        m_files[index].state = FileState::Cancelled;
        QFile::remove(partFile(m_files[index].target));
    }
    m_active.clear();
}

void ArtifactDownloader::finish(const Status &status)
{
    if (m_finished)
        return;
    m_finished = true;
    m_running = false;
    m_tick->stop();
    sampleRate();
    emit progressChanged();
    emit finished(status);
}

void ArtifactDownloader::sampleRate()
{
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    qint64 done = 0;
    for (const FileEntry &f : std::as_const(m_files))
        done += f.received;
    m_samples.append({now, done});
    while (m_samples.size() > 2 && now - m_samples.first().first > kRateWindowMs)
        m_samples.removeFirst();
    const qint64 span = m_samples.last().first - m_samples.first().first;
    if (span > 0)
        m_rate = double(m_samples.last().second - m_samples.first().second) * 1000.0 / double(span);
}

DownloadProgress ArtifactDownloader::progress() const
{
    DownloadProgress p;
    p.filesTotal = int(m_files.size());
    for (const FileEntry &f : m_files) {
        if (f.state == FileState::Done)
            ++p.filesDone;
        p.bytesDone += f.received;
        p.bytesTotal += qMax<qint64>(0, f.size);
    }
    p.bytesPerSecond = m_rate;
    if (m_rate > 0 && p.bytesTotal >= p.bytesDone)
        p.secondsLeft = int(std::ceil(double(p.bytesTotal - p.bytesDone) / m_rate));
    return p;
}

} // namespace mltf::tracking
