#include "project/EmptyProjectView.h"

#include "util/Settings.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace mltf::ui {

EmptyProjectView::EmptyProjectView(QWidget *parent)
    : QWidget(parent)
    , m_open(new QPushButton(tr("&Open Project Folder…")))
    , m_new(new QPushButton(tr("&New from Template…")))
    , m_recent(new QListWidget)
    , m_recentLabel(new QLabel(tr("&Recent projects:")))
{
    auto *title = new QLabel(tr("No project open"));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignHCenter);
    auto *text = new QLabel(tr("Open a project folder or create one from a template."));
    text->setAlignment(Qt::AlignHCenter);
    text->setObjectName(QStringLiteral("emptyStateText"));
    m_open->setObjectName(QStringLiteral("emptyOpen"));
    m_open->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
    m_new->setObjectName(QStringLiteral("emptyNew"));
    m_new->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    m_recent->setObjectName(QStringLiteral("recentProjects"));
    m_recent->setMaximumHeight(m_recent->fontMetrics().height() * 8);
    m_recentLabel->setBuddy(m_recent);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_open);
    buttons->addWidget(m_new);
    buttons->addStretch();

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(text);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(24);
    column->addWidget(m_recentLabel);
    column->addWidget(m_recent);

    auto *center = new QHBoxLayout;
    center->addStretch(1);
    center->addLayout(column, 2);
    center->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(center);
    layout->addStretch(2);

    connect(m_open, &QPushButton::clicked, this, &EmptyProjectView::openRequested);
    connect(m_new, &QPushButton::clicked, this, &EmptyProjectView::newRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit recentRequested(item->data(Qt::UserRole).toString()); });
    refreshRecent();
}

void EmptyProjectView::refreshRecent()
{
    m_recent->clear();
    const QStringList recent = Settings::value(Settings::Key::RecentProjects).toStringList();
    for (const QString &path : recent) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(QDir(path).dirName(), QDir::toNativeSeparators(path)),
                                         m_recent);
        item->setData(Qt::UserRole, path);
        item->setIcon(style()->standardIcon(QStyle::SP_DirIcon));
    }
    m_recent->setVisible(!recent.isEmpty());
    m_recentLabel->setVisible(!recent.isEmpty());
}

} // namespace mltf::ui
