#include "util/Settings.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>

namespace mltf {

const char *Settings::name(Key key)
{
    switch (key) {
    case Key::TrackingUri: return "tracking/uri";
    case Key::GatewayUri: return "gateway/uri";
    case Key::OidcIssuer: return "auth/issuer";
    case Key::OidcClientId: return "auth/clientId";
    case Key::OidcScopes: return "auth/scopes";
    case Key::RecentProjects: return "projects/recent";
    case Key::PollIntervalSeconds: return "monitor/pollIntervalSeconds";
    case Key::MainWindowGeometry: return "window/geometry";
    case Key::MainWindowState: return "window/state";
    case Key::ProjectEditorLayout: return "window/projectEditorLayout";
    case Key::SlurmHosts: return "slurm/hosts";
    }
    return "";
}

const char *Settings::environmentVariable(Key key)
{
    switch (key) {
    case Key::TrackingUri: return "MLFLOW_TRACKING_URI";
    case Key::GatewayUri: return "MLTF_GATEWAY_URI";
    default: return nullptr;
    }
}

QVariant Settings::defaultValue(Key key)
{
    switch (key) {
    case Key::OidcScopes: return QStringLiteral("openid profile email offline_access");
    case Key::PollIntervalSeconds: return 5;
    case Key::RecentProjects: return QStringList();
    default: return {};
    }
}

QString Settings::siteConfigPath()
{
    const QString fromEnv = qEnvironmentVariable("MLTF_SITE_CONFIG");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QStringList dirs = QStandardPaths::standardLocations(QStandardPaths::GenericConfigLocation);
    // The first entry is the user's own config dir; the site file lives in the system ones.
    for (int i = 1; i < dirs.size(); ++i) {
        const QString candidate = dirs.at(i) + QStringLiteral("/MLTF/site.ini");
        if (QFileInfo::exists(candidate))
            return candidate;
    }
    return QStringLiteral("/etc/xdg/MLTF/site.ini");
}

void Settings::initialise()
{
    QCoreApplication::setOrganizationName(QStringLiteral("MLTF"));
    QCoreApplication::setApplicationName(QStringLiteral("MLTF Desktop"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLTF_VERSION));
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

QVariant Settings::value(Key key)
{
    if (const char *env = environmentVariable(key); env && qEnvironmentVariableIsSet(env))
        return qEnvironmentVariable(env);
    QSettings user;
    if (user.contains(QLatin1String(name(key))))
        return user.value(QLatin1String(name(key)));
    QSettings site(siteConfigPath(), QSettings::IniFormat);
    if (site.contains(QLatin1String(name(key))))
        return site.value(QLatin1String(name(key)));
    return defaultValue(key);
}

void Settings::setValue(Key key, const QVariant &value)
{
    QSettings().setValue(QLatin1String(name(key)), value);
}

QString Settings::source(Key key)
{
    if (const char *env = environmentVariable(key); env && qEnvironmentVariableIsSet(env))
        return QString::fromLatin1(env);
    if (QSettings().contains(QLatin1String(name(key))))
        return QStringLiteral("user settings");
    if (QSettings(siteConfigPath(), QSettings::IniFormat).contains(QLatin1String(name(key))))
        return siteConfigPath();
    return QStringLiteral("default");
}

void Settings::addRecentProject(const QString &path)
{
    QStringList recent = value(Key::RecentProjects).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 10)
        recent.removeLast();
    setValue(Key::RecentProjects, recent);
}

} // namespace mltf
