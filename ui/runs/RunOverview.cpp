#include "runs/RunOverview.h"

#include "runs/RunFormat.h"

#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mltf::ui {

using tracking::Run;

namespace {
QTreeWidget *makeTable(const QString &objectName, const QStringList &headers, QWidget *parent)
{
    auto *table = new QTreeWidget(parent);
    table->setObjectName(objectName);
    table->setHeaderLabels(headers);
    table->setRootIsDecorated(false);
    table->setAlternatingRowColors(true);
    table->setUniformRowHeights(true);
    table->setSortingEnabled(true);
    table->sortByColumn(0, Qt::AscendingOrder);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->header()->setSectionResizeMode(QHeaderView::Interactive);
    table->header()->setStretchLastSection(true);
    return table;
}

QWidget *group(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}
} // namespace

RunOverview::RunOverview(QWidget *parent)
    : RunTab(parent)
    , m_params(makeTable(QStringLiteral("paramsView"), {tr("Parameter"), tr("Value")}, this))
    , m_metrics(
          makeTable(QStringLiteral("metricsView"), {tr("Metric"), tr("Latest value"), tr("Step")}, this))
    , m_tags(makeTable(QStringLiteral("tagsView"), {tr("Tag"), tr("Value")}, this))
{
    const QList<QPair<Field, QString>> fields = {
        {Field::RunId, tr("Run ID")},      {Field::Experiment, tr("Experiment ID")},
        {Field::Status, tr("Status")},     {Field::User, tr("User")},
        {Field::Started, tr("Started")},   {Field::Ended, tr("Ended")},
        {Field::Duration, tr("Duration")}, {Field::Source, tr("Source")},
        {Field::Parent, tr("Parent run")}, {Field::Artifacts, tr("Artifact location")},
    };
    auto *attributes = new QWidget(this);
    auto *grid = new QGridLayout(attributes);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setHorizontalSpacing(12);
    for (int i = 0; i < fields.size(); ++i) {
        const auto &[field, label] = fields.at(i);
        auto *name = new QLabel(label + QLatin1Char(':'), attributes);
        name->setForegroundRole(QPalette::PlaceholderText);
        auto *value = new QLabel(attributes);
        value->setObjectName(QStringLiteral("field_%1").arg(int(field)));
        value->setTextInteractionFlags(Qt::TextBrowserInteraction);
        value->setTextFormat(Qt::PlainText);
        value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        const int row = i / 2;
        const int column = (i % 2) * 2;
        grid->addWidget(name, row, column, Qt::AlignRight | Qt::AlignTop);
        grid->addWidget(value, row, column + 1);
        m_values.insert(field, value);
        m_fieldOfLabel.insert(label, field);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    m_values.value(Field::Parent)->setTextFormat(Qt::RichText);
    connect(m_values.value(Field::Parent), &QLabel::linkActivated, this, &RunOverview::openRunRequested);

    // Metric values and steps are short: show them whole and let the (middle-elided) name take the rest.
    m_metrics->setTextElideMode(Qt::ElideMiddle);
    m_metrics->header()->setStretchLastSection(false);
    m_metrics->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_metrics->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_metrics->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_params->header()->resizeSection(0, 160);
    m_tags->header()->resizeSection(0, 170);

    auto *tables = new QSplitter(Qt::Horizontal, this);
    tables->addWidget(group(tr("Parameters"), m_params, tables));
    tables->addWidget(group(tr("Metrics"), m_metrics, tables));
    tables->addWidget(group(tr("Tags"), m_tags, tables));
    tables->setChildrenCollapsible(false);
    // Metrics carry three columns: give them the widest share.
    tables->setStretchFactor(0, 2);
    tables->setStretchFactor(1, 3);
    tables->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(attributes);
    layout->addWidget(tables, 1);
}

void RunOverview::setField(Field field, const QString &text, const QString &toolTip)
{
    QLabel *label = m_values.value(field);
    label->setText(text.isEmpty() ? QStringLiteral("—") : text);
    label->setToolTip(toolTip.isEmpty() ? text : toolTip);
}

QString RunOverview::attribute(const QString &label) const
{
    const auto it = m_fieldOfLabel.constFind(label);
    return it == m_fieldOfLabel.constEnd() ? QString() : m_values.value(it.value())->text();
}

void RunOverview::showRun(const std::shared_ptr<tracking::Store> &, const Run &run)
{
    const tracking::RunInfo &info = run.info;
    setField(Field::RunId, info.runId);
    setField(Field::Experiment, info.experimentId);
    setField(Field::Status, tracking::runStatusLabel(info.status));
    setField(Field::User, info.userId.isEmpty() ? run.tag(QStringLiteral("mlflow.user")) : info.userId);
    setField(Field::Started, RunFormat::dateTime(info.startTime));
    setField(Field::Ended, info.hasEndTime() ? RunFormat::dateTime(info.endTime) : QString());
    const qint64 duration = info.durationMs(QDateTime::currentMSecsSinceEpoch());
    setField(Field::Duration, info.hasEndTime() || duration < 0
                                  ? RunFormat::duration(duration)
                                  : tr("%1 (still running)").arg(RunFormat::duration(duration)));
    QString source = run.tag(QStringLiteral("mlflow.source.name"));
    const QString commit = run.tag(QStringLiteral("mlflow.source.git.commit"));
    if (!commit.isEmpty())
        source += QStringLiteral(" @ ") + commit.left(10);
    setField(Field::Source, source);
    const QString parent = run.parentRunId();
    QLabel *parentLabel = m_values.value(Field::Parent);
    parentLabel->setText(parent.isEmpty()
                             ? QStringLiteral("—")
                             : QStringLiteral("<a href=\"%1\">%1</a>").arg(parent.toHtmlEscaped()));
    parentLabel->setToolTip(parent.isEmpty() ? QString() : tr("Open the parent run"));
    setField(Field::Artifacts, info.artifactUri);

    m_params->setSortingEnabled(false);
    m_params->clear();
    for (const tracking::Param &p : run.params) {
        auto *item = new QTreeWidgetItem(m_params, {p.key, p.value});
        item->setToolTip(1, p.value);
    }
    m_params->setSortingEnabled(true);

    m_metrics->setSortingEnabled(false);
    m_metrics->clear();
    for (const tracking::Metric &m : run.metrics) {
        auto *item =
            new QTreeWidgetItem(m_metrics, {m.key, RunFormat::metricValue(m.value), QString::number(m.step)});
        item->setToolTip(
            1,
            tr("%1 logged at %2").arg(QString::number(m.value, 'g', 17), RunFormat::dateTime(m.timestamp)));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_metrics->setSortingEnabled(true);

    m_tags->setSortingEnabled(false);
    m_tags->clear();
    for (const tracking::Tag &t : run.tags) {
        if (t.key == QLatin1String("mlflow.note.content"))
            continue; // the Description tab shows it
        auto *item = new QTreeWidgetItem(m_tags, {t.key, t.value});
        item->setToolTip(1, t.value);
        if (t.key.startsWith(QLatin1String("mlflow."))) // system tags: quieter than the user's own
            item->setForeground(0, m_tags->palette().brush(QPalette::PlaceholderText));
    }
    m_tags->setSortingEnabled(true);
}

void RunOverview::clearRun()
{
    for (QLabel *label : std::as_const(m_values))
        label->clear();
    m_params->clear();
    m_metrics->clear();
    m_tags->clear();
}

} // namespace mltf::ui
