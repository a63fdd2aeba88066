#pragma once

#include "submit/Task.h"

#include <QPointer>
#include <QStringDecoder>
#include <QVector>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace mltf::submit {
class Submitter;
}

namespace mltf::ui {

// Follows one task's output: fetches it from the submitter by byte offset, appends what is new, catches up
// at once while there is more, and stops once a finished task has nothing more to give.
class TaskLogPane : public QWidget
{
    Q_OBJECT
public:
    explicit TaskLogPane(submit::Submitter *submitter, QWidget *parent = nullptr);

    // Adds the submitter for its backend, replacing an earlier one (the gateway's changes with its address).
    void setSubmitter(submit::Submitter *submitter);

    // Starts following `task` from its beginning; nullopt shows nothing.
    void setTask(const std::optional<submit::Task> &task);
    // The followed task's latest state (a finished task is read to its end, then left alone).
    void updateTask(const submit::Task &task);
    QString localId() const { return m_task ? m_task->localId : QString(); }
    // Asks for what is new, unless a request is on its way or the log is complete.
    void poll();

    QString text() const;

private:
    void onLogs(const QString &localId, const QByteArray &chunk, qint64 nextOffset);
    void onError(const QString &localId, const Error &error);
    submit::Submitter *submitterFor(const submit::Task &task) const;

    QVector<QPointer<submit::Submitter>> m_submitters; // one per backend
    QLabel *m_status;
    QPlainTextEdit *m_text;
    std::optional<submit::Task> m_task;
    qint64 m_offset = 0;
    bool m_fetching = false;
    bool m_complete = false;
    QStringDecoder m_decoder{QStringDecoder::Utf8}; // a chunk may end inside a character
};

} // namespace mltf::ui
