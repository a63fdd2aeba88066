#pragma once

#include "submit/SubmitRequest.h"
#include "submit/Task.h"
#include "util/Error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace mltf::submit {

class TaskStore;

// A way to run MLflow project tasks somewhere (the MLTF gateway, a SLURM cluster). Asynchronous: calls return
// at once and report through the signals; one submission at a time (a second submit() while one is under way
// fails at once, so a double click gives one task). Refresh, cancel and logs work on any number of tasks
// and name the task in their signals.
class Submitter : public QObject
{
    Q_OBJECT

public:
    enum class Step { Checking, Packing, Connecting, CreatingRun, Uploading, Submitting, Done };
    Q_ENUM(Step)

    using QObject::QObject;

    virtual Task::Backend backend() const = 0;

    virtual void submit(const SubmitRequest &request) = 0;
    // Stops the submission under way; nothing is left running (the run, if created, ends KILLED).
    virtual void cancelSubmit() = 0;
    virtual bool isSubmitting() const = 0;

    // Asks the backend for the task's state; emits taskUpdated (also when nothing changed) or taskError.
    virtual void refresh(const Task &task) = 0;
    // Cancels the task; its run ends KILLED; emits taskUpdated or taskError.
    virtual void cancel(const Task &task) = 0;
    // The task's output from byte `offset` on; emits logsReceived (an empty chunk when nothing new) or
    // taskError.
    virtual void fetchLogs(const Task &task, qint64 offset) = 0;

    static QString stepText(Step step);

protected:
    // Saves the task in `store` (when there is one; a failure is logged) and emits taskUpdated.
    void saveAndEmit(TaskStore *store, const Task &task);

signals:
    void submitProgress(mltf::submit::Submitter::Step step, qint64 done, qint64 total);
    void submitted(const mltf::submit::Task &task);
    void submitFailed(const mltf::Error &error);
    void taskUpdated(const mltf::submit::Task &task);
    void taskError(const QString &localId, const mltf::Error &error);
    void logsReceived(const QString &localId, const QByteArray &chunk, qint64 nextOffset);
};

} // namespace mltf::submit
