#include "submit/RemoteShell.h"

#include "submit/ShellQuote.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace mltf::submit {

namespace {


constexpr qint64 kChunk = 256 * 1024;

bool isSshNoise(const QString &line)
{
    return line.startsWith(QLatin1String("Warning: Permanently added"))
           || line.startsWith(QLatin1String("** WARNING: connection is not using a post-quantum"))
           || line.startsWith(QLatin1String("** This session may be vulnerable"))
           || line.startsWith(QLatin1String("** The server may need to be upgraded"));
}

} // namespace

struct RemoteShell::Call
{
    QProcess *process = nullptr;
    QFile *file = nullptr;
    QTimer *timer = nullptr;
    Callback done;
    Progress progress;
    qint64 total = 0;
    qint64 sent = 0;
    bool inputClosed = false;
};

QString RemoteShell::Output::errorText() const
{
    QStringList kept;
    const QStringList lines = QString::fromUtf8(standardError).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty() && !isSshNoise(trimmed))
            kept << trimmed;
    }
    return kept.join(QLatin1Char('\n'));
}

QString RemoteShell::Output::lastErrorLine() const
{
    const QStringList lines = errorText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last();
}

RemoteShell::RemoteShell(SlurmHost host, QObject *parent) : QObject(parent), m_host(std::move(host)) {}

RemoteShell::~RemoteShell()
{
    const auto calls = m_calls;
    m_calls.clear();
    for (Call *call : calls) {
        call->process->disconnect(this);
        if (call->process->processId() > 0)
            ::kill(-pid_t(call->process->processId()), SIGKILL);
        call->process->kill();
        call->process->waitForFinished(1000);
        delete call->file;
        delete call;
    }
}

QString RemoteShell::controlDirectory()
{
    // Short, because a unix socket path is limited to ~100 bytes; private, because the socket is a login.
    const QString dir = QDir::tempPath() + QStringLiteral("/mltf-ssh-") + QString::number(::getuid());
    QDir().mkpath(dir);
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QFileInfo info(dir);
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (!info.isDir() || info.ownerId() != ::getuid() || (info.permissions() & others)) {
        qCWarning(lcSubmit) << "ssh connection sharing off: cannot make a private folder" << dir;
        return {};
    }
    return dir;
}

QStringList RemoteShell::sshArguments() const
{
    QStringList args{
        QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
        QStringLiteral("-o"), QStringLiteral("ConnectTimeout=15"),
        QStringLiteral("-o"), QStringLiteral("ServerAliveInterval=15"),
        QStringLiteral("-o"), QStringLiteral("ServerAliveCountMax=4"),
    };
    const QString controlDir = controlDirectory();
    if (!controlDir.isEmpty()) {
        args << QStringLiteral("-o") << QStringLiteral("ControlMaster=auto")
             << QStringLiteral("-o") << QStringLiteral("ControlPath=%1/%C").arg(controlDir)
             << QStringLiteral("-o") << QStringLiteral("ControlPersist=300");
    }
    if (m_host.port > 0)
        args << QStringLiteral("-p") << QString::number(m_host.port);
    if (!m_host.user.isEmpty())
        args << QStringLiteral("-l") << m_host.user;
    if (!m_host.identityFile.isEmpty()) {
        args << QStringLiteral("-i") << QDir::fromNativeSeparators(m_host.identityFile)
             << QStringLiteral("-o") << QStringLiteral("IdentitiesOnly=yes");
    }
    for (const QString &option : m_host.sshOptions)
        args << QStringLiteral("-o") << option;
    return args;
}

Error RemoteShell::sshError(const Output &output) const
{
    const QString target = m_host.displayTarget();
    const QString text = output.errorText();
    const QString said = output.lastErrorLine();
    Error e;
    e.detail = text.left(2000);
    if (text.contains(QLatin1String("Host key verification failed"))
        || text.contains(QLatin1String("REMOTE HOST IDENTIFICATION HAS CHANGED"))) {
        e.kind = Error::Kind::Unauthorized;
        e.message = tr("The host key of %1 is unknown or has changed (%2). Connect once with ssh in a terminal "
                       "to check and accept it.")
                        .arg(target, said);
    } else if (text.contains(QLatin1String("Permission denied")) || text.contains(QLatin1String("Too many authentication"))
               || text.contains(QLatin1String("no mutual signature"))) {
        e.kind = Error::Kind::Unauthorized;
        e.message = tr("Could not log in to %1: %2. The app uses your SSH keys and agent and never asks for a "
                       "password: check that key-based login works with ssh in a terminal.")
                        .arg(target, said);
    } else if (text.contains(QLatin1String("Could not resolve hostname"))) {
        e.kind = Error::Kind::Network;
        e.message = tr("Unknown host %1: %2").arg(target, said);
    } else if (text.contains(QLatin1String("timed out"))) {
        e.kind = Error::Kind::Timeout;
        e.message = tr("Cannot reach %1: %2").arg(target, said);
    } else {
        e.kind = Error::Kind::Network;
        e.message = said.isEmpty() ? tr("The SSH connection to %1 failed.").arg(target)
                                   : tr("Cannot reach %1: %2").arg(target, said);
    }
    return e;
}

