#pragma once

#include <QMenu>

namespace mltf::ui {

// "Open Recent": the recent project folders from the settings, re-read every time the menu opens.
class RecentProjectsMenu : public QMenu
{
    Q_OBJECT
public:
    explicit RecentProjectsMenu(QWidget *parent = nullptr);

    void rebuild();

signals:
    void projectChosen(const QString &path);
};

} // namespace mltf::ui
