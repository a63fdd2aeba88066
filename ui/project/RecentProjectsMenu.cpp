#include "project/RecentProjectsMenu.h"

#include "util/Settings.h"

#include <QDir>

namespace mltf::ui {

RecentProjectsMenu::RecentProjectsMenu(QWidget *parent) : QMenu(tr("Open &Recent"), parent)
{
    connect(this, &QMenu::aboutToShow, this, &RecentProjectsMenu::rebuild);
    rebuild();
}

void RecentProjectsMenu::rebuild()
{
    clear();
    const QStringList recent = Settings::value(Settings::Key::RecentProjects).toStringList();
    int n = 1;
    for (const QString &path : recent) {
        // &1 … &9 as mnemonics, like most editors.
        QString shown = QDir::toNativeSeparators(path);
        shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
        const QString text = n <= 9 ? QStringLiteral("&%1 %2").arg(n).arg(shown) : shown;
        addAction(text, this, [this, path] { emit projectChosen(path); });
        ++n;
    }
    if (recent.isEmpty())
        addAction(tr("No recent projects"))->setEnabled(false);
    else {
        addSeparator();
        addAction(tr("&Clear List"), this, [this] {
            Settings::setValue(Settings::Key::RecentProjects, QStringList());
            rebuild();
        });
    }
}

} // namespace mltf::ui
