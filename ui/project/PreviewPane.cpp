#include "project/PreviewPane.h"

#include "common/CodeView.h"
#include "highlight/SyntaxHighlighting.h"
#include "project/ProjectDocument.h"

namespace mltf::ui {

using project::ProjectFileKind;

PreviewPane::PreviewPane(ProjectDocument *document, QWidget *parent) : QTabWidget(parent), m_document(document)
{
    setDocumentMode(true);
    setObjectName(QStringLiteral("preview"));
    connect(this, &QTabWidget::currentChanged, this, &PreviewPane::currentFileChanged);
}

CodeView *PreviewPane::ensureView(ProjectFileKind kind)
{
    if (CodeView *view = m_views.value(kind))
        return view;
    auto *view = new CodeView;
    view->setObjectName(QStringLiteral("preview-") + project::defaultFileName(kind));
    SyntaxHighlighting::attach(view->document(), project::isJsonFile(kind) ? Language::Json : Language::Yaml);
    m_views.insert(kind, view);
    return view;
}

void PreviewPane::refresh()
{
    const project::Project &p = m_document->project();
    const QList<ProjectFileKind> present = m_document->presentFiles();
    // Tabs follow the editor's file order; files that disappeared (a new project) lose their tab.
    int index = 0;
    for (ProjectFileKind kind : project::allProjectFileKinds()) {
        CodeView *view = m_views.value(kind);
        if (!present.contains(kind)) {
            if (view && indexOf(view) >= 0)
                removeTab(indexOf(view));
            continue;
        }
        view = ensureView(kind);
        const QString title = p.fileName(kind) + (p.isDirty(kind) ? QStringLiteral("*") : QString());
        if (indexOf(view) < 0)
            insertTab(index, view, title);
        else if (tabText(index) != title)
            setTabText(index, title);
        setTabToolTip(index, p.filePath(kind));
        view->setTextKeepingView(QString::fromUtf8(p.renderedText(kind)));
        QSet<int> errorLines;
        for (const project::Diagnostic &d : m_document->diagnostics()) {
            if (d.severity == project::Diagnostic::Severity::Error && d.line > 0 &&
                m_document->kindOfFile(d.file) == kind)
                errorLines.insert(d.line);
        }
        SyntaxHighlighting::setErrorLines(view->document(), errorLines);
        ++index;
    }
}

std::optional<ProjectFileKind> PreviewPane::currentFile() const
{
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it) {
        if (it.value() == currentWidget())
            return it.key();
    }
    return std::nullopt;
}

void PreviewPane::showFile(ProjectFileKind kind)
{
    if (CodeView *view = m_views.value(kind); view && indexOf(view) >= 0)
        setCurrentWidget(view);
}

void PreviewPane::showLine(ProjectFileKind kind, int line)
{
    showFile(kind);
    if (CodeView *view = m_views.value(kind); view && indexOf(view) >= 0) {
        view->showLine(line);
        view->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace mltf::ui
