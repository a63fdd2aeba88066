#include "artifacts/DownloadPanel.h"

#include "runs/RunFormat.h"
#include "tracking/ArtifactDownloader.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace mltf::ui {

namespace {

using tracking::ArtifactDownloader;

QString fileStateText(const ArtifactDownloader::FileEntry &f)
{
    switch (f.state) {
    case ArtifactDownloader::FileState::Queued:
        return DownloadPanel::tr("waiting");
    case ArtifactDownloader::FileState::Done:
        return DownloadPanel::tr("done");
    case ArtifactDownloader::FileState::Failed:
        return DownloadPanel::tr("failed: %1").arg(f.error.message);
    case ArtifactDownloader::FileState::Cancelled:
        return DownloadPanel::tr("cancelled");
    case ArtifactDownloader::FileState::Running:
        break;
    }
    const QString resumed = f.resumes > 0 ? DownloadPanel::tr(" (resumed ×%1)").arg(f.resumes) : QString();
    if (f.size > 0)
        return QStringLiteral("%1 %").arg(int(100 * f.received / f.size)) + resumed;
    return RunFormat::dataSize(f.received) + resumed;
}

} // namespace

DownloadPanel::DownloadPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_total(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_files(new QTreeWidget(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_open(new QPushButton(tr("Open folder"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("downloadPanel"));
    m_title->setObjectName(QStringLiteral("downloadTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_total->setObjectName(QStringLiteral("downloadTotal"));
    m_total->setRange(0, 1000);
    m_total->setTextVisible(false);
    m_status->setObjectName(QStringLiteral("downloadStatus"));
    m_files->setObjectName(QStringLiteral("downloadFiles"));
    m_files->setColumnCount(3);
    m_files->setHeaderLabels({tr("File"), tr("Size"), tr("Progress")});
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_files->setMaximumHeight(m_files->fontMetrics().height() * 8);
    m_cancel->setObjectName(QStringLiteral("downloadCancel"));
    m_open->setObjectName(QStringLiteral("downloadOpenFolder"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_open);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_total);
    layout->addLayout(buttons);
    layout->addWidget(m_files);

    connect(m_cancel, &QPushButton::clicked, this, &DownloadPanel::cancel);
    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_destination)); });
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);

    m_chooser = [this](const tracking::FileInfo &artifact) {
        const QString start = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        return QFileDialog::getExistingDirectory(
            this, tr("Download %1 to").arg(artifact.path.isEmpty() ? tr("all artifacts") : artifact.name()),
            start);
    };
    hide();
}

DownloadPanel::~DownloadPanel() = default;

void DownloadPanel::setRun(std::shared_ptr<tracking::Store> store, const QString &runId)
{
    if (runId == m_runId && store == m_store)
        return;
    // A running download keeps going for its own run; the panel just follows the new run from now on.
    m_store = std::move(store);
    m_runId = runId;
}

void DownloadPanel::download(const tracking::FileInfo &artifact)
{
    if (!m_store || m_runId.isEmpty())
        return;
    const QString destination = m_chooser(artifact);
    if (destination.isEmpty())
        return;
    cancel();
    if (m_downloader)
        m_downloader->deleteLater();
    m_destination = destination;
    m_downloader = new ArtifactDownloader(m_store, m_runId, this);
    connect(m_downloader, &ArtifactDownloader::planned, this, [this] {
        m_files->clear();
        for (const auto &f : m_downloader->files())
            m_files->addTopLevelItem(
                new QTreeWidgetItem(m_files, {f.path, RunFormat::dataSize(f.size), QString()}));
        refresh();
    });
    connect(m_downloader, &ArtifactDownloader::progressChanged, this, &DownloadPanel::refresh);
    connect(m_downloader, &ArtifactDownloader::finished, this, &DownloadPanel::onFinished);
    m_title->setText(tr("Downloading %1 to %2")
                         .arg(artifact.path.isEmpty() ? tr("all artifacts") : artifact.path, destination));
    m_files->clear();
    m_total->setValue(0);
    m_status->setText(tr("Listing…"));
    m_cancel->show();
    m_open->hide();
    m_close->hide();
    show();
    m_downloader->start(artifact, destination);
}

void DownloadPanel::cancel()
{
    if (m_downloader && m_downloader->isRunning())
        m_downloader->cancel();
}

void DownloadPanel::refresh()
{
    if (!m_downloader)
        return;
    const tracking::DownloadProgress p = m_downloader->progress();
    m_total->setValue(p.bytesTotal > 0 ? int(1000 * p.bytesDone / p.bytesTotal) : 0);
    QStringList parts;
    parts << tr("%1 of %2 files").arg(p.filesDone).arg(p.filesTotal);
    parts << tr("%1 of %2").arg(RunFormat::dataSize(p.bytesDone), RunFormat::dataSize(p.bytesTotal));
    if (m_downloader->isRunning()) {
        if (p.bytesPerSecond > 0)
            parts << tr("%1/s").arg(RunFormat::dataSize(qint64(p.bytesPerSecond)));
        if (p.secondsLeft >= 0)
            parts << tr("%1 left").arg(RunFormat::duration(qint64(p.secondsLeft) * 1000));
    }
    m_status->setText(parts.join(QStringLiteral(" · ")));
    const auto &files = m_downloader->files();
    for (int i = 0; i < files.size() && i < m_files->topLevelItemCount(); ++i)
        m_files->topLevelItem(i)->setText(2, fileStateText(files.at(i)));
}

void DownloadPanel::onFinished(const Status &status)
{
    refresh();
    m_cancel->hide();
    m_close->show();
    if (status.ok()) {
        m_total->setValue(1000);
        m_title->setText(tr("Downloaded to %1").arg(m_destination));
        m_open->show();
    } else if (status.error().kind == Error::Kind::Cancelled) {
        m_title->setText(tr("Download cancelled. Files not completed were removed."));
    } else {
        m_title->setText(tr("Download failed: %1").arg(status.error().message));
        m_open->show();
    }
    emit finished(status);
}

} // namespace mltf::ui
