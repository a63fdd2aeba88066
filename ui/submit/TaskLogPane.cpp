#include "submit/TaskLogPane.h"

#include "submit/Submitter.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>

namespace mltf::ui {

TaskLogPane::TaskLogPane(submit::Submitter *submitter, QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel)
    , m_text(new QPlainTextEdit)
{
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setContentsMargins(6, 4, 6, 4);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(20000); // a long training log stays cheap to show
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_text, 1);
    setSubmitter(submitter);
    setTask(std::nullopt);
}

void TaskLogPane::setSubmitter(submit::Submitter *submitter)
{
    if (!submitter)
        return;
    for (QPointer<submit::Submitter> &known : m_submitters) {
        if (known && known->backend() == submitter->backend() && known != submitter) {
            disconnect(known, nullptr, this, nullptr);
            known = nullptr;
        }
    }
    m_submitters.removeAll(nullptr);
    if (m_submitters.contains(submitter))
        return;
    m_submitters.append(submitter);
    connect(submitter, &submit::Submitter::logsReceived, this, &TaskLogPane::onLogs);
    connect(submitter, &submit::Submitter::taskError, this, &TaskLogPane::onError);
    m_fetching = false; // an answer the replaced submitter owed will not come
}

submit::Submitter *TaskLogPane::submitterFor(const submit::Task &task) const
{
    for (const QPointer<submit::Submitter> &submitter : m_submitters) {
        if (submitter && submitter->backend() == task.backend)
            return submitter;
    }
    return nullptr;
}

QString TaskLogPane::text() const
{
    return m_text->toPlainText();
}

void TaskLogPane::setTask(const std::optional<submit::Task> &task)
{
    const bool same = task && m_task && task->localId == m_task->localId;
    m_task = task;
    if (same)
        return;
    m_text->clear();
    m_offset = 0;
    m_fetching = false;
    m_complete = false;
    m_decoder.resetState();
    m_status->setText(task ? tr("Output of %1").arg(task->logPath.isEmpty() ? task->localId : task->logPath)
                           : tr("Select a task to follow its output."));
    poll();
}

void TaskLogPane::updateTask(const submit::Task &task)
{
    if (m_task && m_task->localId == task.localId)
        m_task = task;
}

void TaskLogPane::poll()
{
    if (!m_task || m_fetching || m_complete)
        return;
    submit::Submitter *submitter = submitterFor(*m_task);
    if (!submitter)
        return;
    m_fetching = true;
    submitter->fetchLogs(*m_task, m_offset);
}

void TaskLogPane::onLogs(const QString &localId, const QByteArray &chunk, qint64 nextOffset)
{
    if (!m_task || localId != m_task->localId || !m_fetching)
        return;
    m_fetching = false;
    m_offset = nextOffset;
    if (chunk.isEmpty()) {
        // Nothing new: a finished task has written all it will.
        m_complete = m_task->isFinished();
        return;
    }
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    m_text->moveCursor(QTextCursor::End);
    m_text->insertPlainText(m_decoder.decode(chunk));
    if (atEnd)
        bar->setValue(bar->maximum()); // follow the output unless the user scrolled up to read
    poll();                            // there may be more
}

void TaskLogPane::onError(const QString &localId, const Error &error)
{
    if (!m_task || localId != m_task->localId || !m_fetching)
        return;
    m_fetching = false;
    m_status->setText(tr("The output could not be read: %1").arg(error.message));
    m_status->setToolTip(error.detail);
}

} // namespace mltf::ui
