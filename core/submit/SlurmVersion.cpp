#include "submit/SlurmVersion.h"

#include <QRegularExpression>

namespace mltf::submit {

SlurmVersion SlurmVersion::parse(const QString &versionOutput)
{
    // The first line only: a broken configuration prints errors after it, or instead of it.
    static const QRegularExpression re(QStringLiteral(R"(^slurm(?:-wlm)?\s+(\d+)\.(\d+)(?:\.\d+)?\b)"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(versionOutput.trimmed());
    if (!m.hasMatch())
        return {};
    return {m.captured(1).toInt(), m.captured(2).toInt()};
}

QString SlurmVersion::toString() const
{
    if (!isKnown())
        return QStringLiteral("unknown");
    return QStringLiteral("%1.%2").arg(major).arg(minor, 2, 10, QLatin1Char('0'));
}

} // namespace mltf::submit
