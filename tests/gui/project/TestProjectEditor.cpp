// The project editor driven like a user would: forms -> live preview -> save -> files on disk; broken files
// are shown with their problems and never overwritten; undo; dirty markers; diagnostics jump to fields.
#include "ThrowawayHome.h"
#include "common/CodeView.h"
#include "common/Prompter.h"
#include "highlight/SyntaxHighlighting.h"
#include "project/CommandEdit.h"
#include "project/DiagnosticsPanel.h"
#include "project/EmptyProjectView.h"
#include "project/MLprojectForm.h"
#include "project/ParametersTable.h"
#include "project/PreviewPane.h"
#include "project/Project.h"
#include "project/ProjectDocument.h"
#include "project/ProjectEditor.h"
#include "project/ResourcesForm.h"
#include "util/Settings.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>
#include <QUndoStack>

using namespace mltf;
using namespace mltf::ui;
using project::ProjectFileKind;

namespace {

// Answers the editor's questions as a test script says and remembers what was asked.
class ScriptedPrompter : public Prompter
{
public:
    SaveChoice saveChoice = SaveChoice::Cancel;
    bool confirmAnswer = true;
    QStringList errors;
    QStringList questions;

    SaveChoice askSaveChanges(QWidget *, const QString &what, const QStringList &) override
    {
        questions.append(what);
        return saveChoice;
    }
    bool confirm(QWidget *, const QString &, const QString &text, const QString &) override
    {
        questions.append(text);
        return confirmAnswer;
    }
    void showError(QWidget *, const QString &, const QString &text) override { errors.append(text); }
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Copies tests/data/projects/<name> into `target`.
bool copyProject(const QString &name, const QString &target)
{
    const QDir source(QStringLiteral(MLTF_TEST_DATA_DIR "/projects/") + name);
    if (!source.exists())
        return false;
    const QStringList files = source.entryList(QDir::Files | QDir::Hidden);
    for (const QString &file : files) {
        if (!QFile::copy(source.filePath(file), QDir(target).filePath(file)))
            return false;
    }
    return true;
}

QString previewText(ProjectEditor &editor, ProjectFileKind kind)
{
    CodeView *view = editor.preview()->view(kind);
    return view ? view->toPlainText() : QString();
}

} // namespace

class TestProjectEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir *m_dir = nullptr;
    ProjectEditor *m_editor = nullptr;
    ScriptedPrompter *m_prompter = nullptr;

    // A fresh editor with `project` (a folder of tests/data/projects) copied and opened.
    bool openCopy(const QString &project)
    {
        if (!copyProject(project, m_dir->path()))
            return false;
        return openDir(m_dir->path());
    }

    bool openDir(const QString &dir)
    {
        QSignalSpy opened(m_editor, &ProjectEditor::projectOpened);
        m_editor->openProject(dir);
        return opened.wait(10000);
    }

    QSpinBox *gpuCount() const
    {
        return m_editor->resourcesForm()->findChild<QSpinBox *>(QStringLiteral("gpuCount"));
    }

private slots:
    void initTestCase()
    {
        mltf::test::useThrowawayHome();
        Settings::initialise();
        Settings::setValue(Settings::Key::RecentProjects, QStringList());
    }

    void init()
    {
        m_dir = new QTemporaryDir;
        QVERIFY(m_dir->isValid());
        m_editor = new ProjectEditor;
        auto prompter = std::make_unique<ScriptedPrompter>();
        m_prompter = prompter.get();
        m_editor->setPrompter(std::move(prompter));
        m_editor->resize(1200, 800);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
    }

    void cleanup()
    {
        m_prompter->saveChoice = Prompter::SaveChoice::Discard;
        delete m_editor;
        delete m_dir;
    }

    void emptyStateOffersOpenAndNew()
    {
        auto *empty = m_editor->findChild<EmptyProjectView *>();
        QVERIFY(empty);
        QVERIFY(empty->isVisible());
        auto *text = empty->findChild<QLabel *>(QStringLiteral("emptyStateText"));
        QVERIFY(text);
        QVERIFY(text->text().contains(QStringLiteral("Open a project folder or create one from a template")));
        QVERIFY(empty->findChild<QPushButton *>(QStringLiteral("emptyOpen"))->isVisible());
        QVERIFY(empty->findChild<QPushButton *>(QStringLiteral("emptyNew"))->isVisible());
        QVERIFY(!m_editor->saveAllAction()->isEnabled());
        QVERIFY(m_editor->titleText().isEmpty());
    }

