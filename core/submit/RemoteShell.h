#pragma once

#include "submit/SlurmHost.h"
#include "util/Error.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QProcess;

namespace mltf::submit {

// Runs POSIX sh command lines on a SLURM host: through the system's OpenSSH client (the user's
// ~/.ssh/config, agent and keys; BatchMode so it never prompts; one shared connection per host through
// ControlMaster/ControlPersist, so a session costs one login), or on this computer for a Local host.
// Data for the command's standard input (a token, a script, a packed project) goes over stdin, never on a
// command line. Asynchronous: every call returns at once and reports through its callback.
class RemoteShell : public QObject
{
    Q_OBJECT

public:
    struct Output
    {
        int exitCode = -1;
        QByteArray standardOutput;
        QByteArray standardError;
        // The last non-empty line of standard error, for messages ("sbatch: error: ...").
        QString lastErrorLine() const;
        QString errorText() const; // all of standard error, trimmed, ssh's own warnings dropped
    };
    struct Input
    {
        QByteArray data;  // sent to stdin, or
        QString filePath; // a file streamed to stdin in chunks (with progress)
    };
    using Callback = std::function<void(const Result<Output> &)>;
    using Progress = std::function<void(qint64 sent, qint64 total)>;

    explicit RemoteShell(SlurmHost host, QObject *parent = nullptr);
    ~RemoteShell() override;

    const SlurmHost &host() const { return m_host; }

    // Runs `command` on the host; `done` is called once: with an Error when the command could not be run
    // at all (cannot reach or log in to the host, timed out, cancelled), else with the command's output and
    // exit status. `timeoutMs` 0 means no limit.
    quint64 run(const QString &command, Callback done, const Input &input = Input(), Progress progress = {},
                int timeoutMs = 120000);
    void cancel(quint64 id);
    void cancelAll();
    bool isBusy() const { return !m_calls.isEmpty(); }

    // Asks the shared SSH connection to end (ssh -O exit); harmless when none is up.
    void closeConnection();

    // The ssh arguments before the command (for tests and for the log).
    QStringList sshArguments() const;
    // The folder holding the ControlMaster sockets (private to the user), or empty when none is usable.
    static QString controlDirectory();

private:
    struct Call;
    void finish(quint64 id, const Result<Output> &result);
    void feed(quint64 id);
    Error sshError(const Output &output) const;

    SlurmHost m_host;
    QHash<quint64, Call *> m_calls;
    quint64 m_nextId = 1;
};

} // namespace mltf::submit
