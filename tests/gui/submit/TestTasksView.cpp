// The Tasks page: rows follow the task store and the submitter's updates, with SLURM's job id, partition,
// nodes, pending reason, elapsed time and limit, and a colour per state; cancel asks first; the log pane
// follows the output by offset; Resubmit hands the task on.
#include "ThrowawayHome.h"

#include "FakeSubmitter.h"
#include "common/Prompter.h"
#include "runs/RunFormat.h"
#include "submit/TaskLogPane.h"
#include "submit/TaskStore.h"
#include "submit/TasksModel.h"
#include "submit/TasksView.h"
#include "util/Settings.h"

#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;
using submit::RunStatus;
using submit::Task;

namespace {

class AnsweringPrompter : public Prompter
{
public:
    explicit AnsweringPrompter(bool *answer, int *asked)
        : m_answer(answer)
        , m_asked(asked)
    {}
    bool confirm(QWidget *, const QString &, const QString &, const QString &) override
    {
        ++*m_asked;
        return *m_answer;
    }

private:
    bool *m_answer;
    int *m_asked;
};

Task pendingTask(const QString &localId, const QString &jobId)
{
    Task t;
    t.localId = localId;
    t.projectPath = QStringLiteral("/home/alice/trainer");
    t.entryPoint = QStringLiteral("main");
    t.slurmHost = QStringLiteral("cluster");
    t.runId = QStringLiteral("run") + jobId;
    t.slurmJob.jobId = jobId;
    t.slurmJob.state = QStringLiteral("PENDING");
    t.slurmJob.reason = QStringLiteral("Resources");
    t.slurmJob.partition = QStringLiteral("gpu");
    t.slurmJob.timeLimitSeconds = 3600;
    t.submitTime = QDateTime::currentDateTimeUtc();
    t.recordStatus(QStringLiteral("PENDING"), RunStatus::Scheduled, QStringLiteral("Pending (Resources)"));
    return t;
}

Task running(Task t)
{
    t.slurmJob.state = QStringLiteral("RUNNING");
    t.slurmJob.reason = QStringLiteral("None");
    t.slurmJob.nodeList = QStringLiteral("node[01-02]");
    t.slurmJob.elapsedSeconds = 65;
    t.recordStatus(QStringLiteral("RUNNING"), RunStatus::Running, QStringLiteral("Running on node[01-02]"));
    return t;
}

Task failed(Task t)
{
    t.slurmJob.state = QStringLiteral("FAILED");
    t.slurmJob.reason = QStringLiteral("NonZeroExitCode");
    t.slurmJob.exitCode = 3;
    t.recordStatus(QStringLiteral("FAILED"), RunStatus::Failed, QStringLiteral("Failed with exit code 3"));
    return t;
}

} // namespace

class TestTasksView : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<submit::TaskStore> m_store;

    QString cell(const TasksModel &model, int row, int column, int role = Qt::DisplayRole)
    {
        return model.data(model.index(row, column), role).toString();
    }

