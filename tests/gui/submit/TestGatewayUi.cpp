// Settings › MLTF Gateway… (a validated http/https address in the settings) and the notification when a
// task ends (TaskNotifier's taskEnded; the tray itself is not there under the offscreen platform).
#include "ThrowawayHome.h"

#include "../tracking/FakeStore.h"
#include "submit/GatewaySettingsDialog.h"
#include "submit/GatewaySubmitter.h"
#include "submit/SubmitCenter.h"
#include "submit/SubmitDialog.h"
#include "submit/TaskNotifier.h"
#include "submit/TaskStore.h"
#include "util/Settings.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;
using submit::RunStatus;
using submit::Task;

namespace {

Task gatewayTask(const QString &id)
{
    Task t;
    t.localId = id;
    t.backend = Task::Backend::Gateway;
    t.gatewayId = QStringLiteral("gw-") + id;
    t.projectPath = QStringLiteral("/home/me/mnist");
    t.entryPoint = QStringLiteral("main");
    t.submitTime = QDateTime::currentDateTimeUtc();
    t.recordStatus(QStringLiteral("RUNNING"), RunStatus::Running, QStringLiteral("Running"));
    return t;
}

} // namespace

class TestGatewayUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::useThrowawayHome();
        Settings::initialise();
    }

    void problemWith_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("usable");
        QTest::newRow("empty: no gateway") << QString() << true;
        QTest::newRow("https") << QStringLiteral("https://gateway.example.org") << true;
        QTest::newRow("http with port and path") << QStringLiteral("http://localhost:5000/mltf") << true;
        QTest::newRow("spaces around") << QStringLiteral("  https://gw.example.org  ") << true;
        QTest::newRow("no scheme") << QStringLiteral("gateway.example.org") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://gateway.example.org") << false;
        QTest::newRow("no host") << QStringLiteral("https://") << false;
        QTest::newRow("query") << QStringLiteral("https://gw.example.org/?a=b") << false;
        QTest::newRow("user") << QStringLiteral("https://me@gw.example.org") << false;
        QTest::newRow("garbage") << QStringLiteral("http://exa mple.org") << false;
    }
    void problemWith()
    {
        QFETCH(QString, text);
        QFETCH(bool, usable);
        QCOMPARE(GatewaySettingsDialog::problemWith(text).isEmpty(), usable);
    }

    void dialogSavesOnlyAUsableUrl()
    {
        Settings::setValue(Settings::Key::GatewayUri, QString());
        QVERIFY(GatewaySettingsDialog::savedUrl().isEmpty());
        GatewaySettingsDialog dialog;
        QSignalSpy saved(&dialog, &GatewaySettingsDialog::urlSaved);
        dialog.urlField()->setText(QStringLiteral("gateway.example.org"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(!dialog.problemLabel()->text().isEmpty());
        dialog.accept(); // refused
        QCOMPARE(saved.count(), 0);
        QVERIFY(Settings::value(Settings::Key::GatewayUri).toString().isEmpty());

        dialog.urlField()->setText(QStringLiteral("https://gateway.example.org:8443"));
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(dialog.problemLabel()->text().isEmpty());
        dialog.okButton()->click();
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://gateway.example.org:8443")));
        QCOMPARE(GatewaySettingsDialog::savedUrl(), QUrl(QStringLiteral("https://gateway.example.org:8443")));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        GatewaySettingsDialog again; // starts from the saved address
        QCOMPARE(again.urlField()->text(), QStringLiteral("https://gateway.example.org:8443"));
    }

    // The center makes a gateway submitter once an address and a tracking store are set, offers it in the
    // submit dialog, and drops it when the address is cleared (nothing is sent: no network here).
    void theCenterFollowsTheGatewayAddress()
    {
        QTemporaryDir dir;
        QFile mlproject(dir.filePath(QStringLiteral("MLproject")));
        QVERIFY(mlproject.open(QIODevice::WriteOnly));
        mlproject.write("name: p\nentry_points:\n  main:\n    command: \"python p.py\"\n");
        mlproject.close();
        Settings::setValue(Settings::Key::GatewayUri, QStringLiteral("https://gateway.example.org"));
        SubmitCenter center(nullptr, dir.filePath(QStringLiteral("tasks.json")));
        QSignalSpy changed(&center, &SubmitCenter::gatewaySubmitterChanged);
        QVERIFY(!center.gatewaySubmitter()); // no tracking store yet
        center.setTrackingStore(std::make_shared<test::FakeStore>(), QStringLiteral("http://localhost:5000"));
        QVERIFY(center.gatewaySubmitter());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<submit::Submitter *>(), center.gatewaySubmitter());

        QWidget window;
        SubmitDialog *dialog = center.showSubmitDialog(project::Project::load(dir.path()), &window);
        const int row = dialog->targetBox()->findText(QStringLiteral("MLTF gateway"));
        QVERIFY(qobject_cast<QStandardItemModel *>(dialog->targetBox()->model())->item(row)->isEnabled());
        QVERIFY(dialog->isGatewayChosen()); // no SLURM host: the gateway is the target

        // A new address while the dialog is open applies once it has closed.
        Settings::setValue(Settings::Key::GatewayUri, QString());
        emit center.gatewayUrlChanged(QUrl());
        QVERIFY(center.gatewaySubmitter());
        dialog->reject();
        QTRY_VERIFY(!center.gatewaySubmitter());
        QCOMPARE(changed.count(), 2);
    }

    void notifiesOnceWhenATaskEnds()
    {
        QTemporaryDir dir;
        submit::TaskStore store(dir.filePath(QStringLiteral("tasks.json")));
        Task done = gatewayTask(QStringLiteral("a"));
        Task failing = gatewayTask(QStringLiteral("b"));
        Task lost = gatewayTask(QStringLiteral("c"));
        Task endedBefore = gatewayTask(QStringLiteral("d"));
        endedBefore.recordStatus(QStringLiteral("FINISHED"), RunStatus::Finished, QStringLiteral("Finished"));
        for (const Task &t : {done, failing, lost, endedBefore})
            QVERIFY(store.upsert(t).ok());

        TaskNotifier notifier(&store);
        QSignalSpy ended(&notifier, &TaskNotifier::taskEnded);

        QVERIFY(store.upsert(endedBefore).ok()); // already over when the notifier started: quiet
        QVERIFY(store.upsert(done).ok());        // still running
        QCOMPARE(ended.count(), 0);

        done.recordStatus(QStringLiteral("FINISHED"), RunStatus::Finished, QStringLiteral("Finished"));
        QVERIFY(store.upsert(done).ok());
        QCOMPARE(ended.count(), 1);
        QCOMPARE(ended.at(0).at(0).toString(), QStringLiteral("a"));
        QCOMPARE(ended.at(0).at(1).toString(), QStringLiteral("Task finished"));
        QCOMPARE(ended.at(0).at(2).toString(), QStringLiteral("mnist (main) on the MLTF gateway"));
        QVERIFY(store.upsert(done).ok()); // saved again (logs kept): no second notification
        QCOMPARE(ended.count(), 1);

        failing.recordStatus(QStringLiteral("FAILED"), RunStatus::Failed,
                             QStringLiteral("Failed: exit code 2"));
        QVERIFY(store.upsert(failing).ok());
        QCOMPARE(ended.count(), 2);
        QCOMPARE(ended.at(1).at(1).toString(), QStringLiteral("Task failed"));
        QVERIFY(ended.at(1).at(2).toString().endsWith(QStringLiteral(": Failed: exit code 2")));

        lost.recordStatus(QStringLiteral("LOST"), RunStatus::Unknown, QStringLiteral("Lost"));
        QVERIFY(store.upsert(lost).ok());
        QCOMPARE(ended.count(), 3);
        QCOMPARE(ended.at(2).at(1).toString(), QStringLiteral("Task lost"));
    }

    void namesTheSlurmHost()
    {
        Task t = gatewayTask(QStringLiteral("e"));
        t.backend = Task::Backend::Slurm;
        t.slurmHost = QStringLiteral("cluster");
        t.recordStatus(QStringLiteral("CANCELLED"), RunStatus::Killed, QStringLiteral("Cancelled"));
        QCOMPARE(TaskNotifier::titleFor(t), QStringLiteral("Task cancelled"));
        QCOMPARE(TaskNotifier::messageFor(t), QStringLiteral("mnist (main) on cluster: Cancelled"));
    }
};

QTEST_MAIN(TestGatewayUi)
#include "TestGatewayUi.moc"
