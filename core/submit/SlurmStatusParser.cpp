#include "submit/SlurmStatusParser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace mltf::submit {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::submit::SlurmStatusParser", text);
}

Error notFound(const QString &jobId)
{
    return Error::make(Error::Kind::NotFound, tr("SLURM does not know job %1.").arg(jobId));
}

QString nullToEmpty(const QString &value)
{
    if (value == QLatin1String("(null)") || value == QLatin1String("None assigned") ||
        value == QLatin1String("None") || value == QLatin1String("N/A"))
        return QString();
    return value;
}

// SLURM prints local times without a zone: "2026-11-23T07:45:41", or "Unknown"/"None".
QDateTime slurmTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    return t.isValid() ? t : QDateTime();
}

// Splits "Key=Value Key2=Value with spaces Key3=..." at the keys.
QHash<QString, QString> keyValues(const QString &line)
{
    static const QRegularExpression keyPattern(QStringLiteral("(?:^|\\s)([A-Za-z][A-Za-z0-9_/:]*)="));
    QHash<QString, QString> out;
    QRegularExpressionMatchIterator it = keyPattern.globalMatch(line);
    QString key;
    int valueStart = -1;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (!key.isEmpty())
            out.insert(key, line.mid(valueStart, m.capturedStart(0) - valueStart).trimmed());
        key = m.captured(1);
        valueStart = m.capturedEnd(0);
    }
    if (!key.isEmpty())
        out.insert(key, line.mid(valueStart).trimmed());
    return out;
}

// 22.05 prints plain numbers; 23.02+ wraps them as {"set": true, "infinite": false, "number": 5}.
// Returns false when unset; *infinite for INFINITE.
bool jsonNumber(const QJsonValue &value, qint64 *number, bool *infinite = nullptr)
{
    if (infinite)
        *infinite = false;
    if (value.isDouble()) {
        *number = qint64(value.toDouble());
        return true;
    }
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        if (o.value(QStringLiteral("infinite")).toBool()) {
            if (infinite)
                *infinite = true;
            return true;
        }
        if (!o.value(QStringLiteral("set")).toBool(true))
            return false;
        *number = qint64(o.value(QStringLiteral("number")).toDouble());
        return true;
    }
    return false;
}

QDateTime epochTime(const QJsonValue &value)
{
    qint64 seconds = 0;
    if (!jsonNumber(value, &seconds) || seconds <= 0)
        return {};
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

QString firstString(const QJsonValue &value)
{
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        return a.isEmpty() ? QString() : a.first().toString();
    }
    return value.toString();
}

} // namespace

bool SlurmStatusParser::saysUnknownJob(const QString &message)
{
    // "slurm_load_jobs error: Invalid job id specified" (scontrol, and squeue --json on 24.11, exit 1)
    return message.contains(QLatin1String("Invalid job id"));
}

QString SlurmStatusParser::sacctFormat()
{
    return QStringLiteral(
        "JobID,State,ExitCode,Elapsed,Timelimit,Partition,NodeList,Reason,Submit,Start,End");
}

