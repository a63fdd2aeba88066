#include "runs/ExperimentsModel.h"

#include "runs/AsyncResult.h"
#include "runs/RunFormat.h"

namespace mltf::ui {

ExperimentsModel::ExperimentsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

ExperimentsModel::~ExperimentsModel()
{
    cancelPending();
}

void ExperimentsModel::setStore(std::shared_ptr<tracking::Store> store)
{
    cancelPending();
    beginResetModel();
    m_store = std::move(store);
    m_experiments.clear();
    endResetModel();
    if (m_store)
        reload();
    else
        setState(State::Idle);
}

void ExperimentsModel::reload()
{
    if (!m_store)
        return;
    requestPage(QString());
}

void ExperimentsModel::cancelPending()
{
    ++m_generation;
    if (m_pending.isRunning())
        m_pending.cancel();
    m_pending = {};
}

void ExperimentsModel::requestPage(const QString &pageToken)
{
    tracking::ExperimentSearch search;
    search.orderBy = {QStringLiteral("name ASC")};
    search.maxResults = 1000;
    search.pageToken = pageToken;
    cancelPending();
    m_pending = m_store->searchExperiments(search);
    const quint64 generation = m_generation;
    const bool firstPage = pageToken.isEmpty();
    AsyncResult::watch(m_pending, this, [this, generation, firstPage](const Result<tracking::ExperimentsPage> &r) {
        if (generation == m_generation)
            onPage(r, firstPage);
    });
    setState(State::Loading);
}

void ExperimentsModel::onPage(const Result<tracking::ExperimentsPage> &result, bool firstPage)
{
    m_pending = {};
    if (!result) {
        m_incoming.clear();
        m_error = result.error();
        setState(State::Failed);
        return;
    }
    const tracking::ExperimentsPage &page = result.value();
    if (firstPage) {
        m_refreshing = !m_experiments.isEmpty();
        m_incoming.clear();
    }
    tracking::Experiments fresh;
    for (const auto &e : page.items)
        if (!e.isDeleted())
            fresh.append(e);

    if (m_refreshing) {
        // A refresh: collect every page, then swap (in place when the same experiments came back).
        m_incoming += fresh;
        if (page.hasMore()) {
            requestPage(page.nextPageToken);
            return;
        }
        applyRefresh();
    } else {
        // The first load: show each page as it arrives.
        QList<tracking::Experiment> added;
        for (const auto &e : std::as_const(fresh))
            if (rowOfExperiment(e.experimentId) < 0)
                added.append(e);
        if (!added.isEmpty()) {
            beginInsertRows(QModelIndex(), m_experiments.size(), m_experiments.size() + added.size() - 1);
            m_experiments += added;
            endInsertRows();
        }
        if (page.hasMore()) {
            requestPage(page.nextPageToken);
            return;
        }
    }
    setState(State::Ready);
}

void ExperimentsModel::applyRefresh()
{
    tracking::Experiments incoming = std::move(m_incoming);
    m_incoming.clear();
    m_refreshing = false;
    bool sameRows = incoming.size() == m_experiments.size();
    for (int i = 0; sameRows && i < incoming.size(); ++i)
        sameRows = incoming.at(i).experimentId == m_experiments.at(i).experimentId;
    if (sameRows) {
        m_experiments = std::move(incoming);
        if (!m_experiments.isEmpty())
            emit dataChanged(index(0), index(m_experiments.size() - 1));
        return;
    }
    beginResetModel();
    m_experiments = std::move(incoming);
    endResetModel();
}

void ExperimentsModel::setState(State state)
{
    if (state == m_state && state != State::Failed)
        return;
    m_state = state;
    emit stateChanged(state);
}

int ExperimentsModel::rowOfExperiment(const QString &experimentId) const
{
    for (int i = 0; i < m_experiments.size(); ++i)
        if (m_experiments.at(i).experimentId == experimentId)
            return i;
    return -1;
}

int ExperimentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_experiments.size();
}

QVariant ExperimentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const tracking::Experiment &e = m_experiments.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return e.name;
    case Qt::ToolTipRole: {
        QString tip = tr("Experiment ID: %1").arg(e.experimentId);
        if (e.creationTime > 0)
            tip += QLatin1Char('\n') + tr("Created: %1").arg(RunFormat::dateTime(e.creationTime));
        if (!e.artifactLocation.isEmpty())
            tip += QLatin1Char('\n') + tr("Artifacts: %1").arg(e.artifactLocation);
        const QString description = e.description();
        if (!description.isEmpty())
            tip += QStringLiteral("\n\n") + description.left(300);
        return tip;
    }
    case ExperimentIdRole: return e.experimentId;
    default: return {};
    }
}

} // namespace mltf::ui
