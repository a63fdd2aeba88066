#include "project/ProjectForm.h"

#include "common/FieldMarker.h"
#include "project/ProjectDocument.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace mltf::ui {

namespace {

QString fieldKey(project::ProjectFileKind file, const QString &path)
{
    return QString::number(int(file)) + QLatin1Char('|') + path;
}

FieldMarker::Level levelOf(project::Diagnostic::Severity severity)
{
    switch (severity) {
    case project::Diagnostic::Severity::Error:
        return FieldMarker::Level::Error;
    case project::Diagnostic::Severity::Warning:
        return FieldMarker::Level::Warning;
    case project::Diagnostic::Severity::Info:
        break;
    }
    return FieldMarker::Level::Info;
}

} // namespace

ProjectForm::ProjectForm(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_banner(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_body(new QWidget)
{
    m_banner->setWordWrap(true);
    m_banner->setObjectName(QStringLiteral("formBanner"));
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(8);
    m_banner->setBackgroundRole(QPalette::ToolTipBase);
    m_banner->setForegroundRole(QPalette::ToolTipText);
    m_banner->hide();
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_body);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_scroll);
}

void ProjectForm::refresh()
{
    m_refreshing = true;
    refreshFields();
    markFields();
    m_refreshing = false;
}

void ProjectForm::registerField(project::ProjectFileKind file, const QString &path, QWidget *field)
{
    m_fields.insert(fieldKey(file, path), field);
}

QWidget *ProjectForm::fieldFor(const project::Diagnostic &diagnostic) const
{
    const auto kind = m_document->kindOfFile(diagnostic.file);
    if (!kind)
        return nullptr;
    QString path = diagnostic.path;
    // "dependencies.3" -> "dependencies" -> "": the longest prefix that names a field.
    while (true) {
        if (QWidget *field = m_fields.value(fieldKey(*kind, path)))
            return field;
        const int dot = int(path.lastIndexOf(QLatin1Char('.')));
        if (path.isEmpty())
            return nullptr;
        path = dot < 0 ? QString() : path.left(dot);
        if (path.isEmpty())
            return nullptr; // a file-level diagnostic has no field
    }
}

bool ProjectForm::handles(const project::Diagnostic &diagnostic) const
{
    return fieldFor(diagnostic) != nullptr;
}

bool ProjectForm::focusDiagnostic(const project::Diagnostic &diagnostic)
{
    QWidget *field = fieldFor(diagnostic);
    if (!field || !field->isEnabled())
        return false;
    ensureVisible(field);
    field->setFocus(Qt::OtherFocusReason);
    return true;
}

void ProjectForm::ensureVisible(QWidget *field)
{
    if (m_body->isAncestorOf(field))
        m_scroll->ensureWidgetVisible(field);
}

void ProjectForm::setBanner(const QString &text)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void ProjectForm::markFields()
{
    // The most severe diagnostic of each field wins; the others are listed in the panel.
    QHash<QWidget *, project::Diagnostic> worst;
    for (const project::Diagnostic &d : m_document->diagnostics()) {
        QWidget *field = fieldFor(d);
        if (!field)
            continue;
        auto it = worst.find(field);
        if (it == worst.end() || int(d.severity) < int(it->severity))
            worst.insert(field, d);
    }
    for (QWidget *field : std::as_const(m_marked)) {
        if (!worst.contains(field))
            FieldMarker::clear(field);
    }
    m_marked.clear();
    for (auto it = worst.cbegin(); it != worst.cend(); ++it) {
        FieldMarker::mark(it.key(), levelOf(it->severity), it->message);
        m_marked.append(it.key());
    }
}

} // namespace mltf::ui
