#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>

namespace mltf::auth {
class AuthService;
}

class QListWidget;
class QStackedWidget;

namespace mltf::ui {

class AuthActions;
class DesktopUrlOpener;
class ProjectEditor;
class RunsBrowser;
class SubmitCenter;
class TaskNotifier;
class TasksView;

// The application window: a container of pages (Project, Runs, Tasks) with a side navigation,
// the menu bar and the status bar. Pages bring their own actions; the window places them in its menus.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options
    {
        QString trackingUri; // from --tracking-uri; empty means settings / environment / bundled store
        QString projectDir;  // from --project
    };

    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page to the navigation (Ctrl+<n> in the View menu switches to it); returns its index.
    int addPage(QWidget *page, const QIcon &icon, const QString &title);
    void setCurrentPage(QWidget *page);
    QWidget *currentPage() const;
    int pageCount() const;

    QMenu *fileMenu() const { return m_fileMenu; }
    QMenu *editMenu() const { return m_editMenu; }
    QMenu *viewMenu() const { return m_viewMenu; }
    QMenu *runMenu() const { return m_runMenu; }
    QMenu *settingsMenu() const { return m_settingsMenu; }
    QMenu *helpMenu() const { return m_helpMenu; }

    // Called before the window closes; a guard returning false keeps it open (e.g. unsaved changes kept).
    void addCloseGuard(std::function<bool()> guard);

    ProjectEditor *projectEditor() const { return m_projectEditor; }
    RunsBrowser *runsBrowser() const { return m_runsBrowser; }
    TasksView *tasksView() const { return m_tasksView; }
    SubmitCenter *submitCenter() const { return m_submitCenter; }
    TaskNotifier *taskNotifier() const { return m_taskNotifier; }
    auth::AuthService *authService() const { return m_auth; }
    AuthActions *authActions() const { return m_authActions; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addProjectPage(const Options &options);
    void addRunsPage(const Options &options);
    void addTasksPage();
    void addAccount();
    void updateTitle();
    void restoreWindowState();

    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_settingsMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_accountMenu = nullptr;
    QAction *m_quit = nullptr;
    QList<std::function<bool()>> m_closeGuards;
    ProjectEditor *m_projectEditor = nullptr;
    RunsBrowser *m_runsBrowser = nullptr;
    SubmitCenter *m_submitCenter = nullptr;
    TasksView *m_tasksView = nullptr;
    TaskNotifier *m_taskNotifier = nullptr;
    auth::AuthService *m_auth = nullptr;
    std::unique_ptr<DesktopUrlOpener> m_urlOpener;
    AuthActions *m_authActions = nullptr;
};

} // namespace mltf::ui
