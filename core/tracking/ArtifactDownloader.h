#pragma once

#include "tracking/FileInfo.h"
#include "util/Error.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>

#include <memory>

class QTimer;

namespace mltf::tracking {

class ArtifactSource;
class ArtifactTransfer;
class Store;

// Progress of a whole download, for a panel: totals plus rate and time left over the last few seconds.
struct DownloadProgress
{
    int filesDone = 0;
    int filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0; // sum of the listed sizes
    double bytesPerSecond = 0;
    int secondsLeft = -1; // -1: not known yet
};

// Downloads one artifact file or a whole artifact folder (listed recursively) of one run into a local folder.
// Up to concurrency() files at once; each is written to "<name>.part" and renamed once complete and its size
// matches the listing's. A dropped connection resumes from the bytes already written (Range on
// /get-artifact), at most maxResumes() times per file. Every path is checked first: one that is absolute or
// contains ".." (requested or listed) fails the whole download before anything is written. Cancel stops
// everything and removes the .part files; files finished before stay.
class ArtifactDownloader : public QObject
{
    Q_OBJECT
public:
    enum class FileState { Queued, Running, Done, Failed, Cancelled };
    struct FileEntry
    {
        QString path;     // artifact path ("model/data/model.pth")
        QString target;   // the final local file
        qint64 size = -1; // listed size, -1 unknown
        qint64 received = 0;
        int resumes = 0;
        FileState state = FileState::Queued;
        Error error;
    };

    // `source` for the same run as `store`/`runId`; nullptr picks ArtifactSource::forStore.
    ArtifactDownloader(std::shared_ptr<Store> store, const QString &runId, QObject *parent = nullptr);
    ArtifactDownloader(std::shared_ptr<Store> store, const QString &runId,
                       std::unique_ptr<ArtifactSource> source, QObject *parent = nullptr);
    ~ArtifactDownloader() override;

    void setConcurrency(int files) { m_concurrency = qMax(1, files); }
    int concurrency() const { return m_concurrency; }
    void setMaxResumes(int n) { m_maxResumes = qMax(0, n); }
    int maxResumes() const { return m_maxResumes; }

    // Starts downloading `artifact` (a file, or a folder; a folder with an empty path is the whole run) into
    // `destination`: a file lands as destination/<name>, a folder as destination/<folder name>/... (the
    // root's content directly in destination). Call once per downloader.
    void start(const FileInfo &artifact, const QString &destination);
    void cancel();

    bool isRunning() const { return m_running; }
    const QList<FileEntry> &files() const { return m_files; }
    DownloadProgress progress() const;

signals:
    // The file list is known (after listing folders).
    void planned();
    // Throttled (a few times a second) while bytes arrive, and once at the end.
    void progressChanged();
    void fileFinished(int index);
    // Once: ok when every file arrived complete; else the first error (Cancelled after cancel()).
    void finished(const mltf::Status &status);

private:
    void listNext();
    void plan(const FileInfo &file);
    void pump();
    void startFile(int index);
    void onTransferFinished(int index, const Status &status, bool retryable);
    void completeFile(int index);
    void failFile(int index, const Error &error);
    void stopTransfers();
    void finish(const Status &status);
    void sampleRate();

    std::shared_ptr<Store> m_store;
    QString m_runId;
    std::unique_ptr<ArtifactSource> m_source;
    int m_concurrency = 3;
    int m_maxResumes = 5;

    QString m_destination;
    QString m_base; // artifact path prefix stripped from local names ("model/" for "model/data/x" -> data/x)
    QStringList m_pendingDirs;
    QList<FileEntry> m_files;
    QList<QPair<int, ArtifactTransfer *>> m_active;
    int m_next = 0;
    bool m_running = false;
    bool m_finished = false;

    QTimer *m_tick;
    QElapsedTimer m_clock;
    QList<QPair<qint64, qint64>> m_samples; // (ms, bytes done), the last few seconds
    double m_rate = 0;
};

} // namespace mltf::tracking
