// ArtifactDownloader against the MLflow test server and a FileStore: byte-identical results, resume after a
// dropped connection (Range on /get-artifact), hostile paths refused, cancel leaving nothing under the final
// name.

#include "FakeStore.h"
#include "TestServerProcess.h"

#include "net/HttpClient.h"
#include "tracking/ArtifactDownloader.h"
#include "tracking/ArtifactSource.h"
#include "tracking/FileStore.h"
#include "tracking/RestStore.h"
#include "util/Settings.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mltf;
using namespace mltf::tracking;

namespace {

// The bundled example store keeps the real model.pth (6.7 MB) of this run (lr=1e-3).
const QString kSampleStore = QStringLiteral(MLTF_SOURCE_DIR "/resources/example-store/mlruns");
const QString kRun = QStringLiteral("af55f830388b42fb8aad376b1301563d");
const QString kModelPth = QStringLiteral("model/data/model.pth");

QString sourceFile(const QString &artifactPath)
{
    return kSampleStore + QStringLiteral("/514274819739157863/") + kRun + QStringLiteral("/artifacts/") +
           artifactPath;
}

QByteArray sha256(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

// Every file under `dir`, relative, sorted.
QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

// The finished() status (Status has no default constructor, so no QSignalSpy argument).
struct StatusCatcher
{
    explicit StatusCatcher(ArtifactDownloader &downloader)
    {
        QObject::connect(&downloader, &ArtifactDownloader::finished, &downloader, [this](const Status &s) {
            status = s;
            ++count;
        });
    }
    std::optional<Status> status;
    int count = 0;
};

Status runToEnd(ArtifactDownloader &downloader, const FileInfo &artifact, const QString &destination)
{
    StatusCatcher caught(downloader);
    downloader.start(artifact, destination);
    if (!QTest::qWaitFor([&] { return caught.count > 0; }, 60000))
        return Error::make(Error::Kind::Timeout, QStringLiteral("the test gave up waiting"));
    return *caught.status;
}

QByteArray why(const Status &s)
{
    return s.ok() ? QByteArray() : (s.error().message + QLatin1Char(' ') + s.error().detail).toUtf8();
}

FileInfo file(const QString &path, qint64 size)
{
    return FileInfo{path, false, size};
}

FileInfo folder(const QString &path)
{
    return FileInfo{path, true, -1};
}

// Counts transfers and would write anything it is asked to: proves refused plans never reach it.
class RecordingSource : public ArtifactSource
{
public:
    QStringList asked;
    QFuture<Result<QByteArray>> read(const QString &, qint64) override { return {}; }
    ArtifactTransfer *transfer(const QString &path, const QString &, qint64, QObject *) override
    {
        asked << path;
        return nullptr;
    }
};

} // namespace

class TestArtifactDownloader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase() { QVERIFY(m_server.setFaults({})); }

    void modelFolderIsByteIdentical();
    void droppedConnectionResumesWithRange();
    void persistentDropFailsWithoutFinalFile();
    void hostileRequestedPathIsRefused_data();
    void hostileRequestedPathIsRefused();
    void hostileListedPathIsRefused_data();
    void hostileListedPathIsRefused();
    void cancelLeavesNoFinalFile();
    void fileStoreDownloadCopiesLocalFiles();
    void progressReportsTotalsAndRate();

private:
    std::shared_ptr<RestStore> restStore();
    QJsonObject stats();

