#include "tracking/TrackingUri.h"

#include "util/Settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace mltf::tracking {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::tracking::TrackingUri", text);
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

// The source tree of a build folder: CMakeCache.txt in the program's folder or one of its parents names it.
QString sourceDirOfBuild(const QString &programDir)
{
    QDir dir(programDir);
    for (int level = 0; level < 5; ++level) {
        QFile cache(dir.filePath(QStringLiteral("CMakeCache.txt")));
        if (cache.open(QIODevice::ReadOnly)) {
            while (!cache.atEnd()) {
                const QByteArray line = cache.readLine().trimmed();
                if (line.startsWith("CMAKE_HOME_DIRECTORY:"))
                    return QString::fromUtf8(line.mid(line.indexOf('=') + 1));
            }
            return {};
        }
        if (!dir.cdUp())
            break;
    }
    return {};
}

} // namespace

TrackingUri TrackingUri::parse(const QString &input)
{
    TrackingUri uri;
    uri.m_text = input.trimmed();
    const QString text = uri.m_text;
    if (text.isEmpty()) {
        uri.m_error = tr("No tracking URI given.");
        return uri;
    }
    static const QRegularExpression schemeRx(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]+):"));
    const QRegularExpressionMatch scheme = schemeRx.match(text);
    const QString name = scheme.hasMatch() ? scheme.captured(1).toLower() : QString();

    if (name == QLatin1String("http") || name == QLatin1String("https")) {
        QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            uri.m_error = tr("\"%1\" is not a valid server address.").arg(text);
            return uri;
        }
        QString path = url.path();
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        url.setPath(path);
        url.setQuery(QString());
        url.setFragment(QString());
        uri.m_url = url;
        uri.m_kind = Kind::Rest;
        return uri;
    }
    QString path;
    if (name == QLatin1String("file")) {
        const QUrl url(text);
        if (text.startsWith(QLatin1String("file://"), Qt::CaseInsensitive)) {
            if (!url.host().isEmpty() && url.host() != QLatin1String("localhost")) {
                uri.m_error = tr("file: URIs on another host (%1) are not supported.").arg(url.host());
                return uri;
            }
            path = url.path();
        } else {
            path = text.mid(5); // file:relative/or/absolute
        }
    } else if (!name.isEmpty()) {
        uri.m_error = tr("Tracking URIs of the kind \"%1:\" are not supported; use http(s)://… or a folder.").arg(name);
        return uri;
    } else {
        path = text;
    }
    if (path.isEmpty()) {
        uri.m_error = tr("\"%1\" names no folder.").arg(text);
        return uri;
    }
    uri.m_path = QDir::cleanPath(QDir::current().absoluteFilePath(expandHome(path)));
    uri.m_kind = Kind::File;
    return uri;
}

QString TrackingUri::exampleStorePath()
{
    const QString fromEnv = qEnvironmentVariable("MLTF_EXAMPLE_STORE");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString programDir = QCoreApplication::applicationDirPath();
    const QString source = sourceDirOfBuild(programDir);
    if (!source.isEmpty()) {
        const QString candidate = source + QStringLiteral("/resources/example-store/mlruns");
        if (QFileInfo(candidate).isDir())
            return candidate;
    }
    const QString installed =
        QDir::cleanPath(programDir + QStringLiteral("/../share/mltf-desktop/example-store/mlruns"));
    if (QFileInfo(installed).isDir())
        return installed;
    return {};
}

TrackingUri TrackingUri::resolveDefault(const QString &commandLine)
{
    if (!commandLine.trimmed().isEmpty())
        return parse(commandLine);
    const QString configured = Settings::value(Settings::Key::TrackingUri).toString().trimmed();
    if (!configured.isEmpty())
        return parse(configured);
    const QString example = exampleStorePath();
    if (example.isEmpty()) {
        TrackingUri uri;
        uri.m_error = tr("No tracking URI is configured and the bundled example store was not found.");
        return uri;
    }
    TrackingUri uri = parse(example);
    uri.m_example = true;
    return uri;
}

QString TrackingUri::toString() const
{
    switch (m_kind) {
    case Kind::Rest: return m_url.toString(QUrl::RemoveUserInfo);
    case Kind::File: return QUrl::fromLocalFile(m_path).toString();
    case Kind::Invalid: break;
    }
    return m_text;
}

} // namespace mltf::tracking
