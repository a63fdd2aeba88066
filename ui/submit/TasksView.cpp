#include "submit/TasksView.h"

#include "common/Prompter.h"
#include "runs/StatePlaceholder.h"
#include "submit/Submitter.h"
#include "submit/TaskLogPane.h"
#include "submit/TaskStore.h"
#include "submit/TasksModel.h"
#include "util/Settings.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace mltf::ui {

using submit::Task;

TasksView::TasksView(submit::TaskStore *store, submit::Submitter *submitter, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_prompter(std::make_unique<Prompter>())
    , m_model(new TasksModel(store, this))
    , m_stack(new QStackedWidget)
    , m_empty(new StatePlaceholder)
    , m_table(new QTableView)
    , m_log(new TaskLogPane(submitter))
    , m_message(new QLabel)
    , m_poll(new QTimer(this))
{
    setObjectName(QStringLiteral("tasksView"));
    auto *toolBar = new QToolBar;
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh = toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this,
                                   &TasksView::refreshActive);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_cancel = toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("Cancel Task…"), this,
                                  &TasksView::cancelSelected);
    m_openRun = toolBar->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), tr("Open Run"),
                                   this, [this] {
                                       if (const auto task = selectedTask(); task && !task->runId.isEmpty())
                                           emit openRunRequested(task->runId);
                                   });
    m_openRun->setToolTip(tr("Show the task's MLflow run on the Runs page"));
    m_resubmit =
        toolBar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Resubmit…"), this, [this] {
            if (const auto task = selectedTask())
                emit resubmitRequested(*task);
        });
    m_resubmit->setToolTip(tr("Submit the task's project again with the same values"));

    m_table->setObjectName(QStringLiteral("tasksTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TasksModel::Name, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TasksView::onSelectionChanged);
    connect(m_table, &QTableView::doubleClicked, m_openRun, &QAction::trigger);

    m_empty->showMessage(tr("No tasks yet — open a project and press Submit."));
    m_message->setObjectName(QStringLiteral("tasksMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(m_log);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(splitter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolBar);
    layout->addWidget(m_message);
    layout->addWidget(m_stack, 1);

    m_poll->setInterval(std::max(1, Settings::value(Settings::Key::PollIntervalSeconds).toInt()) * 1000);
    connect(m_poll, &QTimer::timeout, this, &TasksView::refreshActive);
    setSubmitter(submitter);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TasksView::updateState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TasksView::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TasksView::updateState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TasksView::updateState);
    updateState();
}

TasksView::~TasksView() = default;

void TasksView::setSubmitter(submit::Submitter *submitter)
{
    if (!submitter)
        return;
    for (QPointer<submit::Submitter> &known : m_submitters) {
        if (known && known->backend() == submitter->backend() && known != submitter) {
            disconnect(known, nullptr, this, nullptr);
            known = nullptr;
        }
    }
    m_submitters.removeAll(nullptr);
    m_log->setSubmitter(submitter);
    if (m_submitters.contains(submitter))
        return;
    m_submitters.append(submitter);
    m_refreshing.clear(); // answers the replaced submitter owed will not come
    connect(submitter, &submit::Submitter::taskUpdated, this, &TasksView::onTaskUpdated);
    connect(submitter, &submit::Submitter::submitted, this, &TasksView::onTaskUpdated);
    connect(submitter, &submit::Submitter::taskError, this, &TasksView::onTaskError);
    updateState();
}

submit::Submitter *TasksView::submitterFor(const Task &task) const
{
    for (const QPointer<submit::Submitter> &submitter : m_submitters) {
        if (submitter && submitter->backend() == task.backend)
            return submitter;
    }
    return nullptr;
}

void TasksView::setPrompter(std::unique_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

bool TasksView::isPolling() const
{
    return m_poll->isActive();
}

std::optional<Task> TasksView::selectedTask() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->taskAt(rows.first().row());
}

void TasksView::selectTask(const QString &localId)
{
    const int row = m_model->rowOf(localId);
    if (row >= 0)
        m_table->selectRow(row);
}

void TasksView::refreshActive()
{
    for (const Task &task : m_model->activeTasks()) {
        submit::Submitter *submitter = submitterFor(task);
        if (!submitter || m_refreshing.contains(task.localId))
            continue;
        m_refreshing.insert(task.localId);
        submitter->refresh(task);
    }
    m_log->poll();
}

void TasksView::cancelSelected()
{
    const std::optional<Task> task = selectedTask();
    if (!task || task->isFinished() || !submitterFor(*task))
        return;
    const QString job =
        task->slurmJob.jobId.isEmpty() ? QString() : tr(" (SLURM job %1)").arg(task->slurmJob.jobId);
    if (!m_prompter->confirm(this, tr("Cancel Task"),
                             tr("Cancel %1%2? The job stops and its MLflow run is marked KILLED.")
                                 .arg(TasksModel::taskName(*task), job),
                             tr("Cancel Task")))
        return;
    if (submit::Submitter *submitter = submitterFor(*task)) // the prompt let events through
        submitter->cancel(*task);
}

void TasksView::onTaskUpdated(const Task &task)
{
    m_refreshing.remove(task.localId);
    // The SLURM submitter saves before it tells; another submitter may not: the store is the one list.
    const std::optional<Task> stored = m_store ? m_store->task(task.localId) : std::nullopt;
    if (m_store && (!stored || stored->toJson() != task.toJson()))
        m_store->upsert(task);
    m_log->updateTask(task);
    m_log->poll(); // a task that just ended may have written its last lines
    if (m_message->property("localId").toString() == task.localId)
        m_message->hide();
}

void TasksView::onTaskError(const QString &localId, const Error &error)
{
    m_refreshing.remove(localId);
    const int row = m_model->rowOf(localId);
    const QString name = row >= 0 ? TasksModel::taskName(m_model->taskAt(row)) : localId;
    m_message->setProperty("localId", localId);
    m_message->setText(tr("%1: %2").arg(name, error.message));
    m_message->setToolTip(error.detail);
    m_message->show();
}

void TasksView::onSelectionChanged()
{
    m_log->setTask(selectedTask());
    updateState();
}

void TasksView::updateState()
{
    const bool any = m_model->rowCount() > 0;
    m_stack->setCurrentIndex(any ? 1 : 0);
    const std::optional<Task> task = selectedTask();
    m_cancel->setEnabled(task && !task->isFinished() && submitterFor(*task));
    m_openRun->setEnabled(task && !task->runId.isEmpty());
    m_resubmit->setEnabled(task && !task->projectPath.isEmpty());
    m_refresh->setEnabled(any);
    // Poll only while something can still change.
    const bool active = !m_model->activeTasks().isEmpty();
    if (active && !m_poll->isActive())
        m_poll->start();
    else if (!active)
        m_poll->stop();
}

} // namespace mltf::ui
