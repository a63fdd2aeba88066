#pragma once

#include "tracking/Run.h"
#include "tracking/Store.h"

#include <QFuture>
#include <QList>
#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;
class QTabWidget;

namespace mltf::ui {

class RunArtifacts;
class RunDescription;
class RunOverview;
class RunTab;
class StatePlaceholder;

// The page of one run: a title line and tabs (Overview, Description, Artifacts). Other features add their
// tabs with addTab() ("Charts", "System"); every tab is told which run is shown (RunTab::showRun).
class RunPage : public QWidget
{
    Q_OBJECT
public:
    explicit RunPage(QWidget *parent = nullptr);
    ~RunPage() override;

    // Clears the page; the runs shown next come from `store`.
    void setStore(std::shared_ptr<tracking::Store> store);
    std::shared_ptr<tracking::Store> store() const { return m_store; }

    // Shows `run` at once (as the runs list has it), without a request.
    void showRun(const tracking::Run &run);
    // Loads the run (runs/get) and shows it; a loading state until it arrives, an error with Retry if it fails.
    void loadRun(const QString &runId);
    // Loads the shown run again.
    void refresh();
    void clear();

    bool hasRun() const { return !m_run.info.runId.isEmpty(); }
    const tracking::Run &run() const { return m_run; }

    // Adds a tab (the page takes ownership) and shows the current run in it. Returns the tab index.
    int addTab(RunTab *tab, const QString &title);
    QTabWidget *tabs() const { return m_tabs; }
    RunOverview *overview() const { return m_overview; }
    RunDescription *description() const { return m_description; }
    RunArtifacts *artifacts() const { return m_artifacts; }
    StatePlaceholder *placeholder() const { return m_state; }

signals:
    // A run is now shown (after showRun or when loadRun's answer arrived).
    void runShown(const mltf::tracking::Run &run);
    // The user followed a link to another run (the parent run).
    void openRunRequested(const QString &runId);

private:
    void present(const tracking::Run &run);

    std::shared_ptr<tracking::Store> m_store;
    tracking::Run m_run;
    QString m_loadingRunId;
    quint64 m_generation = 0;
    QFuture<Result<tracking::Run>> m_pending;

    QStackedWidget *m_stack;
    StatePlaceholder *m_state;
    QWidget *m_content;
    QLabel *m_title;
    QTabWidget *m_tabs;
    RunOverview *m_overview;
    RunDescription *m_description;
    RunArtifacts *m_artifacts;
    QList<RunTab *> m_runTabs;
};

} // namespace mltf::ui
