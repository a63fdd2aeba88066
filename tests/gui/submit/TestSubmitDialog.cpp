// The submit dialog: typed parameters and resources are checked (hostile values refused with a visible
// message), the request it builds, one task per double click, cancel while submitting, Resubmit's start.
#include "ThrowawayHome.h"

#include "../tracking/FakeStore.h"
#include "FakeSubmitter.h"
#include "common/FieldMarker.h"
#include "submit/SubmitDialog.h"
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
#include <QTreeWidget>

using namespace mltf;
using namespace mltf::ui;

namespace {

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

submit::SlurmHost cluster()
{
    submit::SlurmHost host;
    host.name = QStringLiteral("cluster");
    host.host = QStringLiteral("login.example.edu");
    host.user = QStringLiteral("alice");
    host.partitions = {QStringLiteral("gpu"), QStringLiteral("debug")};
    return host;
}

} // namespace

class TestSubmitDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    project::Project m_project;
    std::shared_ptr<test::FakeStore> m_store;

    std::unique_ptr<SubmitDialog> makeDialog(test::FakeSubmitter &submitter)
    {
        auto dialog =
            std::make_unique<SubmitDialog>(m_project, &submitter, QVector<submit::SlurmHost>{cluster()});
        dialog->setStore(m_store);
        return dialog;
    }

