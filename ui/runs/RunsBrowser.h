#pragma once

#include "tracking/Store.h"
#include "tracking/TrackingUri.h"

#include <QWidget>

#include <memory>

class QSplitter;
class QStackedWidget;

namespace mltf::auth {
class TokenProvider;
}

namespace mltf::ui {

class CompareView;
class ConnectionBar;
class ExperimentsPanel;
class RunPage;
class RunsPanel;

// The "Runs" page of the main window: the connection bar, the experiments list, the runs table and the
// page of the selected run. Everything is asynchronous (Store futures); a new tracking URI replaces the
// store and drops the answers still on their way from the old one.
class RunsBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit RunsBrowser(QWidget *parent = nullptr);
    ~RunsBrowser() override;

    // Connects to `uri` (a new Store). `origin` says where the URI comes from, for people ("from
    // MLFLOW_TRACKING_URI"); empty: worked out from the settings (see describeOrigin).
    void setTrackingUri(const tracking::TrackingUri &uri, const QString &origin = {});
    tracking::TrackingUri trackingUri() const { return m_uri; }
    // Uses `store` directly (tests, or a store shared with other pages); `uri` is what the bar shows.
    void setStore(std::shared_ptr<tracking::Store> store, const tracking::TrackingUri &uri,
                  const QString &origin = {});
    std::shared_ptr<tracking::Store> store() const { return m_store; }
    // The sign-in session (not owned) whose token REST stores send to the tracking server; applies to the
    // stores made from now on.
    void setTokenProvider(auth::TokenProvider *session) { m_session = session; }

    // Shows the run (loads it), selects its experiment and, once listed, its row.
    void openRun(const QString &runId);
    // Loads experiments, runs and the shown run again (F5).
    void refresh();

    // Where a tracking URI in force comes from, in words ("from MLFLOW_TRACKING_URI", "bundled example
    // store", "from your settings", "from the command line").
    static QString describeOrigin(const tracking::TrackingUri &uri);

    ConnectionBar *connectionBar() const { return m_bar; }
    ExperimentsPanel *experimentsPanel() const { return m_experiments; }
    RunsPanel *runsPanel() const { return m_runs; }
    // Add run tabs here (RunPage::addTab).
    RunPage *runPage() const { return m_runPage; }
    // Shown instead of the run page while runs are compared (RunsPanel's Compare action).
    CompareView *compareView() const { return m_compare; }
    bool isComparing() const;

signals:
    // The store changed (other pages may want to share it); nullptr when the URI could not be opened.
    void storeChanged(std::shared_ptr<mltf::tracking::Store> store);

private:
    void onUriEntered(const QString &text);
    void onExperimentsStateChanged();
    void selectDefaultExperiment();
    void connectStore();

    tracking::TrackingUri m_uri;
    std::shared_ptr<tracking::Store> m_store;
    ConnectionBar *m_bar;
    ExperimentsPanel *m_experiments;
    RunsPanel *m_runs;
    RunPage *m_runPage;
    CompareView *m_compare;
    QStackedWidget *m_detail; // the run page or the compare view
    QSplitter *m_mainSplitter;
    QSplitter *m_rightSplitter;
    QString m_openRunId; // openRun() waiting for the run's experiment
    bool m_refreshing = false;
    auth::TokenProvider *m_session = nullptr;
};

} // namespace mltf::ui
