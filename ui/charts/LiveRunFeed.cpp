#include "charts/LiveRunFeed.h"

#include "charts/ChartControls.h"
#include "tracking/Store.h"
#include "util/Settings.h"

namespace mltf::ui {

using tracking::RunMonitor;

LiveRunFeed::LiveRunFeed(QObject *parent)
    : QObject(parent)
    , m_intervalSeconds(
          RunMonitor::clampInterval(Settings::value(Settings::Key::PollIntervalSeconds).toInt()))
{
    qRegisterMetaType<std::vector<series::SeriesPoint>>();
    qRegisterMetaType<RunMonitor::State>();
}

LiveRunFeed::~LiveRunFeed() = default;

void LiveRunFeed::follow(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run)
{
    if (!store || store != m_store) {
        stop();
        m_store = store;
    }
    const QString &runId = run.info.runId;
    if (m_monitor && m_monitor->isWatching(runId))
        return; // a refresh of the run followed: its monitor knows better
    if (!m_runId.isEmpty() && m_monitor)
        m_monitor->unwatch(m_runId);
    m_runId.clear();
    m_message.clear();
    if (!m_store || runId.isEmpty() || run.info.status != tracking::RunStatus::Running) {
        emit followedStateChanged(RunMonitor::State::Stopped, QString());
        return;
    }
    if (!m_monitor) {
        m_monitor = std::make_unique<RunMonitor>(m_store);
        m_monitor->setIntervalSeconds(m_intervalSeconds);
        connect(m_monitor.get(), &RunMonitor::seriesLoaded, this, &LiveRunFeed::seriesLoaded);
        connect(m_monitor.get(), &RunMonitor::pointsAppended, this, &LiveRunFeed::pointsAppended);
        connect(m_monitor.get(), &RunMonitor::runUpdated, this, &LiveRunFeed::runUpdated);
        connect(m_monitor.get(), &RunMonitor::stateChanged, this,
                [this](const QString &id, RunMonitor::State state, const QString &message) {
                    emit stateChanged(id, state, message);
                    if (id == m_runId) {
                        m_message = message;
                        emit followedStateChanged(state, message);
                    }
                });
    }
    m_runId = runId;
    m_monitor->watch(runId);
}

void LiveRunFeed::stop()
{
    m_monitor.reset(); // cancels its requests
    m_store.reset();
    m_runId.clear();
    m_message.clear();
    emit followedStateChanged(RunMonitor::State::Stopped, QString());
}

void LiveRunFeed::attach(ChartControls *controls)
{
    controls->setIntervalSeconds(m_intervalSeconds);
    controls->setLiveState(state(), m_message);
    connect(controls, &ChartControls::intervalChanged, this, &LiveRunFeed::setIntervalSeconds);
    connect(this, &LiveRunFeed::intervalChanged, controls, &ChartControls::setIntervalSeconds);
    connect(this, &LiveRunFeed::followedStateChanged, controls, &ChartControls::setLiveState);
}

bool LiveRunFeed::follows(const QString &runId) const
{
    return !runId.isEmpty() && runId == m_runId && m_monitor && m_monitor->isWatching(runId);
}

RunMonitor::State LiveRunFeed::state() const
{
    return follows(m_runId) ? m_monitor->state(m_runId) : RunMonitor::State::Stopped;
}

void LiveRunFeed::setIntervalSeconds(int seconds)
{
    const int clamped = RunMonitor::clampInterval(seconds);
    if (clamped == m_intervalSeconds)
        return;
    m_intervalSeconds = clamped;
    Settings::setValue(Settings::Key::PollIntervalSeconds, clamped);
    if (m_monitor)
        m_monitor->setIntervalSeconds(clamped);
    emit intervalChanged(clamped);
}

} // namespace mltf::ui
