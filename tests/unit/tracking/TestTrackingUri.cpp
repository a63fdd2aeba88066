// Tracking URIs from the command line, MLFLOW_TRACKING_URI and settings, and the bundled example store
// default.

#include "ThrowawayHome.h"
#include "tracking/StoreFactory.h"
#include "tracking/TrackingUri.h"
#include "util/Settings.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace mltf;
using namespace mltf::tracking;

class TestTrackingUri : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parse_data();
    void parse();
    void serverUrlKeepsThePrefix();
    void resolveDefaultOrder();
    void factoryMakesTheRightStore();
};

void TestTrackingUri::initTestCase()
{
    mltf::test::useThrowawayHome();
    Settings::initialise();
    qunsetenv("MLFLOW_TRACKING_URI");
    Settings::setValue(Settings::Key::TrackingUri, QVariant());
}

void TestTrackingUri::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("result");
    const QString cwd = QDir::currentPath();
    QTest::newRow("http") << QStringLiteral("http://127.0.0.1:5000") << int(TrackingUri::Kind::Rest)
                          << QStringLiteral("http://127.0.0.1:5000");
    QTest::newRow("https trailing slash")
        << QStringLiteral(" https://mlflow.example.org/ ") << int(TrackingUri::Kind::Rest)
        << QStringLiteral("https://mlflow.example.org");
    QTest::newRow("file triple slash") << QStringLiteral("file:///data/mlruns")
                                       << int(TrackingUri::Kind::File) << QStringLiteral("/data/mlruns");
    QTest::newRow("file relative") << QStringLiteral("file:mlruns") << int(TrackingUri::Kind::File)
                                   << cwd + QStringLiteral("/mlruns");
    QTest::newRow("file absolute single slash")
        << QStringLiteral("file:/data/x/../mlruns") << int(TrackingUri::Kind::File)
        << QStringLiteral("/data/mlruns");
    QTest::newRow("plain absolute") << QStringLiteral("/srv/mlruns/") << int(TrackingUri::Kind::File)
                                    << QStringLiteral("/srv/mlruns");
    QTest::newRow("plain relative") << QStringLiteral("./mlruns") << int(TrackingUri::Kind::File)
                                    << cwd + QStringLiteral("/mlruns");
    QTest::newRow("home") << QStringLiteral("~/mlruns") << int(TrackingUri::Kind::File)
                          << QDir::homePath() + QStringLiteral("/mlruns");
    QTest::newRow("databricks") << QStringLiteral("databricks") << int(TrackingUri::Kind::File)
                                << cwd + QStringLiteral("/databricks"); // a folder name, as MLflow reads it
    QTest::newRow("other scheme") << QStringLiteral("databricks://profile") << int(TrackingUri::Kind::Invalid)
                                  << QString();
    QTest::newRow("sqlite") << QStringLiteral("sqlite:///mlflow.db") << int(TrackingUri::Kind::Invalid)
                            << QString();
    QTest::newRow("empty") << QStringLiteral("  ") << int(TrackingUri::Kind::Invalid) << QString();
    QTest::newRow("http without host")
        << QStringLiteral("http://") << int(TrackingUri::Kind::Invalid) << QString();
}

void TestTrackingUri::parse()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, result);
    const TrackingUri uri = TrackingUri::parse(text);
    QCOMPARE(int(uri.kind()), kind);
    if (uri.isRest())
        QCOMPARE(uri.serverUrl().toString(), result);
    else if (uri.isFile())
        QCOMPARE(uri.localPath(), result);
    else
        QVERIFY(!uri.errorString().isEmpty());
}

void TestTrackingUri::serverUrlKeepsThePrefix()
{
    const TrackingUri uri = TrackingUri::parse(QStringLiteral("https://host:8443/mlflow/?x=1#y"));
    QVERIFY(uri.isRest());
    QCOMPARE(uri.serverUrl().path(), QStringLiteral("/mlflow"));
    QCOMPARE(uri.serverUrl().port(), 8443);
    QVERIFY(uri.serverUrl().query().isEmpty());
    QCOMPARE(uri.toString(), QStringLiteral("https://host:8443/mlflow"));
}

void TestTrackingUri::resolveDefaultOrder()
{
    // Nothing configured: the bundled example store (found through the build folder's CMakeCache.txt).
    TrackingUri uri = TrackingUri::resolveDefault();
    QVERIFY2(uri.isFile(), qPrintable(uri.errorString()));
    QVERIFY(uri.isExampleStore());
    QCOMPARE(QDir(uri.localPath()).canonicalPath(),
             QDir(QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns")).canonicalPath());

    Settings::setValue(Settings::Key::TrackingUri, QStringLiteral("http://from-settings:5000"));
    QCOMPARE(TrackingUri::resolveDefault().serverUrl().host(), QStringLiteral("from-settings"));
    qputenv("MLFLOW_TRACKING_URI", "http://from-env:5000");
    QCOMPARE(TrackingUri::resolveDefault().serverUrl().host(), QStringLiteral("from-env"));
    QCOMPARE(TrackingUri::resolveDefault(QStringLiteral("http://from-cli:5000")).serverUrl().host(),
             QStringLiteral("from-cli"));
    qunsetenv("MLFLOW_TRACKING_URI");
    Settings::setValue(Settings::Key::TrackingUri, QVariant());
    QVERIFY(!TrackingUri::resolveDefault(QStringLiteral("http://x")).isExampleStore());
}

void TestTrackingUri::factoryMakesTheRightStore()
{
    const auto rest = StoreFactory::create(TrackingUri::parse(QStringLiteral("http://127.0.0.1:1")));
    QVERIFY(rest.ok());
    QVERIFY(rest.value()->canWrite());
    QCOMPARE(rest.value()->location(), QStringLiteral("http://127.0.0.1:1"));
    const auto file = StoreFactory::create(
        TrackingUri::parse(QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns")));
    QVERIFY(file.ok());
    QVERIFY(!file.value()->canWrite());
    const auto missing = StoreFactory::create(TrackingUri::parse(QStringLiteral("/no/such/mlruns")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::NotFound);
    QVERIFY(missing.error().message.contains(QLatin1String("/no/such/mlruns")));
    const auto invalid = StoreFactory::create(TrackingUri::parse(QStringLiteral("sqlite:///x.db")));
    QVERIFY(!invalid.ok());
    QCOMPARE(invalid.error().kind, Error::Kind::InvalidInput);
}

QTEST_GUILESS_MAIN(TestTrackingUri)
#include "TestTrackingUri.moc"
