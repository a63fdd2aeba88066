#pragma once

#include "runs/RunTab.h"

class QTextBrowser;

namespace mltf::ui {

// The Description tab: the run's mlflow.note.content rendered as Markdown.
class RunDescription : public RunTab
{
    Q_OBJECT
public:
    explicit RunDescription(QWidget *parent = nullptr);

    void showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run) override;
    void clearRun() override;

    QTextBrowser *view() const { return m_view; }

private:
    QTextBrowser *m_view;
};

} // namespace mltf::ui
