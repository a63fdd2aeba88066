#pragma once

#include "runs/ExperimentsModel.h"

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStackedWidget;

namespace mltf::ui {

class StatePlaceholder;

// The experiments list with a search box (filters names as you type) and loading/empty/error states.
class ExperimentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExperimentsPanel(QWidget *parent = nullptr);

    ExperimentsModel *model() const { return m_model; }
    void setStore(std::shared_ptr<tracking::Store> store);
    void reload();

    // The ids of the selected experiments (in list order).
    QStringList selectedExperimentIds() const;
    // Selects these experiments once they are listed (now, or when they arrive).
    void selectExperiments(const QStringList &ids);
    QListView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }

signals:
    void selectionChanged(const QStringList &experimentIds);
    // The list could not be loaded: the connection bar shows it too.
    void retryRequested();

private:
    void updateState();
    void restoreSelection();
    void onSelectionChanged();

    ExperimentsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QStackedWidget *m_stack;
    QListView *m_view;
    StatePlaceholder *m_state;
    QStringList m_wanted; // the selection to keep across reloads and to apply when rows arrive
    bool m_restoring = false;
};

} // namespace mltf::ui
