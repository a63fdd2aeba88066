#pragma once

#include "tracking/Experiment.h"
#include "tracking/Store.h"
#include "util/Error.h"

#include <QAbstractListModel>
#include <QFuture>

#include <memory>

namespace mltf::ui {

// The active experiments of a Store, all pages followed to the end (each page is shown as it arrives).
// Filtering by name is left to a QSortFilterProxyModel on top.
class ExperimentsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class State { Idle, Loading, Ready, Failed };
    enum Role { ExperimentIdRole = Qt::UserRole + 1 };

    explicit ExperimentsModel(QObject *parent = nullptr);
    ~ExperimentsModel() override;

    // Clears the list and loads the experiments of `store` (nullptr: stays empty).
    void setStore(std::shared_ptr<tracking::Store> store);
    // Loads everything again. The rows stay until all pages have arrived; then they are updated in place
    // when the same experiments came back, else the model is reset (the view restores its selection by id).
    void reload();

    State state() const { return m_state; }
    const Error &error() const { return m_error; }
    // True once every page has arrived.
    bool isComplete() const { return m_state == State::Ready; }

    const tracking::Experiment &experiment(int row) const { return m_experiments.at(row); }
    int rowOfExperiment(const QString &experimentId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

signals:
    void stateChanged(mltf::ui::ExperimentsModel::State state);

private:
    void requestPage(const QString &pageToken);
    void onPage(const Result<tracking::ExperimentsPage> &result, bool firstPage);
    void applyRefresh();
    void setState(State state);
    void cancelPending();

    std::shared_ptr<tracking::Store> m_store;
    tracking::Experiments m_experiments;
    tracking::Experiments m_incoming; // pages of a refresh in progress
    bool m_refreshing = false;
    State m_state = State::Idle;
    Error m_error;
    QFuture<Result<tracking::ExperimentsPage>> m_pending;
    quint64 m_generation = 0;
};

} // namespace mltf::ui