    TestServerProcess m_server;
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestArtifactDownloader::initTestCase()
{
    Settings::initialise();
    QVERIFY2(QFileInfo(sourceFile(kModelPth)).size() > 5'000'000, qPrintable(sourceFile(kModelPth)));
    const QString error = m_server.start({QStringLiteral("--seed"), kSampleStore});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestArtifactDownloader::init()
{
    QVERIFY(m_server.setFaults({}));
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

std::shared_ptr<RestStore> TestArtifactDownloader::restStore()
{
    auto store = std::make_shared<RestStore>(m_server.url());
    net::RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.baseDelayMs = 50;
    store->httpClient()->setRetryPolicy(policy);
    return store;
}

QJsonObject TestArtifactDownloader::stats()
{
    QNetworkAccessManager nam;
    QNetworkReply *reply =
        nam.get(QNetworkRequest(m_server.url().resolved(QUrl(QStringLiteral("/__stats")))));
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(10000);
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return json;
}

void TestArtifactDownloader::modelFolderIsByteIdentical()
{
    ArtifactDownloader downloader(restStore(), kRun);
    const Status status = runToEnd(downloader, folder(QStringLiteral("model")), m_tmp->path());
    QVERIFY2(status.ok(), why(status));
    const QStringList expected{
        QStringLiteral("model/MLmodel"),         QStringLiteral("model/conda.yaml"),
        QStringLiteral("model/data/model.pth"),  QStringLiteral("model/data/pickle_module_info.txt"),
        QStringLiteral("model/python_env.yaml"), QStringLiteral("model/requirements.txt")};
    QCOMPARE(filesUnder(m_tmp->path()), expected);
    for (const QString &path : expected)
        QCOMPARE(sha256(m_tmp->filePath(path)), sha256(sourceFile(path)));
    QCOMPARE(downloader.progress().filesDone, 6);
    QCOMPARE(downloader.progress().bytesDone, downloader.progress().bytesTotal);
}

void TestArtifactDownloader::droppedConnectionResumesWithRange()
{
    const qint64 size = QFileInfo(sourceFile(kModelPth)).size();
    const int dropAfter = 1'000'000;
    // The first two answers stop after 1 MB each; the third (asking for bytes=2000000-) completes.
    QVERIFY(m_server.setFaults(
        {{QStringLiteral("drop_after_bytes"), dropAfter}, {QStringLiteral("drop_count"), 2}}));
    QNetworkAccessManager nam;
    nam.deleteResource(QNetworkRequest(m_server.url().resolved(QUrl(QStringLiteral("/__stats")))));
    QTRY_COMPARE(stats().value(QStringLiteral("requests")).toInt(), 0);

    ArtifactDownloader downloader(restStore(), kRun);
    const Status status = runToEnd(downloader, file(kModelPth, size), m_tmp->path());
    QVERIFY2(status.ok(), why(status));
    const QString target = m_tmp->filePath(QStringLiteral("model.pth"));
    QCOMPARE(sha256(target), sha256(sourceFile(kModelPth)));
    QCOMPARE(downloader.files().first().resumes, 2);
    QVERIFY(!QFileInfo::exists(target + QStringLiteral(".part")));
    // Resumed, not restarted: the server sent the file's bytes about once (plus headers), not 1 MB twice
    // more.
    const QJsonObject artifact = stats()
                                     .value(QStringLiteral("endpoints"))
                                     .toObject()
                                     .value(QStringLiteral("/get-artifact"))
                                     .toObject();
    QCOMPARE(artifact.value(QStringLiteral("requests")).toInt(), 3);
    QVERIFY2(artifact.value(QStringLiteral("bytes")).toInteger() < size + 10'000,
             qPrintable(QString::number(artifact.value(QStringLiteral("bytes")).toInteger())));
}

void TestArtifactDownloader::persistentDropFailsWithoutFinalFile()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("drop_after_bytes"), 100'000}}));
    ArtifactDownloader downloader(restStore(), kRun);
    downloader.setMaxResumes(2);
    const Status status =
        runToEnd(downloader, file(kModelPth, QFileInfo(sourceFile(kModelPth)).size()), m_tmp->path());
    QVERIFY(!status.ok());
    QCOMPARE(downloader.files().first().resumes, 2);
    QCOMPARE(filesUnder(m_tmp->path()), QStringList());
}

void TestArtifactDownloader::hostileRequestedPathIsRefused_data()
{
    QTest::addColumn<FileInfo>("artifact");
    QTest::newRow("parent file") << file(QStringLiteral("../x"), 3);
    QTest::newRow("absolute file") << file(QStringLiteral("/etc/x"), 3);
    QTest::newRow("inner parent") << file(QStringLiteral("model/../../x"), 3);
    QTest::newRow("parent folder") << folder(QStringLiteral(".."));
    QTest::newRow("absolute folder") << folder(QStringLiteral("/etc"));
}

void TestArtifactDownloader::hostileRequestedPathIsRefused()
{
    QFETCH(FileInfo, artifact);
    const QString destination = m_tmp->filePath(QStringLiteral("inside"));
    QVERIFY(QDir().mkpath(destination));
    auto source = std::make_unique<RecordingSource>();
    RecordingSource *recorder = source.get();
    ArtifactDownloader downloader(restStore(), kRun, std::move(source));
    const Status status = runToEnd(downloader, artifact, destination);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, Error::Kind::InvalidInput);
    QVERIFY(recorder->asked.isEmpty());
    QCOMPARE(filesUnder(m_tmp->path()), QStringList());
}

void TestArtifactDownloader::hostileListedPathIsRefused_data()
{
    QTest::addColumn<QString>("listed");
    QTest::newRow("parent") << QStringLiteral("../x");
    QTest::newRow("absolute") << QStringLiteral("/etc/x");
    QTest::newRow("inner parent") << QStringLiteral("model/../../x");
    QTest::newRow("outside the folder") << QStringLiteral("other/x");
}

void TestArtifactDownloader::hostileListedPathIsRefused()
{
    QFETCH(QString, listed);
    // A server (or a man in the middle) lists a path leading out: nothing may be fetched or written.
    auto store = std::make_shared<test::FakeStore>();
    store->artifacts.insert(QStringLiteral("model"),
                            {file(QStringLiteral("model/ok.txt"), 3), file(listed, 3)});
    auto source = std::make_unique<RecordingSource>();
    RecordingSource *recorder = source.get();
    const QString destination = m_tmp->filePath(QStringLiteral("inside"));
    QVERIFY(QDir().mkpath(destination));
    ArtifactDownloader downloader(store, kRun, std::move(source));
    const Status status = runToEnd(downloader, folder(QStringLiteral("model")), destination);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, Error::Kind::InvalidInput);
    QVERIFY2(status.error().message.contains(listed), qPrintable(status.error().message));
    QVERIFY(recorder->asked.isEmpty());
    QCOMPARE(filesUnder(m_tmp->path()), QStringList());
}

