#pragma once

#include "runs/RunTab.h"

class QLabel;
class QStackedWidget;
class QTreeView;

namespace mltf::ui {

class ArtifactsModel;
class StatePlaceholder;

// The Artifacts tab: the run's artifact tree (names and sizes), each folder listed when first expanded.
// The root is listed only once the tab is visible. Preview and download come later.
class RunArtifacts : public RunTab
{
    Q_OBJECT
public:
    explicit RunArtifacts(QWidget *parent = nullptr);

    void showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run) override;
    void clearRun() override;

    ArtifactsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void listIfVisible();
    void updateState();

    ArtifactsModel *m_model;
    QLabel *m_root;
    QStackedWidget *m_stack;
    QTreeView *m_view;
    StatePlaceholder *m_state;
    std::shared_ptr<tracking::Store> m_store;
    QString m_runId;
    bool m_listed = false; // the model was given the current run
};

} // namespace mltf::ui
