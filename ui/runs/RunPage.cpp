#include "runs/RunPage.h"

#include "charts/ChartsTab.h"
#include "charts/LiveRunFeed.h"
#include "charts/SystemTab.h"
#include "runs/AsyncResult.h"
#include "runs/RunArtifacts.h"
#include "runs/RunDescription.h"
#include "runs/RunFormat.h"
#include "runs/RunOverview.h"
#include "runs/StatePlaceholder.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace mltf::ui {

RunPage::RunPage(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_state(new StatePlaceholder(this))
    , m_content(new QWidget(this))
    , m_title(new QLabel(m_content))
    , m_tabs(new QTabWidget(m_content))
    , m_overview(new RunOverview(m_tabs))
    , m_description(new RunDescription(m_tabs))
    , m_artifacts(new RunArtifacts(m_tabs))
{
    m_state->setObjectName(QStringLiteral("runPageState"));
    connect(m_state, &StatePlaceholder::retryRequested, this, [this] {
        if (!m_loadingRunId.isEmpty())
            loadRun(m_loadingRunId);
    });

    m_title->setObjectName(QStringLiteral("runTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->setDocumentMode(true);
    addTab(m_overview, tr("Overview"));
    addTab(m_description, tr("Description"));
    addTab(m_artifacts, tr("Artifacts"));
    // One live feed for both chart tabs: a RUNNING run is polled once per tick for both.
    auto *liveFeed = new LiveRunFeed(this);
    auto *charts = new ChartsTab(m_tabs);
    auto *system = new SystemTab(m_tabs);
    charts->setLiveFeed(liveFeed);
    system->setLiveFeed(liveFeed);
    addTab(charts, tr("Charts"));
    addTab(system, tr("System"));
    connect(m_overview, &RunOverview::openRunRequested, this, &RunPage::openRunRequested);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_title);
    contentLayout->addWidget(m_tabs, 1);

    m_stack->addWidget(m_state);
    m_stack->addWidget(m_content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

RunPage::~RunPage()
{
    if (m_pending.isRunning())
        m_pending.cancel();
}

void RunPage::setStore(std::shared_ptr<tracking::Store> store)
{
    clear();
    m_store = std::move(store);
}

int RunPage::addTab(RunTab *tab, const QString &title)
{
    m_runTabs.append(tab);
    const int index = m_tabs->addTab(tab, title);
    if (hasRun())
        tab->showRun(m_store, m_run);
    return index;
}

void RunPage::showRun(const tracking::Run &run)
{
    ++m_generation;
    if (m_pending.isRunning())
        m_pending.cancel();
    m_loadingRunId = run.info.runId;
    present(run);
}

void RunPage::loadRun(const QString &runId)
{
    if (!m_store || runId.isEmpty())
        return;
    ++m_generation;
    if (m_pending.isRunning())
        m_pending.cancel();
    m_loadingRunId = runId;
    // A refresh of the shown run keeps it on screen; another run shows the loading state.
    if (runId != m_run.info.runId) {
        m_state->showLoading(tr("Loading the run…"));
        m_stack->setCurrentWidget(m_state);
    }
    const quint64 generation = m_generation;
    m_pending = m_store->getRun(runId);
    AsyncResult::watch(m_pending, this, [this, generation](const Result<tracking::Run> &result) {
        if (generation != m_generation)
            return;
        m_pending = {};
        if (!result) {
            m_state->showError(tr("Could not load the run.\n%1").arg(result.error().message),
                               result.error().detail);
            m_stack->setCurrentWidget(m_state);
            return;
        }
        present(result.value());
    });
}

void RunPage::refresh()
{
    if (!m_loadingRunId.isEmpty())
        loadRun(m_loadingRunId);
}

void RunPage::clear()
{
    ++m_generation;
    if (m_pending.isRunning())
        m_pending.cancel();
    m_pending = {};
    m_run = tracking::Run();
    m_loadingRunId.clear();
    for (RunTab *tab : std::as_const(m_runTabs))
        tab->clearRun();
    m_title->clear();
    m_state->showMessage(tr("Select a run to see its details."));
    m_stack->setCurrentWidget(m_state);
}

void RunPage::present(const tracking::Run &run)
{
    m_run = run;
    const QString name = run.displayName().isEmpty() ? run.info.runId : run.displayName();
    m_title->setText(QStringLiteral("%1   ·   %2").arg(name, tracking::runStatusLabel(run.info.status)));
    m_title->setToolTip(run.info.runId);
    m_stack->setCurrentWidget(m_content);
    for (RunTab *tab : std::as_const(m_runTabs))
        tab->showRun(m_store, m_run);
    emit runShown(m_run);
}

} // namespace mltf::ui