qint64 SlurmStatusParser::parseDuration(const QString &input)
{
    const QString text = input.trimmed();
    if (text.compare(QLatin1String("UNLIMITED"), Qt::CaseInsensitive) == 0 ||
        text.compare(QLatin1String("INFINITE"), Qt::CaseInsensitive) == 0)
        return 0;
    static const QRegularExpression pattern(QStringLiteral("^(?:(\\d+)-)?(\\d+)(?::(\\d+))?(?::(\\d+))?$"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return -1;
    const qint64 days = m.captured(1).toLongLong();
    const qint64 a = m.captured(2).toLongLong();
    const bool hasB = m.capturedLength(3) > 0;
    const bool hasC = m.capturedLength(4) > 0;
    const qint64 b = m.captured(3).toLongLong();
    const qint64 c = m.captured(4).toLongLong();
    if (m.capturedLength(1) > 0) // days-hours[:minutes[:seconds]]
        return days * 86400 + a * 3600 + b * 60 + c;
    if (hasC) // hours:minutes:seconds
        return a * 3600 + b * 60 + c;
    if (hasB) // minutes:seconds
        return a * 60 + b;
    return a * 60; // minutes
}

void SlurmStatusParser::parseExitCode(const QString &text, int *exitCode, int *signal)
{
    const QStringList parts = text.trimmed().split(QLatin1Char(':'));
    bool ok = false;
    const int code = parts.value(0).toInt(&ok);
    *exitCode = ok ? code : -1;
    *signal = parts.size() > 1 ? parts.at(1).toInt() : 0;
}

Result<SlurmJobInfo> SlurmStatusParser::parseScontrol(const QString &output, const QString &jobId)
{
    if (saysUnknownJob(output))
        return notFound(jobId);
    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    bool sawJob = false;
    for (const QString &line : lines) {
        const QHash<QString, QString> kv = keyValues(line);
        if (!kv.contains(QStringLiteral("JobId")))
            continue;
        sawJob = true;
        if (kv.value(QStringLiteral("JobId")) != jobId)
            continue;
        SlurmJobInfo info;
        info.jobId = jobId;
        info.state = kv.value(QStringLiteral("JobState"));
        info.reason = nullToEmpty(kv.value(QStringLiteral("Reason")));
        info.partition = nullToEmpty(kv.value(QStringLiteral("Partition")));
        info.nodeList = nullToEmpty(kv.value(QStringLiteral("NodeList")));
        parseExitCode(kv.value(QStringLiteral("ExitCode")), &info.exitCode, &info.signal);
        info.elapsedSeconds = parseDuration(kv.value(QStringLiteral("RunTime")));
        info.timeLimitSeconds = parseDuration(kv.value(QStringLiteral("TimeLimit")));
        info.submitTime = slurmTime(kv.value(QStringLiteral("SubmitTime")));
        info.startTime = slurmTime(kv.value(QStringLiteral("StartTime")));
        info.endTime = slurmTime(kv.value(QStringLiteral("EndTime")));
        info.standardOutput = nullToEmpty(kv.value(QStringLiteral("StdOut")));
        if (info.runStatus() == RunStatus::Scheduled) { // times of a pending job are estimates
            info.startTime = QDateTime();
            info.endTime = QDateTime();
        }
        if (info.state.isEmpty())
            return Error::make(Error::Kind::Parse,
                               tr("scontrol did not report a state for job %1.").arg(jobId), line.left(300));
        return info;
    }
    if (!sawJob)
        return Error::make(Error::Kind::Parse, tr("Could not read the output of scontrol."),
                           output.left(300));
    return notFound(jobId);
}

Result<SlurmJobInfo> SlurmStatusParser::parseSqueueJson(const QByteArray &json, const QString &jobId,
                                                        const QDateTime &now)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(Error::Kind::Parse, tr("Could not read the output of squeue --json."),
                           error.errorString());
    const QJsonArray jobs = doc.object().value(QStringLiteral("jobs")).toArray();
    for (const QJsonValue &value : jobs) {
        const QJsonObject job = value.toObject();
        qint64 id = -1;
        jsonNumber(job.value(QStringLiteral("job_id")), &id);
        if (QString::number(id) != jobId)
            continue;
        SlurmJobInfo info;
        info.jobId = jobId;
        info.state = firstString(job.value(QStringLiteral("job_state")));
        info.reason = nullToEmpty(job.value(QStringLiteral("state_reason")).toString());
        info.partition = job.value(QStringLiteral("partition")).toString();
        info.nodeList = job.value(QStringLiteral("nodes")).toString();
        info.standardOutput = job.value(QStringLiteral("standard_output")).toString();
        if (info.standardOutput.contains(QLatin1String("%j")))
            info.standardOutput.replace(QLatin1String("%j"), jobId);

        const QJsonValue exit = job.value(QStringLiteral("exit_code"));
        if (exit.isObject() && exit.toObject().contains(QStringLiteral("return_code"))) {
            // 23.02+: {"status": ["EXITED"|"SIGNALED"], "return_code": n, "signal": {"id": n}}
            const QJsonObject o = exit.toObject();
            qint64 sig = 0;
            jsonNumber(o.value(QStringLiteral("signal")).toObject().value(QStringLiteral("id")), &sig);
            info.signal = int(sig);
            // A signalled job has no return code ({"set": false}); scontrol and sacct write 0:<signal>.
            qint64 code = sig ? 0 : -1;
            jsonNumber(o.value(QStringLiteral("return_code")), &code);
            info.exitCode = int(code);
        } else {
            qint64 status = 0;
            if (jsonNumber(exit, &status)) { // 22.05: a wait status
                info.signal = int(status & 0x7f);
                info.exitCode = info.signal ? 0 : int((status >> 8) & 0xff);
            }
        }

        qint64 minutes = 0;
        bool infinite = false;
        if (jsonNumber(job.value(QStringLiteral("time_limit")), &minutes, &infinite))
            info.timeLimitSeconds = infinite ? 0 : minutes * 60;
        else if (job.value(QStringLiteral("time_limit")).isNull())
            info.timeLimitSeconds = 0; // 22.05 prints null for UNLIMITED

        info.submitTime = epochTime(job.value(QStringLiteral("submit_time")));
        info.startTime = epochTime(job.value(QStringLiteral("start_time")));
        info.endTime = epochTime(job.value(QStringLiteral("end_time")));
        const RunStatus status = SlurmJobInfo::runStatusForState(info.state);
        if (info.startTime.isValid() && status != RunStatus::Scheduled) {
            const QDateTime until = isTerminal(status) && info.endTime.isValid() ? info.endTime : now;
            info.elapsedSeconds = std::max<qint64>(0, info.startTime.secsTo(until));
        } else if (status == RunStatus::Scheduled) {
            info.elapsedSeconds = 0;
            info.startTime = QDateTime(); // an expected start time, not a start
            info.endTime = QDateTime();
        }
        return info;
    }
    return notFound(jobId);
}

Result<SlurmJobInfo> SlurmStatusParser::parseSacct(const QString &output, const QString &jobId)
{
    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QStringList f = line.split(QLatin1Char('|'));
        if (f.size() < 11) {
            if (line.contains(QLatin1String("accounting storage is disabled")))
                return Error::make(Error::Kind::Unsupported, tr("SLURM accounting (sacct) is not available."),
                                   line);
            continue;
        }
        if (f.at(0) != jobId)
            continue;
        SlurmJobInfo info;
        info.jobId = jobId;
        info.state = f.at(1).section(QLatin1Char(' '), 0, 0); // "CANCELLED by 1000"
        parseExitCode(f.at(2), &info.exitCode, &info.signal);
        info.elapsedSeconds = parseDuration(f.at(3));
        info.timeLimitSeconds = parseDuration(f.at(4));
        info.partition = f.at(5);
        info.nodeList = nullToEmpty(f.at(6));
        info.reason = nullToEmpty(f.at(7));
        info.submitTime = slurmTime(f.at(8));
        info.startTime = slurmTime(f.at(9));
        info.endTime = slurmTime(f.at(10));
        return info;
    }
    return notFound(jobId);
}

} // namespace mltf::submit