quint64 RemoteShell::run(const QString &command, Callback done, const Input &input, Progress progress, int timeoutMs)
{
    const quint64 id = m_nextId++;
    auto *call = new Call;
    call->done = std::move(done);
    call->progress = std::move(progress);
    call->process = new QProcess(this);
    m_calls.insert(id, call);
    QProcess *process = call->process;
    // Own process group, so that a cancel or timeout stops everything the command started.
    process->setChildProcessModifier([] { ::setpgid(0, 0); });

    if (!input.filePath.isEmpty()) {
        call->file = new QFile(input.filePath);
        if (!call->file->open(QIODevice::ReadOnly)) {
            const QString why = call->file->errorString();
            QTimer::singleShot(0, this, [this, id, why, path = input.filePath] {
                finish(id, Error::make(Error::Kind::Io, tr("Cannot read %1: %2").arg(path, why)));
            });
            return id;
        }
        call->total = call->file->size();
    } else {
        call->total = input.data.size();
    }

    connect(process, &QProcess::started, this, [this, id, data = input.data] {
        Call *c = m_calls.value(id);
        if (!c)
            return;
        if (c->file) {
            feed(id);
        } else {
            if (!data.isEmpty())
                c->process->write(data);
            c->process->closeWriteChannel();
            c->inputClosed = true;
        }
    });
    connect(process, &QProcess::bytesWritten, this, [this, id](qint64 n) {
        Call *c = m_calls.value(id);
        if (!c)
            return;
        c->sent += n;
        if (c->progress && c->total > 0)
            c->progress(std::min(c->sent, c->total), c->total);
        if (c->file)
            feed(id);
    });
    connect(process, &QProcess::errorOccurred, this, [this, id](QProcess::ProcessError error) {
        Call *c = m_calls.value(id);
        if (!c || error != QProcess::FailedToStart)
            return; // other errors end in finished()
        const QString program = c->process->program();
        finish(id, Error::make(Error::Kind::Unsupported,
                               tr("Cannot start %1: %2").arg(program, c->process->errorString())));
    });
    connect(process, qOverload<int, QProcess::ExitStatus>(&QProcess::finished), this,
            [this, id](int exitCode, QProcess::ExitStatus status) {
                Call *c = m_calls.value(id);
                if (!c)
                    return;
                Output out;
                out.exitCode = status == QProcess::NormalExit ? exitCode : -1;
                out.standardOutput = c->process->readAllStandardOutput();
                out.standardError = c->process->readAllStandardError();
                if (m_host.mode == SlurmHost::Mode::Ssh && out.exitCode == 255) {
                    finish(id, sshError(out));
                    return;
                }
                if (status != QProcess::NormalExit) {
                    finish(id, Error::make(Error::Kind::Internal,
                                           tr("The command on %1 ended abnormally.").arg(m_host.displayTarget()),
                                           out.errorText()));
                    return;
                }
                finish(id, out);
            });

    if (timeoutMs > 0) {
        call->timer = new QTimer(process);
        call->timer->setSingleShot(true);
        connect(call->timer, &QTimer::timeout, this, [this, id, timeoutMs] {
            finish(id, Error::make(Error::Kind::Timeout, tr("%1 did not answer within %2 seconds.")
                                                             .arg(m_host.displayTarget())
                                                             .arg(timeoutMs / 1000)));
        });
        call->timer->start(timeoutMs);
    }

    if (m_host.mode == SlurmHost::Mode::Local) {
        process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    } else {
        // The login shell of the remote user runs this line: hand it to sh so the syntax is POSIX whatever
        // that shell is (csh on some clusters).
        QStringList args = sshArguments();
        args << QStringLiteral("--") << m_host.host
             << QStringLiteral("/bin/sh -c ") + ShellQuote::quote(command);
        process->start(QStringLiteral("ssh"), args);
    }
    qCDebug(lcSubmit) << "run on" << m_host.name << ":" << command.left(200);
    return id;
}

void RemoteShell::feed(quint64 id)
{
    Call *c = m_calls.value(id);
    if (!c || !c->file || c->inputClosed)
        return;
    while (c->process->bytesToWrite() < 4 * kChunk && !c->file->atEnd()) {
        const QByteArray chunk = c->file->read(kChunk);
        if (chunk.isEmpty())
            break;
        c->process->write(chunk);
    }
    if (c->file->atEnd()) {
        c->process->closeWriteChannel(); // closes once everything queued has been written
        c->inputClosed = true;
    }
}

void RemoteShell::finish(quint64 id, const Result<Output> &result)
{
    Call *call = m_calls.take(id);
    if (!call)
        return;
    call->process->disconnect(this);
    if (call->process->state() != QProcess::NotRunning) {
        // The whole process group: sh and what it started (sbatch, tar ...), not only sh.
        if (call->process->processId() > 0)
            ::kill(-pid_t(call->process->processId()), SIGKILL);
        call->process->kill();
        call->process->waitForFinished(1000);
    }
    call->process->deleteLater();
    delete call->file;
    Callback done = std::move(call->done);
    delete call;
    if (done)
        done(result);
}

void RemoteShell::cancel(quint64 id)
{
    if (m_calls.contains(id))
        finish(id, Error::make(Error::Kind::Cancelled, tr("Cancelled.")));
}

void RemoteShell::cancelAll()
{
    const auto ids = m_calls.keys();
    for (quint64 id : ids)
        cancel(id);
}

void RemoteShell::closeConnection()
{
    if (m_host.mode != SlurmHost::Mode::Ssh || controlDirectory().isEmpty())
        return;
    QStringList args = sshArguments();
    args << QStringLiteral("-O") << QStringLiteral("exit") << QStringLiteral("--") << m_host.host;
    QProcess::startDetached(QStringLiteral("ssh"), args);
}

} // namespace mltf::submit
