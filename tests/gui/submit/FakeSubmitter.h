#pragma once

// A Submitter that records what it is asked and answers when the test says so.
#include "submit/Submitter.h"

#include <QPair>
#include <QTimer>
#include <QVector>

namespace mltf::test {

class FakeSubmitter : public submit::Submitter
{
public:
    using Submitter::Submitter;

    QVector<submit::SubmitRequest> requests;
    int cancelSubmits = 0;
    QVector<submit::Task> refreshed;
    QVector<submit::Task> cancelled;
    QVector<QPair<QString, qint64>> logRequests;
    submit::Task::Backend backendValue = submit::Task::Backend::Slurm;

    submit::Task::Backend backend() const override { return backendValue; }

    void submit(const submit::SubmitRequest &request) override
    {
        if (m_submitting) { // the real submitters refuse a second submission the same way
            emit submitFailed(
                Error::make(Error::Kind::InvalidInput, QStringLiteral("A submission is under way.")));
            return;
        }
        m_submitting = true;
        requests.append(request);
        emit submitProgress(Step::Uploading, 50, 100);
    }
    void cancelSubmit() override
    {
        ++cancelSubmits;
        if (!m_submitting)
            return;
        m_submitting = false;
        QTimer::singleShot(0, this, [this] {
            emit submitFailed(Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled")));
        });
    }
    bool isSubmitting() const override { return m_submitting; }
    void refresh(const submit::Task &task) override { refreshed.append(task); }
    void cancel(const submit::Task &task) override { cancelled.append(task); }
    void fetchLogs(const submit::Task &task, qint64 offset) override
    {
        logRequests.append({task.localId, offset});
    }

    // The submission under way ends with `task` / `error`.
    void succeed(const submit::Task &task)
    {
        m_submitting = false;
        emit submitted(task);
    }
    void fail(const Error &error)
    {
        m_submitting = false;
        emit submitFailed(error);
    }

private:
    bool m_submitting = false;
};

} // namespace mltf::test
