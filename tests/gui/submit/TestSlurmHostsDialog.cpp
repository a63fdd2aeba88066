// Settings › SLURM Hosts: hosts are added, edited and removed, saved to the settings and read back; a host
// with a hostile or duplicate value is refused with a visible message and nothing is saved.
#include "ThrowawayHome.h"

#include "common/StringListEditor.h"
#include "submit/SlurmHostForm.h"
#include "submit/SlurmHostsDialog.h"
#include "util/Settings.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;
using submit::SlurmHost;

namespace {

void type(QLineEdit *field, const QString &text)
{
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text); // textEdited, as a person typing
}

void setList(StringListEditor *editor, const QStringList &items)
{
    editor->setItems(items);
    emit editor->edited(items);
}

} // namespace

class TestSlurmHostsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::useThrowawayHome();
        Settings::initialise();
    }

    void init() { SlurmHost::saveAll({}); }

    void aHostRoundTripsThroughTheSettings()
    {
        {
            SlurmHostsDialog dialog;
            dialog.show();
            QCOMPARE(dialog.list()->count(), 0);
            QVERIFY(!dialog.removeButton()->isEnabled());
            dialog.addHost();
            QCOMPARE(dialog.list()->count(), 1);
            SlurmHostForm *form = dialog.form();
            QVERIFY(form->isVisible());
            type(form->nameField(), QStringLiteral("ACCRE"));
            type(form->hostField(), QStringLiteral("login.accre.example.edu"));
            type(form->userField(), QStringLiteral("alice"));
            type(form->remoteBaseDirField(), QStringLiteral("/scratch/alice/mltf"));
            form->launchModeBox()->setCurrentIndex(
                form->launchModeBox()->findData(int(SlurmHost::LaunchMode::Direct)));
            setList(form->modulesEditor(), {QStringLiteral("cuda/12.2"), QStringLiteral("anaconda3")});
            setList(form->partitionsEditor(), {QStringLiteral("batch_gpu"), QStringLiteral("debug")});
            setList(form->gpuTypesEditor(), {QStringLiteral("nvidia_rtx_a6000")});
            QCOMPARE(dialog.list()->item(0)->text(), QStringLiteral("ACCRE"));
            QSignalSpy saved(&dialog, &SlurmHostsDialog::hostsSaved);
            dialog.accept();
            QCOMPARE(saved.size(), 1);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        const QVector<SlurmHost> hosts = SlurmHost::loadAll();
        QCOMPARE(hosts.size(), 1);
        const SlurmHost &h = hosts.constFirst();
        QCOMPARE(h.name, QStringLiteral("ACCRE"));
        QCOMPARE(h.mode, SlurmHost::Mode::Ssh);
        QCOMPARE(h.host, QStringLiteral("login.accre.example.edu"));
        QCOMPARE(h.user, QStringLiteral("alice"));
        QCOMPARE(h.remoteBaseDir, QStringLiteral("/scratch/alice/mltf"));
        QCOMPARE(h.launchMode, SlurmHost::LaunchMode::Direct);
        QCOMPARE(h.modules, (QStringList{QStringLiteral("cuda/12.2"), QStringLiteral("anaconda3")}));
        QCOMPARE(h.partitions, (QStringList{QStringLiteral("batch_gpu"), QStringLiteral("debug")}));
        QCOMPARE(h.gpuTypes, QStringList{QStringLiteral("nvidia_rtx_a6000")});

        // Opened again, it shows what was saved; removing it and saving leaves none.
        SlurmHostsDialog again;
        QCOMPARE(again.list()->count(), 1);
        QCOMPARE(again.form()->hostField()->text(), QStringLiteral("login.accre.example.edu"));
        QCOMPARE(again.form()->host().partitions, h.partitions);
        again.removeCurrent();
        QVERIFY(again.save());
        QVERIFY(SlurmHost::loadAll().isEmpty());
    }

    void hostileValuesAreRefused_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("remoteDir");
        QTest::newRow("ssh option as host") << "-oProxyCommand=touch /tmp/owned"
                                            << ""
                                            << "~/mltf-jobs";
        QTest::newRow("command in host") << "login;id"
                                         << ""
                                         << "~/mltf-jobs";
        QTest::newRow("option as user") << "login"
                                        << "-oProxyCommand=x"
                                        << "~/mltf-jobs";
        QTest::newRow("relative folder") << "login"
                                         << ""
                                         << "mltf-jobs";
        QTest::newRow("no host") << ""
                                 << ""
                                 << "~/mltf-jobs";
    }

    void hostileValuesAreRefused()
    {
        QFETCH(QString, host);
        QFETCH(QString, user);
        QFETCH(QString, remoteDir);
        SlurmHostsDialog dialog;
        dialog.show();
        dialog.addHost();
        type(dialog.form()->hostField(), host);
        type(dialog.form()->userField(), user);
        type(dialog.form()->remoteBaseDirField(), remoteDir);
        QSignalSpy saved(&dialog, &SlurmHostsDialog::hostsSaved);
        dialog.accept();
        QCOMPARE(saved.size(), 0);
        QVERIFY(dialog.isVisible());
        auto *problem = dialog.form()->findChild<QLabel *>(QStringLiteral("hostProblem"));
        QVERIFY(problem->isVisible());
        QVERIFY(!problem->text().isEmpty());
        QVERIFY(SlurmHost::loadAll().isEmpty());
    }

    void namesAreUnique()
    {
        SlurmHostsDialog dialog;
        dialog.show();
        dialog.addHost();
        type(dialog.form()->hostField(), QStringLiteral("login1"));
        dialog.addHost();
        QCOMPARE(dialog.list()->item(1)->text(), QStringLiteral("New host 2"));
        type(dialog.form()->nameField(), QStringLiteral("New host"));
        type(dialog.form()->hostField(), QStringLiteral("login2"));
        QVERIFY(!dialog.save());
        QVERIFY(dialog.form()
                    ->findChild<QLabel *>(QStringLiteral("hostProblem"))
                    ->text()
                    .contains(QStringLiteral("New host")));
        type(dialog.form()->nameField(), QStringLiteral("Second"));
        QVERIFY(dialog.save());
        QCOMPARE(SlurmHost::loadAll().size(), 2);
    }
};

QTEST_MAIN(TestSlurmHostsDialog)
#include "TestSlurmHostsDialog.moc"