    void opensSeedSlidesWithEveryFileInThePreview()
    {
        QVERIFY(openCopy(QStringLiteral("seed-slides")));
        QVERIFY(!m_editor->findChild<EmptyProjectView *>()->isVisible());
        QVERIFY(m_editor->titleText().startsWith(QStringLiteral("Project Test")));
        QVERIFY(!m_editor->isModified());
        QCOMPARE(previewText(*m_editor, ProjectFileKind::MLproject),
                 QString::fromUtf8(readFile(m_dir->filePath(QStringLiteral("MLproject")))));
        QVERIFY(previewText(*m_editor, ProjectFileKind::SlurmConfig)
                    .contains(QStringLiteral("\"gres\": \"gpu:1\"")));
        QVERIFY(previewText(*m_editor, ProjectFileKind::PythonEnv).contains(QStringLiteral("3.10.4")));
        QCOMPARE(gpuCount()->value(), 1);
        QCOMPARE(Settings::value(Settings::Key::RecentProjects).toStringList().value(0),
                 QDir(m_dir->path()).absolutePath());
    }

    void previewIsHighlightedWithSeveralFormatsPerLine()
    {
        QVERIFY(openCopy(QStringLiteral("seed-slides")));
#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING
        QCOMPARE(SyntaxHighlighting::backendName(), QStringLiteral("KSyntaxHighlighting"));
#else
        QCOMPARE(SyntaxHighlighting::backendName(), QStringLiteral("built-in"));
#endif
        CodeView *view = m_editor->preview()->view(ProjectFileKind::MLproject);
        QVERIFY(view);
        const QTextBlock block = view->document()->findBlockByNumber(0); // name: Project Test
        QCOMPARE(block.text(), QStringLiteral("name: Project Test"));
        QList<QTextCharFormat> distinct;
        const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
        for (const QTextLayout::FormatRange &range : ranges) {
            if (!distinct.contains(range.format))
                distinct.append(range.format);
        }
        QVERIFY2(distinct.size() >= 3, qPrintable(QString::number(distinct.size())));
    }

