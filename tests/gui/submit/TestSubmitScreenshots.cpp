// Renders the submit dialog and the Tasks page on made-up but realistic tasks and saves docs-ready pictures:
// $MLTF_SCREENSHOT_DIR/submit-dialog.png and tasks-view.png (default: <build>/screenshots). Meant for Xvfb;
// falls back to the offscreen platform when there is no display.
#include "ThrowawayHome.h"

#include "../tracking/FakeStore.h"
#include "FakeSubmitter.h"
#include "submit/SubmitDialog.h"
#include "submit/TaskLogPane.h"
#include "submit/TaskStore.h"
#include "submit/TasksView.h"
#include "util/Settings.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;
using submit::RunStatus;
using submit::Task;

namespace {

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

void save(QWidget &widget, const QString &name)
{
    const QImage image = widget.grab().toImage();
    QVERIFY(!image.isNull());
    QString dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = qEnvironmentVariable("MLTF_SCREENSHOT_DIR_DEFAULT", QDir::tempPath());
    QVERIFY(QDir().mkpath(dir));
    const QString path = dir + QLatin1Char('/') + name;
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("saved %s (%s)", qPrintable(path), qPrintable(QGuiApplication::platformName()));
}

Task task(const QString &id, const QString &jobId, const QString &entry, const QString &state,
          RunStatus status, const QString &message, int minutesAgo)
{
    Task t;
    t.localId = id;
    t.projectPath = QStringLiteral("/home/alice/projects/resnet-cifar");
    t.entryPoint = entry;
    t.slurmHost = QStringLiteral("ACCRE");
    t.runId = QStringLiteral("a1b2c3") + jobId;
    t.logPath = QStringLiteral("/home/alice/mltf-jobs/%1/slurm-%2.out").arg(id, jobId);
    t.submitTime = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    t.slurmJob.jobId = jobId;
    t.slurmJob.state = state;
    t.slurmJob.partition = QStringLiteral("batch_gpu");
    t.slurmJob.timeLimitSeconds = 4 * 3600;
    t.recordStatus(state, status, message);
    return t;
}

} // namespace

class TestSubmitScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::useThrowawayHome();
        Settings::initialise();
    }

    void submitDialog()
    {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral("projects/resnet-cifar")));
        const QDir dir(home.filePath(QStringLiteral("projects/resnet-cifar")));
        writeFile(
            dir.filePath(QStringLiteral("MLproject")),
            "name: resnet-cifar\n"
            "python_env: python_env.yaml\n"
            "entry_points:\n"
            "  main:\n"
            "    parameters:\n"
            "      epochs: {type: int, default: 30}\n"
            "      learning_rate: {type: float, default: 0.1}\n"
            "      batch_size: {type: int, default: 256}\n"
            "      data_dir: {type: path, default: /data/cifar10}\n"
            "    command: \"python train.py --epochs {epochs} --lr {learning_rate} --batch-size {batch_size} "
            "--data {data_dir}\"\n"
            "  evaluate:\n"
            "    command: \"python evaluate.py\"\n");
        writeFile(dir.filePath(QStringLiteral("python_env.yaml")),
                  "python: \"3.11\"\ndependencies: [mlflow, torch]\n");
        writeFile(
            dir.filePath(QStringLiteral("slurm_config.json")),
            "{\"partition\": \"batch_gpu\", \"account\": \"vision_lab\", \"nodes\": 1, \"gpus_per_node\": 2,"
            " \"cpus-per-task\": 8, \"mem\": \"64G\", \"time\": \"4:00:00\","
            " \"modules\": [\"CUDA/12.2\", \"Python/3.11\"]}\n");
        const project::Project project = project::Project::load(dir.path());

        submit::SlurmHost accre;
        accre.name = QStringLiteral("ACCRE");
        accre.host = QStringLiteral("login.accre.example.edu");
        accre.user = QStringLiteral("alice");
        accre.partitions = {QStringLiteral("batch_gpu"), QStringLiteral("interactive_gpu"),
                            QStringLiteral("debug")};
        auto store = std::make_shared<test::FakeStore>();
        tracking::Experiment experiment;
        experiment.experimentId = QStringLiteral("4");
        experiment.name = QStringLiteral("cifar10-resnet");
        store->experiments = {experiment};

        test::FakeSubmitter submitter;
        SubmitDialog dialog(project, &submitter, {accre});
        dialog.setStore(store);
        dialog.experimentBox()->setEditText(QStringLiteral("cifar10-resnet"));
        dialog.parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("90"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_COMPARE(dialog.experimentBox()->count(), 1);
        QVERIFY(dialog.submitButton()->isEnabled());
        save(dialog, QStringLiteral("submit-dialog.png"));
    }

    void tasksView()
    {
        QTemporaryDir dir;
        submit::TaskStore store(dir.filePath(QStringLiteral("tasks.json")));
        QVERIFY(store.load().ok());

        Task done = task(QStringLiteral("t1"), QStringLiteral("812340"), QStringLiteral("main"),
                         QStringLiteral("COMPLETED"), RunStatus::Finished, QStringLiteral("Completed"), 300);
        done.slurmJob.nodeList = QStringLiteral("gpu0412");
        done.slurmJob.elapsedSeconds = 2 * 3600 + 14 * 60 + 9;
        done.slurmJob.exitCode = 0;
        Task failed =
            task(QStringLiteral("t2"), QStringLiteral("812377"), QStringLiteral("evaluate"),
                 QStringLiteral("FAILED"), RunStatus::Failed, QStringLiteral("Failed with exit code 3"), 240);
        failed.slurmJob.nodeList = QStringLiteral("gpu0408");
        failed.slurmJob.elapsedSeconds = 41;
        failed.slurmJob.exitCode = 3;
        failed.slurmJob.reason = QStringLiteral("NonZeroExitCode");
        Task timeout = task(QStringLiteral("t3"), QStringLiteral("812501"), QStringLiteral("main"),
                            QStringLiteral("TIMEOUT"), RunStatus::Failed,
                            QStringLiteral("Timed out after 04:00:00"), 200);
        timeout.slurmJob.nodeList = QStringLiteral("gpu0415");
        timeout.slurmJob.elapsedSeconds = 4 * 3600;
        Task run = task(QStringLiteral("t4"), QStringLiteral("813020"), QStringLiteral("main"),
                        QStringLiteral("RUNNING"), RunStatus::Running,
                        QStringLiteral("Running on gpu[0401-0402]"), 38);
        run.slurmJob.nodeList = QStringLiteral("gpu[0401-0402]");
        run.slurmJob.elapsedSeconds = 37 * 60 + 12;
        Task resources =
            task(QStringLiteral("t5"), QStringLiteral("813044"), QStringLiteral("main"),
                 QStringLiteral("PENDING"), RunStatus::Scheduled, QStringLiteral("Pending (Resources)"), 6);
        resources.slurmJob.reason = QStringLiteral("Resources");
        Task priority =
            task(QStringLiteral("t6"), QStringLiteral("813051"), QStringLiteral("evaluate"),
                 QStringLiteral("PENDING"), RunStatus::Scheduled, QStringLiteral("Pending (Priority)"), 2);
        priority.slurmJob.reason = QStringLiteral("Priority");
        priority.slurmJob.partition = QStringLiteral("debug");
        priority.slurmJob.timeLimitSeconds = 30 * 60;
        for (const Task &t : {done, failed, timeout, run, resources, priority})
            QVERIFY(store.upsert(t).ok());

        test::FakeSubmitter submitter;
        TasksView view(&store, &submitter);
        view.setWindowTitle(QStringLiteral("MLTF Desktop — Tasks"));
        view.resize(1180, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.selectTask(QStringLiteral("t4"));
        emit submitter.logsReceived(
            QStringLiteral("t4"),
            QByteArray(
                "2026-11-23 12:41:02 INFO mlflow.projects: === Running command 'python train.py --epochs 90 "
                "--lr 0.1 --batch-size 256 --data /data/cifar10' ===\n"
                "Using 2 GPUs (NVIDIA RTX A6000) on gpu[0401-0402]\n"
                "epoch   1/90  loss 1.8421  acc 0.3312  val_acc 0.4120  lr 0.1000  112.4 s\n"
                "epoch   2/90  loss 1.3307  acc 0.5184  val_acc 0.5631  lr 0.1000  109.8 s\n"
                "epoch   3/90  loss 1.0566  acc 0.6249  val_acc 0.6410  lr 0.1000  110.1 s\n"
                "epoch   4/90  loss 0.8913  acc 0.6871  val_acc 0.6988  lr 0.1000  109.6 s\n"
                "epoch   5/90  loss 0.7802  acc 0.7290  val_acc 0.7302  lr 0.1000  110.3 s\n"),
            640);
        QVERIFY(view.logPane()->text().contains(QStringLiteral("epoch   5/90")));
        save(view, QStringLiteral("tasks-view.png"));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestSubmitScreenshots test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestSubmitScreenshots.moc"
