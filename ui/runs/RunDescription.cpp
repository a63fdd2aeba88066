#include "runs/RunDescription.h"

#include <QDesktopServices>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace mltf::ui {

RunDescription::RunDescription(QWidget *parent)
    : RunTab(parent)
    , m_view(new QTextBrowser(this))
{
    m_view->setObjectName(QStringLiteral("descriptionView"));
    // Links open in the desktop's browser, and only web and mail links: a description must not make the
    // view navigate to local files.
    m_view->setOpenLinks(false);
    connect(m_view, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        const QString scheme = url.scheme().toLower();
        if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto"))
            QDesktopServices::openUrl(url);
    });
    m_view->setPlaceholderText(tr("This run has no description. Add one with mlflow.set_tag(\"mlflow.note.content\", "
                                  "\"…\") or in the MLflow web UI."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view);
}

void RunDescription::showRun(const std::shared_ptr<tracking::Store> &, const tracking::Run &run)
{
    // Remote images are not fetched (QTextBrowser only loads local resources), so Markdown from a server
    // cannot make the app reach other hosts.
    m_view->document()->setMarkdown(run.description(), QTextDocument::MarkdownDialectGitHub);
}

void RunDescription::clearRun()
{
    m_view->clear();
}

} // namespace mltf::ui
