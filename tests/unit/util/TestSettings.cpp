#include "ThrowawayHome.h"
#include "util/Settings.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using mltf::Settings;

class TestSettings : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        mltf::test::useThrowawayHome();
        Settings::initialise();
        qunsetenv("MLFLOW_TRACKING_URI");
    }

    void defaultsApply() { QCOMPARE(Settings::value(Settings::Key::PollIntervalSeconds).toInt(), 5); }

    void siteFileIsUsedWhenUserHasNoValue()
    {
        const QString site = m_home.filePath(QStringLiteral("site.ini"));
        {
            QSettings s(site, QSettings::IniFormat);
            s.setValue(QStringLiteral("tracking/uri"), QStringLiteral("https://mlflow.site.example"));
        }
        qputenv("MLTF_SITE_CONFIG", site.toUtf8());
        QCOMPARE(Settings::value(Settings::Key::TrackingUri).toString(),
                 QStringLiteral("https://mlflow.site.example"));
        QCOMPARE(Settings::source(Settings::Key::TrackingUri), site);
    }

    void userValueBeatsSiteAndEnvironmentBeatsUser()
    {
        Settings::setValue(Settings::Key::TrackingUri, QStringLiteral("https://mine.example"));
        QCOMPARE(Settings::value(Settings::Key::TrackingUri).toString(),
                 QStringLiteral("https://mine.example"));
        qputenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000");
        QCOMPARE(Settings::value(Settings::Key::TrackingUri).toString(),
                 QStringLiteral("http://127.0.0.1:5000"));
        QCOMPARE(Settings::source(Settings::Key::TrackingUri), QStringLiteral("MLFLOW_TRACKING_URI"));
        qunsetenv("MLFLOW_TRACKING_URI");
    }

    void recentProjectsAreNewestFirstWithoutDuplicates()
    {
        Settings::addRecentProject(QStringLiteral("/a"));
        Settings::addRecentProject(QStringLiteral("/b"));
        Settings::addRecentProject(QStringLiteral("/a"));
        QCOMPARE(Settings::value(Settings::Key::RecentProjects).toStringList(),
                 (QStringList{QStringLiteral("/a"), QStringLiteral("/b")}));
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"