private slots:
    void initTestCase()
    {
        test::useThrowawayHome();
        Settings::initialise();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<submit::TaskStore>(m_dir->filePath(QStringLiteral("tasks.json")));
        QVERIFY(m_store->load().ok());
    }

    void rowsShowSlurmDetailsAndFollowTheState()
    {
        TasksModel model(m_store.get());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(m_store->upsert(pendingTask(QStringLiteral("a"), QStringLiteral("4242"))).ok());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, TasksModel::Name), QStringLiteral("trainer · main"));
        QCOMPARE(cell(model, 0, TasksModel::Target), QStringLiteral("cluster"));
        QCOMPARE(cell(model, 0, TasksModel::JobId), QStringLiteral("4242"));
        QCOMPARE(cell(model, 0, TasksModel::State), QStringLiteral("PENDING"));
        QCOMPARE(cell(model, 0, TasksModel::Partition), QStringLiteral("gpu"));
        QCOMPARE(cell(model, 0, TasksModel::Reason), QStringLiteral("Resources"));
        QCOMPARE(cell(model, 0, TasksModel::TimeLimit), QStringLiteral("01:00:00"));
        QCOMPARE(cell(model, 0, TasksModel::Elapsed), QString()); // not known yet
        const QColor pendingColour =
            model.data(model.index(0, TasksModel::State), Qt::ForegroundRole).value<QColor>();
        QCOMPARE(pendingColour, RunFormat::statusColor(RunStatus::Scheduled));

        // Priority instead of Resources while still waiting.
        Task waiting = pendingTask(QStringLiteral("a"), QStringLiteral("4242"));
        waiting.slurmJob.reason = QStringLiteral("Priority");
        waiting.recordStatus(QStringLiteral("PENDING"), RunStatus::Scheduled,
                             QStringLiteral("Pending (Priority)"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_store->upsert(waiting).ok());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(model, 0, TasksModel::Reason), QStringLiteral("Priority"));
        QCOMPARE(cell(model, 0, TasksModel::State, Qt::ToolTipRole), QStringLiteral("Pending (Priority)"));

        const Task started = running(waiting);
        QVERIFY(m_store->upsert(started).ok());
        QCOMPARE(cell(model, 0, TasksModel::State), QStringLiteral("RUNNING"));
        QCOMPARE(cell(model, 0, TasksModel::Reason), QString()); // SLURM's "None" says nothing
        QCOMPARE(cell(model, 0, TasksModel::Nodes), QStringLiteral("node[01-02]"));
        QCOMPARE(cell(model, 0, TasksModel::Elapsed), QStringLiteral("00:01:05"));
        QCOMPARE(model.data(model.index(0, TasksModel::State), Qt::ForegroundRole).value<QColor>(),
                 RunFormat::statusColor(RunStatus::Running));
        QVERIFY(pendingColour != RunFormat::statusColor(RunStatus::Running));

        QVERIFY(m_store->upsert(failed(started)).ok());
        QCOMPARE(cell(model, 0, TasksModel::State), QStringLiteral("FAILED"));
        QCOMPARE(cell(model, 0, TasksModel::State, Qt::ToolTipRole),
                 QStringLiteral("Failed with exit code 3"));
        QCOMPARE(model.data(model.index(0, TasksModel::State), Qt::ForegroundRole).value<QColor>(),
                 RunFormat::statusColor(RunStatus::Failed));
        QVERIFY(model.activeTasks().isEmpty());

        // Newest first.
        Task newer = pendingTask(QStringLiteral("b"), QStringLiteral("4243"));
        newer.submitTime = QDateTime::currentDateTimeUtc().addSecs(60);
        QVERIFY(m_store->upsert(newer).ok());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), 0);
        QVERIFY(m_store->remove(QStringLiteral("b")).ok());
        QCOMPARE(model.rowCount(), 1);
    }

    void submitterUpdatesAreKeptAndShown()
    {
        test::FakeSubmitter submitter;
        TasksView view(m_store.get(), &submitter);
        QVERIFY(!view.isPolling());
        const Task task = pendingTask(QStringLiteral("a"), QStringLiteral("17"));
        emit submitter.submitted(task); // the view keeps what a submitter reports
        QCOMPARE(view.model()->rowCount(), 1);
        QVERIFY(view.isPolling()); // something can still change
        emit submitter.taskUpdated(running(task));
        QCOMPARE(m_store->task(QStringLiteral("a"))->state(), QStringLiteral("RUNNING"));
        QCOMPARE(cell(*view.model(), 0, TasksModel::State), QStringLiteral("RUNNING"));

        view.refreshActive();
        view.refreshActive(); // one refresh per task at a time
        QCOMPARE(submitter.refreshed.size(), 1);
        emit submitter.taskUpdated(failed(running(task)));
        QVERIFY(!view.isPolling());
        view.refreshActive();
        QCOMPARE(submitter.refreshed.size(), 1); // finished tasks are left alone

        emit submitter.taskError(QStringLiteral("a"),
                                 Error::make(Error::Kind::Network, QStringLiteral("ssh: connect refused")));
        auto *message = view.findChild<QLabel *>(QStringLiteral("tasksMessage"));
        QVERIFY(!message->isHidden());
        QVERIFY(message->text().contains(QStringLiteral("ssh: connect refused")));
    }

    // Gateway tasks go to the gateway submitter (refresh, cancel, logs), SLURM ones to SLURM's; the gateway's
    // LOST shows as such; the elapsed time runs from the submission; a replaced gateway submitter takes over.
    void gatewayTasksUseTheGatewaySubmitter()
    {
        test::FakeSubmitter slurm;
        test::FakeSubmitter gateway;
        gateway.backendValue = Task::Backend::Gateway;
        TasksView view(m_store.get(), &slurm);
        bool answer = true;
        int asked = 0;
        view.setPrompter(std::make_unique<AnsweringPrompter>(&answer, &asked));
        Task onGateway;
        onGateway.localId = QStringLiteral("g");
        onGateway.backend = Task::Backend::Gateway;
        onGateway.gatewayId = QStringLiteral("c0ffee");
        onGateway.projectPath = QStringLiteral("/home/me/trainer");
        onGateway.entryPoint = QStringLiteral("main");
        onGateway.submitTime = QDateTime::currentDateTimeUtc().addSecs(-125);
        onGateway.recordStatus(QStringLiteral("RUNNING"), RunStatus::Running, QStringLiteral("Running"));
        QVERIFY(m_store->upsert(onGateway).ok());
        QVERIFY(m_store->upsert(pendingTask(QStringLiteral("s"), QStringLiteral("17"))).ok());

        view.selectTask(QStringLiteral("g"));
        QVERIFY(!view.cancelAction()->isEnabled()); // no gateway submitter yet
        view.setSubmitter(&gateway);
        QVERIFY(view.cancelAction()->isEnabled());
        QVERIFY(view.resubmitAction()->isEnabled());
        view.refreshActive();
        QCOMPARE(gateway.refreshed.size(), 1);
        QCOMPARE(gateway.refreshed.constFirst().localId, QStringLiteral("g"));
        QCOMPARE(slurm.refreshed.size(), 1);
        QCOMPARE(slurm.refreshed.constFirst().localId, QStringLiteral("s"));
        QVERIFY(!gateway.logRequests.isEmpty());
        QCOMPARE(gateway.logRequests.constLast().first, QStringLiteral("g"));
        view.cancelAction()->trigger();
        QCOMPARE(gateway.cancelled.size(), 1);
        QVERIFY(slurm.cancelled.isEmpty());

        const TasksModel &model = *view.model();
        const int row = model.rowOf(QStringLiteral("g"));
        QCOMPARE(cell(model, row, TasksModel::Target), QStringLiteral("MLTF gateway"));
        QCOMPARE(cell(model, row, TasksModel::JobId), QStringLiteral("c0ffee"));
        QVERIFY(cell(model, row, TasksModel::Elapsed).startsWith(QStringLiteral("00:02:0")));

        // A new gateway submitter (the address changed) replaces the old one.
        test::FakeSubmitter newGateway;
        newGateway.backendValue = Task::Backend::Gateway;
        view.setSubmitter(&newGateway);
        Task lost = onGateway;
        lost.recordStatus(QStringLiteral("LOST"), RunStatus::Unknown, QStringLiteral("Lost"));
        emit gateway.taskUpdated(lost); // the old one is no longer listened to
        QCOMPARE(cell(model, row, TasksModel::State), QStringLiteral("RUNNING"));
        emit newGateway.taskUpdated(lost);
        QCOMPARE(cell(model, row, TasksModel::State), QStringLiteral("LOST"));
        view.refreshActive();
        QCOMPARE(newGateway.refreshed.size(), 1);
        QCOMPARE(gateway.refreshed.size(), 1);
    }

    void cancelAsksFirstAndOnlyForActiveTasks()
    {
        test::FakeSubmitter submitter;
        TasksView view(m_store.get(), &submitter);
        bool answer = false;
        int asked = 0;
        view.setPrompter(std::make_unique<AnsweringPrompter>(&answer, &asked));
        QVERIFY(m_store->upsert(pendingTask(QStringLiteral("a"), QStringLiteral("17"))).ok());
        QVERIFY(!view.cancelAction()->isEnabled()); // nothing selected
        view.selectTask(QStringLiteral("a"));
        QVERIFY(view.cancelAction()->isEnabled());
        view.cancelAction()->trigger();
        QCOMPARE(asked, 1);
        QVERIFY(submitter.cancelled.isEmpty());
        answer = true;
        view.cancelAction()->trigger();
        QCOMPARE(submitter.cancelled.size(), 1);
        QCOMPARE(submitter.cancelled.constFirst().slurmJob.jobId, QStringLiteral("17"));

        Task killed = pendingTask(QStringLiteral("a"), QStringLiteral("17"));
        killed.slurmJob.state = QStringLiteral("CANCELLED");
        killed.recordStatus(QStringLiteral("CANCELLED"), RunStatus::Killed, QStringLiteral("Cancelled"));
        emit submitter.taskUpdated(killed);
        QVERIFY(!view.cancelAction()->isEnabled());
        QCOMPARE(modelState(view), QStringLiteral("CANCELLED"));
    }

    void theLogPaneFollowsTheOutput()
    {
        test::FakeSubmitter submitter;
        TasksView view(m_store.get(), &submitter);
        Task task = running(pendingTask(QStringLiteral("a"), QStringLiteral("17")));
        task.logPath = QStringLiteral("/home/alice/mltf-jobs/a/slurm-17.out");
        QVERIFY(m_store->upsert(task).ok());
        view.selectTask(QStringLiteral("a"));
        QCOMPARE(submitter.logRequests.size(), 1);
        QCOMPARE(submitter.logRequests.constLast(), (QPair<QString, qint64>(QStringLiteral("a"), 0)));
        emit submitter.logsReceived(QStringLiteral("a"), QByteArray("epoch 1 loss 0.9\nepoch 2 lo"), 26);
        QCOMPARE(submitter.logRequests.constLast(), (QPair<QString, qint64>(QStringLiteral("a"), 26)));
        emit submitter.logsReceived(QStringLiteral("a"), QByteArray("ss 0.5\n"), 33);
        QCOMPARE(view.logPane()->text(), QStringLiteral("epoch 1 loss 0.9\nepoch 2 loss 0.5\n"));
        const int asked = int(submitter.logRequests.size());
        emit submitter.logsReceived(QStringLiteral("a"), QByteArray(), 33); // nothing new for now
        QCOMPARE(submitter.logRequests.size(), asked);
        view.refreshActive(); // the next poll asks again from where it stopped
        QCOMPARE(submitter.logRequests.constLast(), (QPair<QString, qint64>(QStringLiteral("a"), 33)));
        // Another task's output is not mixed in.
        emit submitter.logsReceived(QStringLiteral("b"), QByteArray("other\n"), 6);
        QVERIFY(!view.logPane()->text().contains(QStringLiteral("other")));
    }

    void resubmitAndOpenRunHandTheTaskOn()
    {
        test::FakeSubmitter submitter;
        TasksView view(m_store.get(), &submitter);
        QVERIFY(m_store->upsert(failed(pendingTask(QStringLiteral("a"), QStringLiteral("17")))).ok());
        QSignalSpy resubmit(&view, &TasksView::resubmitRequested);
        QSignalSpy openRun(&view, &TasksView::openRunRequested);
        QVERIFY(!view.resubmitAction()->isEnabled());
        view.selectTask(QStringLiteral("a"));
        QVERIFY(view.resubmitAction()->isEnabled());
        view.resubmitAction()->trigger();
        QCOMPARE(resubmit.size(), 1);
        QCOMPARE(resubmit.constFirst().constFirst().value<Task>().localId, QStringLiteral("a"));
        view.openRunAction()->trigger();
        QCOMPARE(openRun.size(), 1);
        QCOMPARE(openRun.constFirst().constFirst().toString(), QStringLiteral("run17"));
    }

private:
    static QString modelState(const TasksView &view)
    {
        return view.model()->data(view.model()->index(0, TasksModel::State)).toString();
    }
};

QTEST_MAIN(TestTasksView)
#include "TestTasksView.moc"
