#include "tracking/ArtifactPath.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

namespace mltf::tracking {

bool ArtifactPath::isSafe(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')) ||
        path.contains(QChar(0)))
        return false;
    static const QRegularExpression drive(QStringLiteral("^[A-Za-z]:"));
    if (drive.match(path).hasMatch())
        return false;
    const QStringList parts = path.split(QLatin1Char('/'));
    for (const QString &part : parts)
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    return true;
}

Result<QString> ArtifactPath::localTarget(const QString &destination, const QString &relative)
{
    if (!isSafe(relative))
        return refused(relative);
    const QString base = QDir::cleanPath(QDir(destination).absolutePath());
    const QString target = QDir::cleanPath(base + QLatin1Char('/') + relative);
    // Belt and braces: the checks above already exclude every way out.
    if (!target.startsWith(base + QLatin1Char('/')))
        return refused(relative);
    return target;
}

Error ArtifactPath::refused(const QString &path)
{
    return Error::make(
        Error::Kind::InvalidInput,
        QCoreApplication::translate("mltf::tracking::ArtifactPath",
                                    "Refused the artifact path \"%1\": it is absolute or leaves its "
                                    "folder.")
            .arg(path));
}

} // namespace mltf::tracking
