#include "mainwindow/MainWindow.h"

#include "auth/AuthActions.h"
#include "auth/AuthService.h"
#include "auth/AuthSession.h"
#include "auth/AuthStatusWidget.h"
#include "auth/DesktopUrlOpener.h"
#include "project/ProjectDocument.h"
#include "project/ProjectEditor.h"
#include "project/RecentProjectsMenu.h"
#include "runs/RunsBrowser.h"
#include "submit/SlurmSubmitter.h"
#include "submit/SubmitCenter.h"
#include "submit/SubmitDialog.h"
#include "submit/TaskNotifier.h"
#include "submit/TasksView.h"
#include "tracking/TrackingUri.h"
#include "util/Settings.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>

namespace mltf::ui {

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_navigation(new QListWidget)
    , m_pages(new QStackedWidget)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setFixedWidth(150);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setBackgroundRole(QPalette::Window);
    m_navigation->hide(); // shown once there is more than one page
    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    createMenus();
    addAccount();
    addProjectPage(options);
    addRunsPage(options);
    addTasksPage();
    // Without a project to open, start where the data is: the runs (the bundled example store at first).
    if (options.projectDir.isEmpty())
        setCurrentPage(m_runsBrowser);
    resize(1280, 800);
    restoreWindowState();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_runMenu = menuBar()->addMenu(tr("&Run"));
    m_settingsMenu = menuBar()->addMenu(tr("&Settings"));
    m_accountMenu = menuBar()->addMenu(tr("&Account"));
    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_helpMenu->addAction(tr("&About MLTF Desktop"), this, [this] {
        QMessageBox::about(
            this, tr("About MLTF Desktop"),
            tr("<b>MLTF Desktop %1</b><p>Build MLflow projects, submit training tasks and watch "
               "runs live.</p>")
                .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::addProjectPage(const Options &options)
{
    m_projectEditor = new ProjectEditor;
    addPage(m_projectEditor, style()->standardIcon(QStyle::SP_DirIcon), tr("Project"));
    ProjectEditor *editor = m_projectEditor;
    m_fileMenu->addAction(editor->newAction());
    m_fileMenu->addMenu(editor->templatesMenu());
    m_fileMenu->addAction(editor->openAction());
    m_fileMenu->addMenu(editor->recentMenu());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(editor->saveAction());
    m_fileMenu->addAction(editor->saveAllAction());
    m_fileMenu->addAction(editor->revertAction());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(editor->closeAction());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_editMenu->addAction(editor->undoAction());
    m_editMenu->addAction(editor->redoAction());
    connect(editor, &ProjectEditor::titleChanged, this, &MainWindow::updateTitle);
    connect(editor, &ProjectEditor::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    addCloseGuard([editor] { return editor->confirmClose(); });
    if (!options.projectDir.isEmpty())
        editor->openProject(options.projectDir);
}

void MainWindow::addRunsPage(const Options &options)
{
    m_runsBrowser = new RunsBrowser;
    m_runsBrowser->setTokenProvider(m_auth->session());
    addPage(m_runsBrowser, style()->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Runs"));
    const tracking::TrackingUri uri = tracking::TrackingUri::resolveDefault(options.trackingUri);
    m_runsBrowser->setTrackingUri(uri,
                                  options.trackingUri.isEmpty() ? QString() : tr("from the command line"));
}

void MainWindow::addTasksPage()
{
    m_submitCenter = new SubmitCenter(m_auth->session(), this);
    m_submitCenter->setAuthSession(m_auth->session());
    m_tasksView = new TasksView(m_submitCenter->taskStore(), m_submitCenter->submitter());
    connect(m_submitCenter, &SubmitCenter::gatewaySubmitterChanged, m_tasksView, &TasksView::setSubmitter);
    addPage(m_tasksView, style()->standardIcon(QStyle::SP_ComputerIcon), tr("Tasks"));
    if (!m_submitCenter->loadProblem().isEmpty())
        statusBar()->showMessage(m_submitCenter->loadProblem());

    // New runs go to the tracking server the Runs page shows.
    const auto followStore = [this](std::shared_ptr<tracking::Store> store) {
        m_submitCenter->setTrackingStore(std::move(store), m_runsBrowser->trackingUri().toString());
    };
    followStore(m_runsBrowser->store());
    connect(m_runsBrowser, &RunsBrowser::storeChanged, this, followStore);

    m_runMenu->addAction(m_projectEditor->submitAction());
    connect(m_projectEditor, &ProjectEditor::submitRequested, this,
            [this] { m_submitCenter->showSubmitDialog(m_projectEditor->document()->project(), this); });
    connect(m_tasksView, &TasksView::resubmitRequested, this, [this](const submit::Task &task) {
        if (!QFileInfo(task.projectPath).isDir()) {
            statusBar()->showMessage(tr("The project folder %1 is gone; open the project to submit it again.")
                                         .arg(QDir::toNativeSeparators(task.projectPath)),
                                     8000);
            return;
        }
        const project::Project project = project::Project::load(task.projectPath);
        m_submitCenter->showSubmitDialog(project, this, &task);
    });
    connect(m_submitCenter, &SubmitCenter::taskSubmitted, this, [this](const submit::Task &task) {
        setCurrentPage(m_tasksView);
        m_tasksView->selectTask(task.localId);
    });
    connect(m_tasksView, &TasksView::openRunRequested, this, [this](const QString &runId) {
        setCurrentPage(m_runsBrowser);
        m_runsBrowser->openRun(runId);
    });
    m_settingsMenu->addAction(tr("&SLURM Hosts…"), this, [this] { m_submitCenter->showHostsDialog(this); });
    m_settingsMenu->addAction(tr("MLTF &Gateway…"), this,
                              [this] { m_submitCenter->showGatewayDialog(this); });
    m_taskNotifier = new TaskNotifier(m_submitCenter->taskStore(), this);
    if (!m_taskNotifier->usesTray()) {
        connect(m_taskNotifier, &TaskNotifier::taskEnded, this,
                [this](const QString &, const QString &title, const QString &message) {
                    statusBar()->showMessage(title + QStringLiteral(": ") + message, 15000);
                });
    }
}

void MainWindow::addAccount()
{
    // Signing in is shared by every page; the session restores itself from the keychain at start.
    m_auth = new auth::AuthService(this);
    m_urlOpener = std::make_unique<DesktopUrlOpener>();
    m_authActions = new AuthActions(m_auth->session(), m_auth->http(), m_urlOpener.get(), this);
    m_accountMenu->addAction(m_authActions->signInAction());
    m_accountMenu->addAction(m_authActions->signOutAction());
    statusBar()->addPermanentWidget(m_authActions->createStatusWidget(statusBar()));
    m_auth->start();
}

int MainWindow::addPage(QWidget *page, const QIcon &icon, const QString &title)
{
    const int index = m_pages->addWidget(page);
    auto *item = new QListWidgetItem(icon, title, m_navigation);
    item->setSizeHint(QSize(0, 36));
    if (index < 9) {
        QAction *go = m_viewMenu->addAction(icon, title, this, [this, page] { setCurrentPage(page); });
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    }
    m_navigation->setVisible(m_pages->count() > 1);
    if (m_navigation->currentRow() < 0)
        m_navigation->setCurrentRow(0);
    return index;
}

void MainWindow::setCurrentPage(QWidget *page)
{
    const int index = m_pages->indexOf(page);
    if (index >= 0)
        m_navigation->setCurrentRow(index);
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

void MainWindow::addCloseGuard(std::function<bool()> guard)
{
    m_closeGuards.append(std::move(guard));
}

void MainWindow::updateTitle()
{
    const QString project = m_projectEditor ? m_projectEditor->titleText() : QString();
    setWindowTitle(project.isEmpty() ? tr("MLTF Desktop") : tr("%1[*] — MLTF Desktop").arg(project));
    setWindowModified(m_projectEditor && m_projectEditor->isModified());
}

void MainWindow::restoreWindowState()
{
    restoreGeometry(Settings::value(Settings::Key::MainWindowGeometry).toByteArray());
    restoreState(Settings::value(Settings::Key::MainWindowState).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (const auto &guard : std::as_const(m_closeGuards)) {
        if (!guard()) {
            event->ignore();
            return;
        }
    }
    Settings::setValue(Settings::Key::MainWindowGeometry, saveGeometry());
    Settings::setValue(Settings::Key::MainWindowState, saveState());
    event->accept();
}

} // namespace mltf::ui
