#include "runs/ExperimentsPanel.h"

#include "runs/StatePlaceholder.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace mltf::ui {

ExperimentsPanel::ExperimentsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new ExperimentsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QListView(this))
    , m_state(new StatePlaceholder(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);
    m_proxy->sort(0);

    m_search->setObjectName(QStringLiteral("experimentSearch"));
    m_search->setPlaceholderText(tr("Search experiments"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        updateState();
    });

    m_view->setObjectName(QStringLiteral("experimentsView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setUniformItemSizes(true);
    m_view->setToolTip(tr("Select one or more experiments (Ctrl-click) to see their runs."));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ExperimentsPanel::onSelectionChanged);

    m_state->setObjectName(QStringLiteral("experimentsState"));
    connect(m_state, &StatePlaceholder::retryRequested, this, &ExperimentsPanel::retryRequested);

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_state);

    auto *title = new QLabel(tr("<b>Experiments</b>"), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_search);
    layout->addWidget(m_stack, 1);

    connect(m_model, &ExperimentsModel::stateChanged, this, &ExperimentsPanel::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        restoreSelection();
        updateState();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        restoreSelection();
        updateState();
    });
    updateState();
}

void ExperimentsPanel::setStore(std::shared_ptr<tracking::Store> store)
{
    m_wanted.clear(); // experiment ids of another store mean nothing here
    m_model->setStore(std::move(store));
    updateState();
}

void ExperimentsPanel::reload()
{
    m_model->reload();
}

QStringList ExperimentsPanel::selectedExperimentIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(index.data(ExperimentsModel::ExperimentIdRole).toString());
    return ids;
}

void ExperimentsPanel::selectExperiments(const QStringList &ids)
{
    m_wanted = ids;
    restoreSelection();
}

void ExperimentsPanel::restoreSelection()
{
    if (m_wanted.isEmpty())
        return;
    QItemSelection selection;
    for (const QString &id : std::as_const(m_wanted)) {
        const int row = m_model->rowOfExperiment(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row));
        if (index.isValid())
            selection.select(index, index);
    }
    if (selection.isEmpty())
        return;
    // Keep the current selection when it is the wanted one already (no reload of the runs).
    QStringList current = selectedExperimentIds();
    QStringList wanted;
    for (const QModelIndex &index : selection.indexes())
        wanted.append(index.data(ExperimentsModel::ExperimentIdRole).toString());
    std::sort(current.begin(), current.end());
    std::sort(wanted.begin(), wanted.end());
    if (current == wanted)
        return;
    m_restoring = true;
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    m_view->selectionModel()->setCurrentIndex(selection.indexes().constFirst(), QItemSelectionModel::NoUpdate);
    m_view->scrollTo(selection.indexes().constFirst());
    m_restoring = false;
    onSelectionChanged();
}

void ExperimentsPanel::onSelectionChanged()
{
    if (m_restoring)
        return;
    const QStringList ids = selectedExperimentIds();
    if (!ids.isEmpty())
        m_wanted = ids;
    emit selectionChanged(ids);
}

void ExperimentsPanel::updateState()
{
    using State = ExperimentsModel::State;
    const int rows = m_proxy->rowCount();
    const State state = m_model->state();
    if (rows > 0) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    m_stack->setCurrentWidget(m_state);
    if (state == State::Failed) {
        m_state->showError(tr("Could not load the experiments.\n%1").arg(m_model->error().message),
                           m_model->error().detail);
    } else if (state == State::Loading) {
        m_state->showLoading(tr("Loading experiments…"));
    } else if (state == State::Idle) {
        m_state->showMessage(tr("Not connected."));
    } else if (m_model->rowCount() > 0) {
        m_state->showMessage(tr("No experiment name contains “%1”.").arg(m_search->text().trimmed()));
    } else {
        m_state->showMessage(tr("There are no experiments yet."));
    }
}

} // namespace mltf::ui