private slots:
    void initTestCase()
    {
        test::useThrowawayHome();
        Settings::initialise();
        writeFile(m_dir.filePath(QStringLiteral("MLproject")),
                  "name: trainer\n"
                  "python_env: python_env.yaml\n"
                  "entry_points:\n"
                  "  main:\n"
                  "    parameters:\n"
                  "      epochs: {type: int}\n"
                  "      lr: {type: float, default: 0.01}\n"
                  "      tag: {type: string, default: base}\n"
                  "    command: \"python train.py --epochs {epochs} --lr {lr} --tag {tag}\"\n"
                  "  eval:\n"
                  "    command: \"python eval.py\"\n");
        writeFile(m_dir.filePath(QStringLiteral("python_env.yaml")),
                  "python: \"3.11\"\ndependencies: [mlflow]\n");
        writeFile(
            m_dir.filePath(QStringLiteral("slurm_config.json")),
            "{\"partition\": \"gpu\", \"time\": \"01:00:00\", \"mem\": \"8G\", \"gpus_per_node\": 1}\n");
        m_project = project::Project::load(m_dir.path());
        m_store = std::make_shared<test::FakeStore>();
        tracking::Experiment vision;
        vision.experimentId = QStringLiteral("7");
        vision.name = QStringLiteral("vision");
        tracking::Experiment fallback;
        fallback.experimentId = QStringLiteral("0");
        fallback.name = QStringLiteral("Default");
        m_store->experiments = {fallback, vision};
    }

    void showsTheProjectAndItsResources()
    {
        test::FakeSubmitter submitter;
        auto dialog = makeDialog(submitter);
        QCOMPARE(dialog->entryPointBox()->currentText(), QStringLiteral("main"));
        QCOMPARE(dialog->entryPointBox()->count(), 2);
        QVERIFY(dialog->parameterField(QStringLiteral("epochs")));
        QCOMPARE(dialog->parameterField(QStringLiteral("lr"))->text(), QStringLiteral("0.01"));
        QCOMPARE(dialog->partitionBox()->currentText(), QStringLiteral("gpu"));
        QCOMPARE(dialog->partitionBox()->count(), 2); // the host's presets
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("resourcesSummary"))
                    ->text()
                    .contains(QStringLiteral("01:00:00")));
        // The gateway is offered but not available without its address (setGatewaySubmitter).
        const int gateway = dialog->targetBox()->findText(QStringLiteral("MLTF gateway"));
        QVERIFY(gateway > 0);
        QVERIFY(
            !qobject_cast<QStandardItemModel *>(dialog->targetBox()->model())->item(gateway)->isEnabled());
        QCOMPARE(dialog->targetBox()->currentIndex(), 0);
    }

    void aMissingRequiredValueKeepsSubmitDisabledAndSaysWhy()
    {
        test::FakeSubmitter submitter;
        auto dialog = makeDialog(submitter);
        dialog->show();
        QVERIFY(!dialog->submitButton()->isEnabled());
        QVERIFY(dialog->problemsLabel()->isVisible());
        QVERIFY(dialog->problemsLabel()->text().contains(QStringLiteral("epochs")));
        dialog->parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("10"));
        QVERIFY(dialog->submitButton()->isEnabled());
        QVERIFY(!dialog->problemsLabel()->isVisible());
    }

    void typedParametersAreChecked()
    {
        test::FakeSubmitter submitter;
        auto dialog = makeDialog(submitter);
        dialog->show();
        QLineEdit *epochs = dialog->parameterField(QStringLiteral("epochs"));
        epochs->setText(QStringLiteral("ten"));
        QVERIFY(!dialog->submitButton()->isEnabled());
        QVERIFY(dialog->problemsLabel()->isVisible());
        QVERIFY(!epochs->toolTip().isEmpty()); // the field itself is marked and says why
        dialog->parameterField(QStringLiteral("lr"))->setText(QStringLiteral("fast"));
        epochs->setText(QStringLiteral("3"));
        QVERIFY(!dialog->submitButton()->isEnabled());
        dialog->parameterField(QStringLiteral("lr"))->setText(QStringLiteral("1e-3"));
        QVERIFY(dialog->submitButton()->isEnabled());
    }

    void hostileValuesAreRefusedWithAVisibleMessage_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("parameter with a new line") << "tag"
                                                   << "x\n#SBATCH --wrap=evil";
        QTest::newRow("parameter with a carriage return") << "tag"
                                                          << "x\rrm -rf ~";
        QTest::newRow("partition with a directive") << "partition"
                                                    << "gpu\n#SBATCH --uid=0";
        QTest::newRow("partition with a command") << "partition"
                                                  << "gpu;touch /tmp/owned";
        QTest::newRow("partition with a substitution") << "partition"
                                                       << "$(id)";
    }

    void hostileValuesAreRefusedWithAVisibleMessage()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        test::FakeSubmitter submitter;
        auto dialog = makeDialog(submitter);
        dialog->show();
        dialog->parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("1"));
        QVERIFY(dialog->submitButton()->isEnabled());
        if (field == QLatin1String("partition"))
            dialog->partitionBox()->setEditText(value);
        else
            dialog->parameterField(field)->setText(value);
        QVERIFY(!dialog->submitButton()->isEnabled());
        QVERIFY(dialog->problemsLabel()->isVisible());
        QVERIFY(!dialog->problemsLabel()->text().isEmpty());
        // Even when forced, nothing is sent.
        dialog->startSubmit();
        QVERIFY(submitter.requests.isEmpty());
        QVERIFY(!dialog->isSubmitting());
    }

    void buildsTheRequestAndSubmitsOnceOnADoubleClick()
    {
        test::FakeSubmitter submitter;
        auto dialog = makeDialog(submitter);
        QSignalSpy submitted(dialog.get(), &SubmitDialog::taskSubmitted);
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        dialog->parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("12"));
        dialog->partitionBox()->setCurrentIndex(dialog->partitionBox()->findText(QStringLiteral("debug")));
        dialog->experimentBox()->setEditText(QStringLiteral("vision"));
        dialog->runNameField()->setText(QStringLiteral("  first try "));

        QTest::mouseDClick(dialog->submitButton(), Qt::LeftButton);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QTRY_COMPARE(submitter.requests.size(), 1);
        QVERIFY(dialog->isSubmitting());
        QVERIFY(!dialog->submitButton()->isEnabled());
        QVERIFY(!dialog->entryPointBox()->isEnabled());
        QVERIFY(dialog->stepLabel()->isVisible());
        QVERIFY(dialog->stepLabel()->text().startsWith(
            submit::Submitter::stepText(submit::Submitter::Step::Uploading)));

        const submit::SubmitRequest &r = submitter.requests.constFirst();
        QCOMPARE(r.projectPath, m_project.dir());
        QCOMPARE(r.entryPoint, QStringLiteral("main"));
        QCOMPARE(r.params.value(QStringLiteral("epochs")), QStringLiteral("12"));
        QCOMPARE(r.params.value(QStringLiteral("lr")), QStringLiteral("0.01"));
        QCOMPARE(r.experimentId, QStringLiteral("7"));
        QCOMPARE(r.runName, QStringLiteral("first try"));
        QCOMPARE(r.slurmHost, QStringLiteral("cluster"));
        QCOMPARE(r.slurmResources.partition, QStringLiteral("debug"));
        QCOMPARE(r.slurmResources.time, QStringLiteral("01:00:00"));
        QCOMPARE(r.slurmResources.mem, QStringLiteral("8G"));

        submit::Task task;
        task.localId = QStringLiteral("20261123-120000-abcdef01");
        submitter.succeed(task);
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QVERIFY(!dialog->isVisible());
    }

    void cancelWhileSubmittingStopsTheSubmitter()
    {
        test::FakeSubmitter submitter;
        auto dialog = makeDialog(submitter);
        dialog->show();
        dialog->parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("1"));
        dialog->startSubmit();
        QTRY_COMPARE(submitter.requests.size(), 1);
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QCOMPARE(submitter.cancelSubmits, 1);
        QVERIFY(dialog->isVisible()); // stays open to say what happened
        QTRY_VERIFY(!dialog->isSubmitting());
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY(dialog->errorLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(dialog->submitButton()->isEnabled());
        QVERIFY(dialog->entryPointBox()->isEnabled());
    }

    void aFailureIsShownAndTheFormComesBack()
    {
        test::FakeSubmitter submitter;
        auto dialog = makeDialog(submitter);
        dialog->show();
        dialog->parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("1"));
        dialog->startSubmit();
        QTRY_COMPARE(submitter.requests.size(), 1);
        submitter.fail(Error::make(Error::Kind::InvalidInput,
                                   QStringLiteral("sbatch: error: invalid partition specified: nope")));
        QVERIFY(!dialog->isSubmitting());
        QCOMPARE(dialog->errorLabel()->text(),
                 QStringLiteral("sbatch: error: invalid partition specified: nope"));
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY(dialog->submitButton()->isEnabled());
    }

    void withoutAHostOrATrackingServerNothingCanBeSubmitted()
    {
        test::FakeSubmitter submitter;
        SubmitDialog dialog(m_project, &submitter, {});
        dialog.show();
        dialog.parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("1"));
        QVERIFY(!dialog.submitButton()->isEnabled());
        QVERIFY(dialog.problemsLabel()->text().contains(QStringLiteral("SLURM Hosts")));
        QVERIFY(dialog.problemsLabel()->text().contains(QStringLiteral("tracking server")));
    }

    void resubmitStartsFromTheTask()
    {
        test::FakeSubmitter submitter;
        submit::Task task;
        task.entryPoint = QStringLiteral("main");
        task.params = {{QStringLiteral("epochs"), QStringLiteral("40")},
                       {QStringLiteral("tag"), QStringLiteral("again")}};
        task.slurmHost = QStringLiteral("cluster");
        task.experimentId = QStringLiteral("7");
        task.resources = QJsonObject{{QStringLiteral("partition"), QStringLiteral("debug")}};
        SubmitDialog dialog(m_project, &submitter, {cluster()});
        dialog.startFrom(task);
        dialog.setStore(m_store);
        QCOMPARE(dialog.parameterField(QStringLiteral("epochs"))->text(), QStringLiteral("40"));
        QCOMPARE(dialog.parameterField(QStringLiteral("tag"))->text(), QStringLiteral("again"));
        QCOMPARE(dialog.partitionBox()->currentText(), QStringLiteral("debug"));
        QTRY_COMPARE(dialog.experimentBox()->currentText(), QStringLiteral("vision"));
        QVERIFY(dialog.submitButton()->isEnabled());
    }

    // With a gateway submitter the gateway target is enabled; choosing it shows the gateway's warnings,
    // forwards gateway_config.json and submits through the gateway, not the SLURM submitter.
    void submitsThroughTheGatewayWithItsWarnings()
    {
        writeFile(m_dir.filePath(QStringLiteral("gateway_config.json")), "{\"time\": \"02:00:00\"}\n");
        const project::Project withGateway = project::Project::load(m_dir.path()); // only this test's project
        test::FakeSubmitter slurm;
        test::FakeSubmitter gateway;
        gateway.backendValue = submit::Task::Backend::Gateway;
        SubmitDialog dialog(withGateway, &slurm, QVector<submit::SlurmHost>{cluster()});
        dialog.setStore(m_store);
        dialog.setGatewaySubmitter(&gateway, QDateTime::currentDateTimeUtc().addSecs(600));
        dialog.show();
        const int row = dialog.targetBox()->findText(QStringLiteral("MLTF gateway"));
        QVERIFY(qobject_cast<QStandardItemModel *>(dialog.targetBox()->model())->item(row)->isEnabled());
        QVERIFY(!dialog.isGatewayChosen());
        QVERIFY(!dialog.warningsLabel()->isVisible()); // SLURM: no gateway warnings

        dialog.targetBox()->setCurrentIndex(row);
        QVERIFY(dialog.isGatewayChosen());
        QVERIFY(dialog.warningsLabel()->isVisible());
        const QString warnings = dialog.warningsLabel()->text();
        QVERIFY2(warnings.contains(QStringLiteral("default parameters")),
                 qPrintable(warnings));                                                    // epochs has none
        QVERIFY2(warnings.contains(QStringLiteral("access token")), qPrintable(warnings)); // 2 h > 10 min
        QCOMPARE(dialog.request().gatewayConfig.value(QStringLiteral("time")).toString(),
                 QStringLiteral("02:00:00"));
        QVERIFY(!dialog.partitionBox()->isVisible()); // SLURM's only
        auto *resources = dialog.findChild<QLabel *>(QStringLiteral("resourcesSummary"));
        QVERIFY(resources->text().contains(QStringLiteral("02:00:00")));

        dialog.parameterField(QStringLiteral("epochs"))->setText(QStringLiteral("3"));
        QVERIFY2(dialog.submitButton()->isEnabled(), qPrintable(dialog.problems())); // warnings do not block
        dialog.submitButton()->click();
        QTRY_COMPARE(gateway.requests.size(), 1);
        QCOMPARE(slurm.requests.size(), 0);
        QVERIFY(gateway.requests.at(0).slurmHost.isEmpty());
        QSignalSpy submitted(&dialog, &SubmitDialog::taskSubmitted);
        submit::Task fromSlurm; // an answer from the other submitter is not this dialog's
        slurm.succeed(fromSlurm);
        QCOMPARE(submitted.count(), 0);
        submit::Task task;
        task.backend = submit::Task::Backend::Gateway;
        gateway.succeed(task);
        QCOMPARE(submitted.count(), 1);
    }

    // A project of its own per test, ready to submit except for what the test breaks.
    static void writeSmallProject(const QString &dir, const QByteArray &mlproject)
    {
        writeFile(dir + QStringLiteral("/MLproject"), mlproject);
        writeFile(dir + QStringLiteral("/train.py"), QByteArray(100, 'x'));
        writeFile(dir + QStringLiteral("/model.ckpt"), QByteArray(5000, 'w'));
        writeFile(dir + QStringLiteral("/notes.txt"), QByteArray(10, 'n'));
    }

    static QByteArray validMLproject()
    {
        return "name: small\nentry_points:\n  main:\n    command: \"python train.py\"\n";
    }

    void theFileListShowsTheLargestFirstWithTheTotal()
    {
        QTemporaryDir dir;
        writeSmallProject(dir.path(), validMLproject());
        test::FakeSubmitter submitter;
        SubmitDialog dialog(project::Project::load(dir.path()), &submitter, {cluster()});
        dialog.setStore(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isScanningFiles(), 10000);
        QTreeWidget *files = dialog.filesList();
        QCOMPARE(files->topLevelItemCount(), 4);
        QCOMPARE(files->topLevelItem(0)->text(0), QStringLiteral("model.ckpt"));
        QCOMPARE(files->topLevelItem(1)->text(0), QStringLiteral("train.py"));
        QCOMPARE(files->topLevelItem(3)->text(0), QStringLiteral("notes.txt"));
        const qint64 total = 5000 + 100 + 10 + validMLproject().size();
        QCOMPARE(files->topLevelItem(0)->data(1, Qt::UserRole).toLongLong(), qint64(5000));
        QVERIFY2(dialog.filesButton()->text().contains(QStringLiteral("4 file")),
                 qPrintable(dialog.filesButton()->text()));
        QVERIFY2(dialog.filesButton()->text().contains(project::Packer::formatSize(total)),
                 qPrintable(dialog.filesButton()->text()));
        QVERIFY(files->isHidden());
        dialog.filesButton()->click();
        QVERIFY(!files->isHidden());
        QVERIFY2(dialog.submitButton()->isEnabled(), qPrintable(dialog.problems()));
    }

    void aYamlErrorInTheMLprojectBlocksSubmit()
    {
        QTemporaryDir dir;
        writeSmallProject(dir.path(), "name: small\nentry_points: [unclosed\n");
        const project::Project broken = project::Project::load(dir.path());
        QString message;
        for (const project::Diagnostic &d : broken.diagnostics(project::Project::Target::Slurm)) {
            if (d.severity == project::Diagnostic::Severity::Error && message.isEmpty())
                message = d.message;
        }
        QVERIFY(!message.isEmpty());
        test::FakeSubmitter submitter;
        SubmitDialog dialog(broken, &submitter, {cluster()});
        dialog.setStore(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isScanningFiles(), 10000);
        QVERIFY(!dialog.submitButton()->isEnabled());
        QVERIFY2(dialog.problemsLabel()->text().contains(message),
                 qPrintable(dialog.problemsLabel()->text()));
    }

    void aProjectOverTheSizeLimitBlocksSubmit()
    {
        QTemporaryDir dir;
        writeSmallProject(dir.path(), validMLproject());
        test::FakeSubmitter submitter;
        SubmitDialog dialog(project::Project::load(dir.path()), &submitter, {cluster()});
        dialog.setStore(m_store);
        project::Packer::Options small;
        small.sizeLimit = 1000;
        dialog.setPackerOptions(small);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isScanningFiles(), 10000);
        QVERIFY(!dialog.submitButton()->isEnabled());
        const QString problems = dialog.problemsLabel()->text();
        QVERIFY2(problems.contains(QStringLiteral("over the limit")), qPrintable(problems));
        QCOMPARE(dialog.filesList()->topLevelItemCount(), 4); // still shown, to find what to leave out
    }
};

QTEST_MAIN(TestSubmitDialog)
#include "TestSubmitDialog.moc"