    void formEditsShowInThePreviewAndSaveParsesBack()
    {
        QVERIFY(openCopy(QStringLiteral("seed-slides")));
        const QByteArray pythonEnvBefore = readFile(m_dir->filePath(QStringLiteral("python_env.yaml")));
        MLprojectForm *form = m_editor->mlprojectForm();
        m_editor->formTabs()->setCurrentWidget(form);
        QCOMPARE(form->currentEntryPoint(), QStringLiteral("main"));

        // A new parameter: name it "alpha", type float, default 0.5 (typed into the cell editors).
        auto *table = form->findChild<ParametersTable *>(QStringLiteral("parameters"));
        QTest::mouseClick(form->findChild<QPushButton *>(QStringLiteral("addParameter")), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        // Types into a cell's editor like a user: open it, replace the text, press Return.
        auto visibleEditor = [table]() -> QLineEdit * {
            const QList<QLineEdit *> edits = table->viewport()->findChildren<QLineEdit *>();
            for (QLineEdit *edit : edits) {
                if (edit->isVisible())
                    return edit;
            }
            return nullptr;
        };
        auto typeInto = [table, visibleEditor](int column, const QString &text) {
            if (QLineEdit *open = visibleEditor()) // adding a row opens the name editor
                QTest::keyClick(open, Qt::Key_Return);
            QTRY_VERIFY(!visibleEditor()); // the delegate commits and closes in a queued call
            table->setCurrentCell(0, column);
            table->editItem(table->item(0, column));
            QLineEdit *edit = visibleEditor();
            QVERIFY(edit);
            edit->selectAll();
            QTest::keyClicks(edit, text);
            QTest::keyClick(edit, Qt::Key_Return);
            QTRY_VERIFY(!visibleEditor());
        };
        typeInto(ParametersTable::NameColumn, QStringLiteral("alpha"));
        table->item(0, ParametersTable::TypeColumn)->setText(QStringLiteral("float"));
        typeInto(ParametersTable::DefaultColumn, QStringLiteral("0.5"));
        QCOMPARE(table->item(0, ParametersTable::RequiredColumn)->checkState(), Qt::Unchecked);

        // The command completes {placeholders} from the parameters.
        auto *command = form->findChild<CommandEdit *>(QStringLiteral("command"));
        command->setFocus();
        command->moveCursor(QTextCursor::End);
        QTest::keyClicks(command, QStringLiteral(" --alpha {al"));
        QTRY_VERIFY(command->completer()->popup()->isVisible());
        QCOMPARE(command->completer()->currentCompletion(), QStringLiteral("alpha"));
        QTest::keyClick(command->completer()->popup(), Qt::Key_Return);
        QCOMPARE(command->command(), QStringLiteral("python train_sklearn.py --alpha {alpha}"));

        // Two GPUs instead of one, with the keyboard.
        m_editor->formTabs()->setCurrentWidget(m_editor->resourcesForm());
        QTest::keyClick(gpuCount(), Qt::Key_Up);
        QCOMPARE(gpuCount()->value(), 2);

        // The preview shows it before anything is saved; the tabs and the title say what is unsaved.
        const QString ml = previewText(*m_editor, ProjectFileKind::MLproject);
        QVERIFY2(ml.contains(QStringLiteral("alpha")) && ml.contains(QStringLiteral("0.5")), qPrintable(ml));
        QVERIFY(ml.contains(QStringLiteral("{alpha}")));
        QVERIFY(previewText(*m_editor, ProjectFileKind::SlurmConfig)
                    .contains(QStringLiteral("\"gres\": \"gpu:2\"")));
        QVERIFY(m_editor->isModified());
        QVERIFY(m_editor->formTabs()->tabText(0).endsWith(QLatin1Char('*')));
        QVERIFY(m_editor->formTabs()->tabText(2).endsWith(QLatin1Char('*')));
        QVERIFY(!m_editor->formTabs()->tabText(1).endsWith(QLatin1Char('*')));
        const int slurmTab =
            m_editor->preview()->indexOf(m_editor->preview()->view(ProjectFileKind::SlurmConfig));
        QCOMPARE(m_editor->preview()->tabText(slurmTab), QStringLiteral("slurm_config.json*"));
        QVERIFY(m_editor->saveAllAction()->isEnabled());

        m_editor->saveAllAction()->trigger();
        QVERIFY2(m_prompter->errors.isEmpty(), qPrintable(m_prompter->errors.join(QLatin1Char('\n'))));
        QVERIFY(!m_editor->isModified());
        QVERIFY(!m_editor->formTabs()->tabText(0).endsWith(QLatin1Char('*')));

        // What is on disk now reads back with the new values; the untouched file is byte-identical.
        const project::Project saved = project::Project::load(m_dir->path());
        QVERIFY(!project::hasError(saved.diagnostics(project::Project::Target::Slurm)));
        const project::EntryPoint *main = saved.mlProject().entryPoint(QStringLiteral("main"));
        QVERIFY(main);
        QCOMPARE(main->parameters.size(), 1);
        QCOMPARE(main->parameters.at(0).name, QStringLiteral("alpha"));
        QCOMPARE(main->parameters.at(0).type, QStringLiteral("float"));
        QVERIFY(main->parameters.at(0).hasDefault);
        QCOMPARE(main->parameters.at(0).defaultValue, QStringLiteral("0.5"));
        QCOMPARE(main->command, QStringLiteral("python train_sklearn.py --alpha {alpha}"));
        QCOMPARE(saved.slurmConfig().gres, QStringLiteral("gpu:2"));
        QCOMPARE(saved.slurmConfig().mailUser,
                 QStringLiteral("researcher@example.edu")); // untouched keys kept
        QCOMPARE(readFile(m_dir->filePath(QStringLiteral("python_env.yaml"))), pythonEnvBefore);
    }

    void undoAndRedoRestoreValues()
    {
        QVERIFY(openCopy(QStringLiteral("seed-slides")));
        const QString original = previewText(*m_editor, ProjectFileKind::SlurmConfig);
        m_editor->formTabs()->setCurrentWidget(m_editor->resourcesForm());
        QTest::keyClick(gpuCount(), Qt::Key_Up);
        auto *memory = m_editor->resourcesForm()->findChild<QLineEdit *>(QStringLiteral("memory"));
        memory->selectAll();
        QTest::keyClicks(memory, QStringLiteral("16G"));
        QVERIFY(previewText(*m_editor, ProjectFileKind::SlurmConfig)
                    .contains(QStringLiteral("\"mem\": \"16G\"")));
        // Typing "16G" is one undo step, the GPU change another.
        QCOMPARE(m_editor->document()->undoStack()->count(), 2);

        m_editor->undoAction()->trigger();
        QCOMPARE(memory->text(), QStringLiteral("4G"));
        QCOMPARE(gpuCount()->value(), 2);
        m_editor->undoAction()->trigger();
        QCOMPARE(gpuCount()->value(), 1);
        QCOMPARE(previewText(*m_editor, ProjectFileKind::SlurmConfig), original);
        QVERIFY(!m_editor->isModified());
        QVERIFY(!m_editor->undoAction()->isEnabled());

        m_editor->redoAction()->trigger();
        QCOMPARE(gpuCount()->value(), 2);
        QVERIFY(previewText(*m_editor, ProjectFileKind::SlurmConfig)
                    .contains(QStringLiteral("\"gres\": \"gpu:2\"")));
        QVERIFY(m_editor->isModified());
    }

    void brokenYamlIsShownAndNeverOverwritten()
    {
        const QByteArray broken = "name: Broken\n"
                                  "entry_points:\n"
                                  "  main:\n"
                                  "    parameters: {alpha: float\n"
                                  "    command: \"python train.py\"\n";
        QVERIFY(writeFile(m_dir->filePath(QStringLiteral("MLproject")), broken));
        QVERIFY(writeFile(m_dir->filePath(QStringLiteral("python_env.yaml")), "python: \"3.10\"\n"));
        QVERIFY(openDir(m_dir->path()));

        // The problem is listed with its location, the form is read-only and says why.
        DiagnosticsPanel *panel = m_editor->diagnosticsPanel();
        QVERIFY(panel->list()->topLevelItemCount() >= 1);
        QTreeWidgetItem *first = panel->list()->topLevelItem(0);
        QCOMPARE(first->text(0), QStringLiteral("error"));
        QVERIFY2(first->text(1).startsWith(QStringLiteral("MLproject:")), qPrintable(first->text(1)));
        QVERIFY(
            !m_editor->mlprojectForm()->findChild<QLineEdit *>(QStringLiteral("projectName"))->isEnabled());
        auto *banner = m_editor->mlprojectForm()->findChild<QLabel *>(QStringLiteral("formBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("could not be read")));
        QCOMPARE(previewText(*m_editor, ProjectFileKind::MLproject), QString::fromUtf8(broken));

        // Save refuses it explicitly; Save All leaves it alone; the bytes never change.
        m_editor->preview()->showFile(ProjectFileKind::MLproject);
        m_editor->saveAction()->trigger();
        QCOMPARE(m_prompter->errors.size(), 1);
        QVERIFY(m_prompter->errors.at(0).contains(QStringLiteral("not overwritten")));
        QVERIFY(!m_editor->document()->save(ProjectFileKind::MLproject).ok());
        m_editor->saveAllAction()->trigger();
        QCOMPARE(readFile(m_dir->filePath(QStringLiteral("MLproject"))), broken);

        // Activating the entry shows the line in the preview.
        emit panel->list()->itemActivated(first, 0);
        QCOMPARE(m_editor->preview()->currentFile(), ProjectFileKind::MLproject);
        QVERIFY(m_editor->preview()->view(ProjectFileKind::MLproject)->markedLine() > 0);
    }

    void diagnosticJumpsToTheField()
    {
        QVERIFY(copyProject(QStringLiteral("seed-slides"), m_dir->path()));
        QByteArray slurm = readFile(m_dir->filePath(QStringLiteral("slurm_config.json")));
        slurm.replace("\"8:00:00\"", "\"8 hours\"");
        QVERIFY(writeFile(m_dir->filePath(QStringLiteral("slurm_config.json")), slurm));
        QVERIFY(openDir(m_dir->path()));
        m_editor->formTabs()->setCurrentWidget(m_editor->mlprojectForm());

        DiagnosticsPanel *panel = m_editor->diagnosticsPanel();
        int row = -1;
        const project::Diagnostics shown = panel->shown();
        for (int i = 0; i < shown.size(); ++i) {
            if (shown.at(i).file == QLatin1String("slurm_config.json") &&
                shown.at(i).path == QLatin1String("time"))
                row = i;
        }
        QVERIFY2(row >= 0, "expected a diagnostic about the time value");
        auto *time = m_editor->resourcesForm()->findChild<QLineEdit *>(QStringLiteral("wallTime"));
        QVERIFY(time->toolTip().contains(shown.at(row).message)); // the field is marked too
        emit panel->list()->itemActivated(panel->list()->topLevelItem(row), 0);
        QCOMPARE(m_editor->formTabs()->currentWidget(), m_editor->resourcesForm());
        QCOMPARE(m_editor->preview()->currentFile(), ProjectFileKind::SlurmConfig);
        QCOMPARE(m_editor->preview()->view(ProjectFileKind::SlurmConfig)->markedLine(), shown.at(row).line);
        QTRY_COMPARE(QApplication::focusWidget(), time);
    }

    void trailingCommaCanBeFixed()
    {
        QVERIFY(openCopy(QStringLiteral("mltf-docs-tutorial")));
        DiagnosticsPanel *panel = m_editor->diagnosticsPanel();
        int row = -1;
        const project::Diagnostics shown = panel->shown();
        for (int i = 0; i < shown.size(); ++i) {
            if (!shown.at(i).fixId.isEmpty())
                row = i;
        }
        QVERIFY2(row >= 0, "expected a fixable diagnostic for the trailing comma");
        QVERIFY(!panel->fixButton()->isEnabled());
        panel->list()->setCurrentItem(panel->list()->topLevelItem(row));
        QVERIFY(panel->fixButton()->isEnabled());
        QTest::mouseClick(panel->fixButton(), Qt::LeftButton);
        QVERIFY(m_editor->document()->project().isParseable(ProjectFileKind::SlurmConfig));
        QVERIFY(m_editor->document()->project().isDirty(ProjectFileKind::SlurmConfig));
        QVERIFY(m_editor->saveAll());
        const project::Project saved = project::Project::load(m_dir->path());
        QVERIFY(saved.isParseable(ProjectFileKind::SlurmConfig));
    }

    void closingWithUnsavedChangesAsks()
    {
        QVERIFY(openCopy(QStringLiteral("seed-slides")));
        QVERIFY(m_editor->confirmClose()); // nothing to ask
        QVERIFY(m_prompter->questions.isEmpty());
        QTest::keyClick(gpuCount(), Qt::Key_Up);
        m_prompter->saveChoice = Prompter::SaveChoice::Cancel;
        QVERIFY(!m_editor->confirmClose());
        QCOMPARE(m_prompter->questions.size(), 1);
        m_prompter->saveChoice = Prompter::SaveChoice::Save;
        QVERIFY(m_editor->confirmClose());
        QVERIFY(readFile(m_dir->filePath(QStringLiteral("slurm_config.json"))).contains("\"gpu:2\""));
    }

    void newProjectFromTemplateIsWrittenOnSave()
    {
        const QString dir = m_dir->filePath(QStringLiteral("gpu-demo"));
        QSignalSpy opened(m_editor, &ProjectEditor::projectOpened);
        m_editor->newProject(project::Project::Template::PyTorchGpu, dir, QStringLiteral("GPU Demo"));
        QCOMPARE(opened.size(), 1);
        QVERIFY(m_editor->isModified());
        QVERIFY(m_editor->titleText().startsWith(QStringLiteral("GPU Demo")));
        QVERIFY(!previewText(*m_editor, ProjectFileKind::MLproject).isEmpty());
        QVERIFY(m_editor->saveAll());
        QVERIFY(!m_editor->isModified());
        QVERIFY(QFile::exists(QDir(dir).filePath(QStringLiteral("MLproject"))));
        const project::Project saved = project::Project::load(dir);
        QCOMPARE(saved.mlProject().name, QStringLiteral("GPU Demo"));
        QVERIFY(saved.slurmConfig().requestsGpu());
    }
};

QTEST_MAIN(TestProjectEditor)
#include "TestProjectEditor.moc"
