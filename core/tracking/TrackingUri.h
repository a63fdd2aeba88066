#pragma once

#include <QString>
#include <QUrl>

namespace mltf::tracking {

// Where the app reads tracking data from: an MLflow server (http/https) or a local mlruns/ folder
// (file:/…, file:///…, or a plain path; a relative path is taken relative to the current directory).
class TrackingUri
{
public:
    enum class Kind { Invalid, Rest, File };

    TrackingUri() = default;

    // Accepts "http(s)://host[:port][/prefix]", "file:///abs/path", "file:rel/or/abs", "/abs", "rel", "~/x".
    // Anything else (another scheme such as "databricks", an empty string) is Invalid with a reason.
    static TrackingUri parse(const QString &text);

    // The tracking URI in force: --tracking-uri (pass it as `commandLine`), else MLFLOW_TRACKING_URI, else
    // the user's or the site's setting (mltf::Settings::Key::TrackingUri), else the bundled example store.
    static TrackingUri resolveDefault(const QString &commandLine = {});

    // The bundled example store: resources/example-store/mlruns in the source tree when running from a
    // build folder, else <prefix>/share/mltf-desktop/example-store/mlruns. Empty when neither exists.
    static QString exampleStorePath();

    Kind kind() const { return m_kind; }
    bool isValid() const { return m_kind != Kind::Invalid; }
    bool isRest() const { return m_kind == Kind::Rest; }
    bool isFile() const { return m_kind == Kind::File; }
    // True when this is the bundled example store.
    bool isExampleStore() const { return m_example; }

    // Rest: the server's base URL without a trailing slash ("https://mlflow.example.org/prefix").
    QUrl serverUrl() const { return m_url; }
    // File: the absolute, cleaned folder path.
    QString localPath() const { return m_path; }
    // Invalid: why, for people.
    QString errorString() const { return m_error; }
    // What the user typed, for display and settings.
    QString text() const { return m_text; }
    // Canonical form: the server URL or "file://" + path.
    QString toString() const;

    bool operator==(const TrackingUri &o) const { return m_kind == o.m_kind && toString() == o.toString(); }

private:
    Kind m_kind = Kind::Invalid;
    QUrl m_url;
    QString m_path;
    QString m_error;
    QString m_text;
    bool m_example = false;
};

} // namespace mltf::tracking
