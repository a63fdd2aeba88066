#include "runs/RunsBrowser.h"

#include "compare/CompareView.h"
#include "net/HttpClient.h"
#include "runs/ConnectionBar.h"
#include "runs/ExperimentsPanel.h"
#include "runs/RunPage.h"
#include "runs/RunsPanel.h"
#include "tracking/StoreFactory.h"
#include "util/Settings.h"

#include <QAction>
#include <QDateTime>
#include <QGuiApplication>
#include <QListView>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace mltf::ui {

using tracking::TrackingUri;

RunsBrowser::RunsBrowser(QWidget *parent)
    : QWidget(parent)
    , m_bar(new ConnectionBar(this))
    , m_experiments(new ExperimentsPanel(this))
    , m_runs(new RunsPanel(this))
    , m_runPage(new RunPage(this))
    , m_compare(new CompareView(this))
    , m_detail(new QStackedWidget(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_rightSplitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("runsBrowser"));
    // The connection bar and the chart toolbars ask for more width than a small laptop screen leaves; let the
    // window shrink below that (they clip) rather than force it wider than the screen.
    setMinimumWidth(640);
    m_rightSplitter->addWidget(m_runs);
    m_detail->addWidget(m_runPage);
    m_detail->addWidget(m_compare);
    m_rightSplitter->addWidget(m_detail);
    m_rightSplitter->setStretchFactor(0, 5);
    m_rightSplitter->setStretchFactor(1, 6);
    m_rightSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(m_experiments);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 5);
    m_mainSplitter->setSizes({230, 900});
    m_mainSplitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_bar);
    auto *body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(6, 0, 6, 6);
    bodyLayout->addWidget(m_mainSplitter);
    layout->addWidget(body, 1);

    // F5 anywhere in the browser.
    addAction(m_bar->refreshAction());

    connect(m_bar, &ConnectionBar::uriEntered, this, &RunsBrowser::onUriEntered);
    connect(m_bar, &ConnectionBar::refreshRequested, this, &RunsBrowser::refresh);
    connect(m_experiments, &ExperimentsPanel::retryRequested, this, &RunsBrowser::refresh);
    connect(m_experiments->model(), &ExperimentsModel::stateChanged, this,
            &RunsBrowser::onExperimentsStateChanged);
    connect(m_experiments, &ExperimentsPanel::selectionChanged, this, [this](const QStringList &ids) {
        if (ids != m_runs->model()->experimentIds() && m_openRunId.isEmpty() &&
            !ids.contains(m_runPage->run().info.experimentId))
            m_runPage->clear();
        m_runs->setExperimentIds(ids);
    });
    connect(m_runs, &RunsPanel::runSelected, this, [this](const tracking::Run &run) {
        // Picking a run (a plain click) leaves the comparison; Ctrl/Shift+click only extends the selection.
        if (!(QGuiApplication::keyboardModifiers() & (Qt::ControlModifier | Qt::ShiftModifier)))
            m_detail->setCurrentWidget(m_runPage);
        m_runPage->showRun(run);
    });
    connect(m_runs, &RunsPanel::compareRequested, this, [this](const tracking::Runs &runs) {
        m_compare->compare(runs);
        m_detail->setCurrentWidget(m_compare);
    });
    connect(m_compare, &CompareView::closeRequested, this, [this] { m_detail->setCurrentWidget(m_runPage); });
    connect(m_runPage, &RunPage::openRunRequested, this, &RunsBrowser::openRun);
    connect(m_runPage, &RunPage::runShown, this, [this](const tracking::Run &run) {
        if (run.info.runId != m_openRunId)
            return;
        m_openRunId.clear();
        m_runs->selectRun(run.info.runId);
        m_experiments->selectExperiments({run.info.experimentId});
    });
}

RunsBrowser::~RunsBrowser() = default;

QString RunsBrowser::describeOrigin(const TrackingUri &uri)
{
    if (uri.isExampleStore())
        return tr("bundled example store");
    const QString configured = Settings::value(Settings::Key::TrackingUri).toString();
    if (!configured.isEmpty() && TrackingUri::parse(configured) == uri) {
        const QString source = Settings::source(Settings::Key::TrackingUri);
        if (source == QLatin1String("user settings"))
            return tr("from your settings");
        if (source == QLatin1String("default"))
            return {};
        if (source.contains(QLatin1Char('/')))
            return tr("from the site settings");
        return tr("from %1").arg(source); // the environment variable's name
    }
    return tr("from the command line");
}

void RunsBrowser::setTrackingUri(const TrackingUri &uri, const QString &origin)
{
    m_uri = uri;
    m_bar->setUri(uri.text().isEmpty() ? uri.toString() : uri.text(),
                  origin.isEmpty() ? describeOrigin(uri) : origin);
    connectStore();
}