void TestArtifactDownloader::cancelLeavesNoFinalFile()
{
    // Slow answers: the transfer is under way (its .part file exists) when the user cancels.
    QVERIFY(m_server.setFaults({{QStringLiteral("delay_ms"), 3000}}));
    ArtifactDownloader downloader(restStore(), kRun);
    StatusCatcher finished(downloader);
    downloader.start(file(kModelPth, QFileInfo(sourceFile(kModelPth)).size()), m_tmp->path());
    const QString target = m_tmp->filePath(QStringLiteral("model.pth"));
    QTRY_VERIFY(QFileInfo::exists(target + QStringLiteral(".part")));
    downloader.cancel();
    QCOMPARE(finished.count, 1);
    QCOMPARE(finished.status->error().kind, Error::Kind::Cancelled);
    QVERIFY(!QFileInfo::exists(target));
    QCOMPARE(filesUnder(m_tmp->path()), QStringList());
    QCOMPARE(downloader.files().first().state, ArtifactDownloader::FileState::Cancelled);
}

void TestArtifactDownloader::fileStoreDownloadCopiesLocalFiles()
{
    auto store = std::make_shared<FileStore>(kSampleStore);
    ArtifactDownloader downloader(store, kRun);
    const Status status = runToEnd(downloader, folder(QString()), m_tmp->path());
    QVERIFY2(status.ok(), why(status));
    const QStringList files = filesUnder(m_tmp->path());
    QVERIFY2(files.contains(QStringLiteral("train.log")) &&
                 files.contains(QStringLiteral("model/data/model.pth")),
             qPrintable(files.join(QLatin1Char(','))));
    for (const QString &path : files)
        QCOMPARE(sha256(m_tmp->filePath(path)), sha256(sourceFile(path)));
    // And a hostile path is refused there too.
    ArtifactDownloader hostile(store, kRun);
    QCOMPARE(runToEnd(hostile, file(QStringLiteral("../meta.yaml"), 10), m_tmp->path()).error().kind,
             Error::Kind::InvalidInput);
}

void TestArtifactDownloader::progressReportsTotalsAndRate()
{
    ArtifactDownloader downloader(restStore(), kRun);
    QSignalSpy progress(&downloader, &ArtifactDownloader::progressChanged);
    const Status status = runToEnd(downloader, folder(QStringLiteral("model/data")), m_tmp->path());
    QVERIFY2(status.ok(), why(status));
    QVERIFY(progress.count() >= 1);
    const DownloadProgress p = downloader.progress();
    QCOMPARE(p.filesTotal, 2);
    QCOMPARE(p.filesDone, 2);
    QCOMPARE(p.bytesTotal, QFileInfo(sourceFile(kModelPth)).size() + 28);
    QCOMPARE(p.bytesDone, p.bytesTotal);
    QVERIFY(QFileInfo::exists(m_tmp->filePath(QStringLiteral("data/model.pth"))));
}

QTEST_GUILESS_MAIN(TestArtifactDownloader)
#include "TestArtifactDownloader.moc"
