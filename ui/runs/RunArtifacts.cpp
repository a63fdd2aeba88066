#include "runs/RunArtifacts.h"

#include "runs/ArtifactsModel.h"
#include "runs/StatePlaceholder.h"

#include <QHeaderView>
#include <QLabel>
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

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_root);
    layout->addWidget(m_stack, 1);

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

} // namespace mltf::ui