void RunsBrowser::connectStore()
{
    m_bar->setInsecureTlsWarningVisible(m_uri.isRest() && net::HttpClient::insecureTls());
    if (!m_uri.isValid()) {
        setStore(nullptr, m_uri, m_bar->origin());
        m_bar->setFailed(m_uri.errorString().isEmpty() ? tr("No tracking URI is set.") : m_uri.errorString());
        return;
    }
    Result<std::shared_ptr<tracking::Store>> store = tracking::StoreFactory::create(m_uri, m_session);
    if (!store) {
        setStore(nullptr, m_uri, m_bar->origin());
        m_bar->setFailed(store.error().message, store.error().detail);
        return;
    }
    setStore(store.value(), m_uri, m_bar->origin());
}

void RunsBrowser::setStore(std::shared_ptr<tracking::Store> store, const TrackingUri &uri,
                           const QString &origin)
{
    m_uri = uri;
    if (m_bar->uriText().isEmpty() || m_bar->origin() != origin)
        m_bar->setUri(uri.text().isEmpty() ? uri.toString() : uri.text(),
                      origin.isEmpty() ? describeOrigin(uri) : origin);
    m_bar->setInsecureTlsWarningVisible(uri.isRest() && net::HttpClient::insecureTls());
    m_store = std::move(store);
    m_openRunId.clear();
    m_runPage->setStore(m_store);
    m_compare->setStore(m_store);
    m_detail->setCurrentWidget(m_runPage);
    m_runs->setStore(m_store);
    m_experiments->setStore(m_store);
    m_bar->setLastRefresh({});
    onExperimentsStateChanged();
    emit storeChanged(m_store);
}

void RunsBrowser::onUriEntered(const QString &text)
{
    const TrackingUri uri = TrackingUri::parse(text);
    if (!uri.isValid()) {
        m_bar->setFailed(uri.errorString());
        return;
    }
    // Remembered for the next start; MLFLOW_TRACKING_URI still wins over it then, as in MLflow's clients.
    Settings::setValue(Settings::Key::TrackingUri, text);
    const bool fromEnvironment = qEnvironmentVariableIsSet("MLFLOW_TRACKING_URI");
    setTrackingUri(uri, fromEnvironment ? tr("entered here (MLFLOW_TRACKING_URI wins at the next start)")
                                        : tr("entered here"));
}

void RunsBrowser::onExperimentsStateChanged()
{
    const ExperimentsModel *model = m_experiments->model();
    switch (model->state()) {
    case ExperimentsModel::State::Idle:
        if (m_store)
            m_bar->setConnecting();
        break;
    case ExperimentsModel::State::Loading:
        if (!m_refreshing)
            m_bar->setConnecting();
        break;
    case ExperimentsModel::State::Ready:
        m_refreshing = false;
        m_bar->setConnected(model->rowCount() == 1 ? tr("1 experiment")
                                                   : tr("%n experiments", "", model->rowCount()));
        m_bar->setLastRefresh(QDateTime::currentDateTime());
        selectDefaultExperiment();
        break;
    case ExperimentsModel::State::Failed:
        m_refreshing = false;
        m_bar->setFailed(model->error().message, model->error().detail);
        break;
    }
}

// With nothing chosen yet, the first experiment that is not MLflow's "Default" one (usually empty), in the
// order of the list.
void RunsBrowser::selectDefaultExperiment()
{
    if (!m_experiments->selectedExperimentIds().isEmpty() || !m_openRunId.isEmpty())
        return;
    const QAbstractItemModel *list = m_experiments->view()->model();
    if (list->rowCount() == 0)
        return;
    QString chosen = list->index(0, 0).data(ExperimentsModel::ExperimentIdRole).toString();
    for (int row = 0; row < list->rowCount(); ++row) {
        const QString id = list->index(row, 0).data(ExperimentsModel::ExperimentIdRole).toString();
        if (id != QLatin1String("0")) {
            chosen = id;
            break;
        }
    }
    m_experiments->selectExperiments({chosen});
}

bool RunsBrowser::isComparing() const
{
    return m_detail->currentWidget() == m_compare;
}

void RunsBrowser::openRun(const QString &runId)
{
    if (!m_store || runId.isEmpty())
        return;
    m_openRunId = runId;
    m_detail->setCurrentWidget(m_runPage);
    m_runPage->loadRun(runId);
}

void RunsBrowser::refresh()
{
    if (!m_store) {
        connectStore();
        return;
    }
    m_refreshing = true;
    m_experiments->reload();
    if (!m_runs->model()->experimentIds().isEmpty())
        m_runs->reload();
    m_runPage->refresh();
}

} // namespace mltf::ui
