#include "project/DiagnosticsPanel.h"

#include "common/FieldMarker.h"
#include "project/ProjectDocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mltf::ui {

using Severity = project::Diagnostic::Severity;

namespace {

QString location(const project::Diagnostic &d)
{
    if (d.line <= 0)
        return d.file;
    if (d.column <= 0)
        return QStringLiteral("%1:%2").arg(d.file).arg(d.line);
    return QStringLiteral("%1:%2:%3").arg(d.file).arg(d.line).arg(d.column);
}

} // namespace

DiagnosticsPanel::DiagnosticsPanel(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_summary(new QLabel)
    , m_fix(new QPushButton(tr("Apply &Fix")))
    , m_list(new QTreeWidget)
{
    m_summary->setObjectName(QStringLiteral("problemsSummary"));
    m_fix->setObjectName(QStringLiteral("applyFix"));
    m_fix->setEnabled(false);
    m_list->setObjectName(QStringLiteral("problems"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Severity"), tr("Location"), tr("Message")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);

    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("&Problems"));
    title->setBuddy(m_list);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    header->addWidget(m_summary, 1);
    header->addWidget(m_fix);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_list);

    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int row = m_list->indexOfTopLevelItem(item);
        if (row >= 0 && row < m_shown.size())
            emit activated(m_shown.at(row));
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &DiagnosticsPanel::updateFixButton);
    connect(m_fix, &QPushButton::clicked, this, [this] {
        if (const auto d = current(); d && !d->fixId.isEmpty())
            emit fixRequested(*d);
    });
}

QIcon DiagnosticsPanel::icon(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return FieldMarker::icon(FieldMarker::Level::Error);
    case Severity::Warning:
        return FieldMarker::icon(FieldMarker::Level::Warning);
    case Severity::Info:
        break;
    }
    return FieldMarker::icon(FieldMarker::Level::Info);
}

std::optional<project::Diagnostic> DiagnosticsPanel::current() const
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0 || row >= m_shown.size())
        return std::nullopt;
    return m_shown.at(row);
}

void DiagnosticsPanel::refresh()
{
    project::Diagnostics diagnostics = m_document->diagnostics();
    // Errors first, then by file and line, so the list reads top-down like a compiler's.
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto &a, const auto &b) {
        if (a.severity != b.severity)
            return int(a.severity) < int(b.severity);
        if (a.file != b.file)
            return a.file < b.file;
        return a.line < b.line;
    });
    int errors = 0, warnings = 0, infos = 0;
    for (const project::Diagnostic &d : diagnostics)
        (d.severity == Severity::Error ? errors : d.severity == Severity::Warning ? warnings : infos)++;
    if (!m_document->isOpen())
        m_summary->clear();
    else if (diagnostics.isEmpty())
        m_summary->setText(tr("No problems found"));
    else
        m_summary->setText(tr("%n error(s)", nullptr, errors) + QStringLiteral(", ") +
                           tr("%n warning(s)", nullptr, warnings) + QStringLiteral(", ") +
                           tr("%n note(s)", nullptr, infos));
    if (diagnostics == m_shown)
        return;
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    m_shown = diagnostics;
    m_list->clear();
    for (const project::Diagnostic &d : std::as_const(m_shown)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setIcon(0, icon(d.severity));
        item->setText(0, project::Diagnostic::severityName(d.severity));
        item->setText(1, location(d));
        item->setText(2, d.fixId.isEmpty() ? d.message : tr("%1 (fix available)").arg(d.message));
        item->setToolTip(2, d.message);
    }
    if (row >= 0 && row < m_list->topLevelItemCount())
        m_list->setCurrentItem(m_list->topLevelItem(row));
    updateFixButton();
}

void DiagnosticsPanel::updateFixButton()
{
    const auto d = current();
    m_fix->setEnabled(d && !d->fixId.isEmpty());
}

} // namespace mltf::ui
