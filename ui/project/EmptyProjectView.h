#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace mltf::ui {

// What the project page shows when no project is open: what to do next, two buttons and the recent projects.
class EmptyProjectView : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyProjectView(QWidget *parent = nullptr);

    // Re-reads the recent projects from the settings.
    void refreshRecent();

signals:
    void openRequested();
    void newRequested();
    void recentRequested(const QString &path);

private:
    QPushButton *m_open;
    QPushButton *m_new;
    QListWidget *m_recent;
    QLabel *m_recentLabel;
};

} // namespace mltf::ui
