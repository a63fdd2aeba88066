#pragma once

#include "runs/RunTab.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeView;

namespace mltf::ui {

class ArtifactPreview;
class ArtifactsModel;
class DownloadPanel;
class StatePlaceholder;

// The Artifacts tab: the run's artifact tree (names, sizes, icons by type), each folder listed when first
// expanded, the selected file previewed beside it (ui/artifacts), and downloads of a file, a folder or the
// whole run (Download button, context menu, the preview's offers) with their progress below.
// The root is listed only once the tab is visible.
class RunArtifacts : public RunTab
{
    Q_OBJECT
public:
    explicit RunArtifacts(QWidget *parent = nullptr);

    void showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run) override;
    void clearRun() override;

    ArtifactsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    ArtifactPreview *preview() const { return m_preview; }
    DownloadPanel *downloads() const { return m_downloads; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void listIfVisible();
    void updateState();
    void previewCurrent();
    // The selected file or folder; the whole run when nothing is selected.
    tracking::FileInfo selectedArtifact() const;

    ArtifactsModel *m_model;
    QLabel *m_root;
    QStackedWidget *m_stack;
    QTreeView *m_view;
    StatePlaceholder *m_state;
    QPushButton *m_download;
    ArtifactPreview *m_preview;
    DownloadPanel *m_downloads;
    std::shared_ptr<tracking::Store> m_store;
    QString m_runId;
    bool m_listed = false; // the model was given the current run
};

} // namespace mltf::ui
