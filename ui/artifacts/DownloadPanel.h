#pragma once

#include "tracking/ArtifactDownloader.h"
#include "tracking/FileInfo.h"
#include "util/Error.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

// Downloads of the Artifacts tab: asks for a folder, runs an ArtifactDownloader and shows its progress (total
// bar, files and bytes, rate, time left, one row per file) with Cancel; when done, Open folder. Hidden while
// idle.
class DownloadPanel : public QWidget
{
    Q_OBJECT
public:
    // Returns the destination folder for `artifact`, or empty to give up (default: a folder dialog).
    using FolderChooser = std::function<QString(const tracking::FileInfo &artifact)>;

    explicit DownloadPanel(QWidget *parent = nullptr);
    ~DownloadPanel() override;

    void setRun(std::shared_ptr<tracking::Store> store, const QString &runId);
    void setFolderChooser(FolderChooser chooser) { m_chooser = std::move(chooser); }

    // Asks for a folder and starts; a download already running is cancelled first.
    void download(const tracking::FileInfo &artifact);
    void cancel();

    tracking::ArtifactDownloader *downloader() const { return m_downloader; }
    QLabel *statusLabel() const { return m_status; }
    QProgressBar *totalBar() const { return m_total; }
    QTreeWidget *fileList() const { return m_files; }
    QPushButton *cancelButton() const { return m_cancel; }

signals:
    void finished(const mltf::Status &status);

private:
    void refresh();
    void onFinished(const Status &status);

    std::shared_ptr<tracking::Store> m_store;
    QString m_runId;
    FolderChooser m_chooser;
    QPointer<tracking::ArtifactDownloader> m_downloader;
    QString m_destination;

    QLabel *m_title;
    QProgressBar *m_total;
    QLabel *m_status;
    QTreeWidget *m_files;
    QPushButton *m_cancel;
    QPushButton *m_open;
    QPushButton *m_close;
};

} // namespace mltf::ui
