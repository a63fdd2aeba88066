#include "project/SlurmValueValidator.h"

#include <QRegularExpression>

namespace mltf::project {

namespace {

// Parts of a SLURM time: [days-]hours... per the sbatch manual.
struct TimeParts
{
    bool valid = false;
    bool unlimited = false;
    qint64 seconds = 0;
};

TimeParts parseTime(const QString &value)
{
    TimeParts t;
    const QString v = value.trimmed();
    if (v.compare(QLatin1String("UNLIMITED"), Qt::CaseInsensitive) == 0 ||
        v.compare(QLatin1String("INFINITE"), Qt::CaseInsensitive) == 0) {
        t.valid = t.unlimited = true;
        return t;
    }
    static const QRegularExpression withDays(QStringLiteral("^(\\d+)-(\\d+)(?::(\\d+))?(?::(\\d+))?$"));
    static const QRegularExpression noDays(QStringLiteral("^(\\d+)(?::(\\d+))?(?::(\\d+))?$"));
    if (const QRegularExpressionMatch m = withDays.match(v); m.hasMatch()) {
        const qint64 days = m.captured(1).toLongLong();
        const qint64 hours = m.captured(2).toLongLong();
        const qint64 minutes = m.captured(3).isEmpty() ? 0 : m.captured(3).toLongLong();
        const qint64 seconds = m.captured(4).isEmpty() ? 0 : m.captured(4).toLongLong();
        t.valid = hours < 24 && minutes < 60 && seconds < 60;
        t.seconds = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
        return t;
    }
    if (const QRegularExpressionMatch m = noDays.match(v); m.hasMatch()) {
        const qint64 a = m.captured(1).toLongLong();
        if (m.captured(2).isEmpty()) { // minutes
            t.valid = true;
            t.seconds = a * 60;
        } else if (m.captured(3).isEmpty()) { // minutes:seconds
            const qint64 b = m.captured(2).toLongLong();
            t.valid = b < 60;
            t.seconds = a * 60 + b;
        } else { // hours:minutes:seconds
            const qint64 b = m.captured(2).toLongLong();
            const qint64 c = m.captured(3).toLongLong();
            t.valid = b < 60 && c < 60;
            t.seconds = (a * 60 + b) * 60 + c;
        }
    }
    return t;
}

} // namespace

QString SlurmValueValidator::validateTime(const QString &value)
{
    if (parseTime(value).valid)
        return {};
    return tr("\"%1\" is not a SLURM time: use minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS "
              "(e.g. 8:00:00 or 1-00:00:00).")
        .arg(value);
}

qint64 SlurmValueValidator::timeToSeconds(const QString &value)
{
    const TimeParts t = parseTime(value);
    if (!t.valid)
        return -1;
    return t.unlimited ? 0 : t.seconds;
}

QString SlurmValueValidator::validateMem(const QString &value)
{
    static const QRegularExpression mem(QStringLiteral("^\\d+[KMGTkmgt]?$"));
    if (mem.match(value.trimmed()).hasMatch())
        return {};
    return tr("\"%1\" is not a SLURM memory size: a whole number with an optional unit K, M, G or T "
              "(megabytes when none), e.g. 4G or 8192.")
        .arg(value);
}

QString SlurmValueValidator::validateGres(const QString &value)
{
    static const QRegularExpression item(QStringLiteral("^[A-Za-z][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.-]+)?(?::\\d+)?$"));
    const QStringList items = value.split(QLatin1Char(','));
    for (const QString &i : items) {
        if (!item.match(i.trimmed()).hasMatch()) {
            return tr("\"%1\" is not a SLURM gres: name[:type]:count items separated by commas, "
                      "e.g. gpu:2 or gpu:nvidia_rtx_a6000:1.")
                .arg(value);
        }
    }
    return {};
}

QString SlurmValueValidator::validatePositiveInt(const QString &value)
{
    bool ok = false;
    const qlonglong n = value.trimmed().toLongLong(&ok);
    if (ok && n > 0)
        return {};
    return tr("\"%1\" must be a whole number greater than 0.").arg(value);
}

QString SlurmValueValidator::validateSafeValue(const QString &value)
{
    static const QString shellCharacters = QStringLiteral("`$;&|<>()\\\"'");
    for (const QChar c : value) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            return tr("The value contains a line break, which would add lines to the batch script.");
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return tr("The value contains a control character.");
        if (c.isSpace())
            return tr("The value contains a space, which would split it in the batch script.");
        if (shellCharacters.contains(c))
            return tr("The value contains %1, which the shell would interpret in the batch script.").arg(c);
    }
    return {};
}

bool SlurmValueValidator::gresRequestsGpu(const QString &gres)
{
    const QStringList items = gres.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        if (item.trimmed().section(QLatin1Char(':'), 0, 0) == QLatin1String("gpu"))
            return true;
    }
    return false;
}

} // namespace mltf::project
