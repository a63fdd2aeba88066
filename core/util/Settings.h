#pragma once

#include <QString>
#include <QVariant>

namespace mltf {

// Every persistent setting in one place, with its default. Values come from, in order: the MLflow / MLTF
// environment variables (for the keys that have one), the user's settings (QSettings INI, organisation
// "MLTF", application "MLTF Desktop"), the site-wide file (a facility pre-configures its users), the default.
// Secrets never go here: tokens live in the keychain only.
class Settings
{
public:
    enum class Key {
        TrackingUri,      // env MLFLOW_TRACKING_URI
        GatewayUri,       // env MLTF_GATEWAY_URI
        OidcIssuer,
        OidcClientId,
        OidcScopes,
        RecentProjects,   // QStringList, newest first
        PollIntervalSeconds,
        MainWindowGeometry,
        MainWindowState,
        ProjectEditorLayout, // QByteArray: the project editor's splitter sizes
        SlurmHosts,       // JSON text: list of host profiles
    };

    // Sets the organisation/application names and the INI format. Call once at start (app and tests).
    static void initialise();

    static QVariant value(Key key);
    static void setValue(Key key, const QVariant &value);
    static QVariant defaultValue(Key key);
    // Where the value in force comes from, for the settings dialog ("from MLFLOW_TRACKING_URI").
    static QString source(Key key);

    // The site-wide file: $MLTF_SITE_CONFIG, else the first "MLTF/site.ini" in the XDG config dirs.
    static QString siteConfigPath();

    static void addRecentProject(const QString &path);

private:
    static const char *name(Key key);
    static const char *environmentVariable(Key key);
};

} // namespace mltf
