#include "runs/RunArtifacts.h"

#include "artifacts/ArtifactPreview.h"
#include "artifacts/DownloadPanel.h"
#include "runs/ArtifactsModel.h"
#include "runs/StatePlaceholder.h"
#include "tracking/ArtifactSource.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace mltf::ui {

RunArtifacts::RunArtifacts(QWidget *parent)
    : RunTab(parent)
    , m_model(new ArtifactsModel(this))
    , m_root(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTreeView(this))
    , m_state(new StatePlaceholder(this))
    , m_download(new QPushButton(tr("Download…"), this))
    , m_preview(new ArtifactPreview(this))
    , m_downloads(new DownloadPanel(this))
{
    m_root->setObjectName(QStringLiteral("artifactRoot"));
    m_root->setForegroundRole(QPalette::PlaceholderText);
    m_root->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view->setObjectName(QStringLiteral("artifactsView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    m_state->setObjectName(QStringLiteral("artifactsState"));
    connect(m_state, &StatePlaceholder::retryRequested, m_model, [this] { m_model->retry(); });

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_state);

    m_download->setObjectName(QStringLiteral("artifactsDownload"));
    m_download->setToolTip(tr("Download the selected file or folder (everything when nothing is selected)"));
    connect(m_download, &QPushButton::clicked, this, [this] { m_downloads->download(selectedArtifact()); });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        if (!m_view->indexAt(at).isValid())
            return;
        QMenu menu(this);
        const tracking::FileInfo artifact = selectedArtifact();
        menu.addAction(artifact.isDir ? tr("Download folder…") : tr("Download…"), this,
                       [this, artifact] { m_downloads->download(artifact); });
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RunArtifacts::previewCurrent);
    connect(m_preview, &ArtifactPreview::downloadRequested, m_downloads, &DownloadPanel::download);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_stack);
    split->addWidget(m_preview);
    // Wide enough for model file names (python_env.yaml, requirements.txt) next to their sizes.
    split->setSizes({m_view->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 44, 900});
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_root, 1);
    top->addWidget(m_download);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_downloads);

    connect(m_model, &ArtifactsModel::loadingChanged, this, &RunArtifacts::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RunArtifacts::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunArtifacts::updateState);
    updateState();
}

void RunArtifacts::showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run)
{
    m_store = store;
    m_runId = run.info.runId;
    m_listed = false;
    m_preview->setSource(tracking::ArtifactSource::forStore(store, m_runId));
    m_downloads->setRun(store, m_runId);
    listIfVisible();
    if (!m_listed) {
        m_model->setRun(nullptr, QString());
        updateState();
    }
}

void RunArtifacts::clearRun()
{
    m_store.reset();
    m_runId.clear();
    m_listed = false;
    m_preview->setSource(nullptr);
    m_downloads->setRun(nullptr, QString());
    m_model->setRun(nullptr, QString());
    updateState();
}

void RunArtifacts::showEvent(QShowEvent *event)
{
    RunTab::showEvent(event);
    listIfVisible();
}

void RunArtifacts::listIfVisible()
{
    if (m_listed || !isVisible() || !m_store || m_runId.isEmpty())
        return;
    m_listed = true;
    m_model->setRun(m_store, m_runId);
}

void RunArtifacts::updateState()
{
    const QString rootUri = m_model->rootUri();
    m_root->setText(rootUri.isEmpty() ? QString() : tr("Artifact root: %1").arg(rootUri));
    m_root->setVisible(!rootUri.isEmpty());
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    m_stack->setCurrentWidget(m_state);
    if (m_runId.isEmpty())
        m_state->showMessage(QString());
    else if (m_model->isLoading() || !m_listed)
        m_state->showLoading(tr("Listing artifacts…"));
    else if (!m_model->lastError().message.isEmpty() && !m_model->isRootListed())
        m_state->showError(tr("Could not list the artifacts.\n%1").arg(m_model->lastError().message),
                           m_model->lastError().detail);
    else
        m_state->showMessage(tr("This run has no artifacts."));
}

void RunArtifacts::previewCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_preview->clear();
        return;
    }
    m_preview->showArtifact(selectedArtifact());
}

tracking::FileInfo RunArtifacts::selectedArtifact() const
{
    const QModelIndex current = m_view->currentIndex().siblingAtColumn(0);
    if (!current.isValid())
        return tracking::FileInfo{QString(), true, -1};
    return tracking::FileInfo{current.data(ArtifactsModel::PathRole).toString(),
                              current.data(ArtifactsModel::IsDirRole).toBool(),
                              current.data(ArtifactsModel::SizeRole).toLongLong()};
}

} // namespace mltf::ui
