// The Artifacts tab's preview and downloads: the MLmodel summary of the bundled store's model, previews by
// type, oversize files offered for download without being fetched, and a model folder downloaded in one
// click.

#include "ArtifactsTabProbe.h"
#include "ThrowawayHome.h"

#include "artifacts/ArtifactPreview.h"
#include "artifacts/CsvPreview.h"
#include "artifacts/DownloadPanel.h"
#include "artifacts/MlModelSummary.h"
#include "common/CodeView.h"
#include "tracking/ArtifactSource.h"
#include "util/Settings.h"

#include <QApplication>
#include <QLabel>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace mltf;
using namespace mltf::ui;
using tracking::FileInfo;

namespace {

// Answers read() with fixed bytes and records what was asked.
class CannedSource : public tracking::ArtifactSource
{
public:
    QByteArray bytes;
    QStringList reads;
    QFuture<Result<QByteArray>> read(const QString &path, qint64) override
    {
        reads << path;
        QPromise<Result<QByteArray>> promise;
        promise.start();
        promise.addResult(Result<QByteArray>(bytes));
        promise.finish();
        return promise.future();
    }
    tracking::ArtifactTransfer *transfer(const QString &, const QString &, qint64, QObject *) override
    {
        return nullptr;
    }
};

constexpr qint64 MB = 1024 * 1024;

} // namespace

class TestArtifactPreview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::useThrowawayHome();
        Settings::initialise();
    }

    void mlmodelSummaryShowsTheBundledModelsFlavors()
    {
        RunArtifacts tab;
        tab.resize(1200, 700);
        tab.show();
        auto store = std::make_shared<tracking::FileStore>(test::exampleStore());
        QVERIFY(test::openRun(tab, store, test::exampleRunId()));
        QSignalSpy shown(tab.preview(), &ArtifactPreview::shown);
        QVERIFY(test::selectArtifact(tab, QStringLiteral("model/MLmodel")));
        QTRY_COMPARE(tab.preview()->page(), ArtifactPreview::Page::MlModel);
        const QString summary = tab.preview()->summaryView()->toPlainText();
        QVERIFY2(summary.contains(QLatin1String("pytorch")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("python_function")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("2.11.0+cu130")), qPrintable(summary)); // pytorch_version
        QVERIFY2(summary.contains(QLocale().formattedDataSize(6725802, 1)), qPrintable(summary));
        // The YAML it came from, beside it.
        QVERIFY(tab.preview()->yamlView()->isVisible());
        QVERIFY(tab.preview()->yamlView()->toPlainText().startsWith(QLatin1String("artifact_path: model")));
    }

    void mlmodelParserReadsSignatures()
    {
        const QByteArray yaml =
            "artifact_path: clf\nflavors:\n  sklearn:\n    sklearn_version: 1.5.0\n"
            "signature:\n  inputs: '[{\"name\": \"age\", \"type\": \"long\"}, {\"type\": \"tensor\", "
            "\"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 4]}}]'\n"
            "  outputs: '[{\"type\": \"double\"}]'\nmodel_size_bytes: 2048\n";
        const Result<MlModelSummary> s = MlModelSummary::parse(yaml);
        QVERIFY(s.ok());
        QCOMPARE(s.value().flavorNames(), QStringList{QStringLiteral("sklearn")});
        QCOMPARE(s.value().inputs,
                 (QStringList{QStringLiteral("age: long"), QStringLiteral("tensor float32 (-1, 4)")}));
        QCOMPARE(s.value().outputs, QStringList{QStringLiteral("double")});
        QCOMPARE(s.value().sizeBytes, 2048);
        QVERIFY(!MlModelSummary::parse("- a list").ok());
    }

    void oversizePreviewsOfferDownloadWithoutFetching_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("fetched");
        QTest::newRow("text over 10 MB") << QStringLiteral("logs/train.log") << 11 * MB << false;
        QTest::newRow("text at 10 MB") << QStringLiteral("logs/train.log") << 10 * MB << true;
        QTest::newRow("yaml over 10 MB") << QStringLiteral("conf.yaml") << 10 * MB + 1 << false;
        QTest::newRow("image over 50 MB") << QStringLiteral("plots/loss.png") << 51 * MB << false;
        QTest::newRow("image under 50 MB") << QStringLiteral("plots/loss.png") << 40 * MB << true;
        QTest::newRow("binary") << QStringLiteral("model/data/model.pth") << 6 * MB << false;
    }

    void oversizePreviewsOfferDownloadWithoutFetching()
    {
        QFETCH(QString, path);
        QFETCH(qint64, size);
        QFETCH(bool, fetched);
        ArtifactPreview preview;
        preview.resize(600, 400);
        preview.show();
        auto source = std::make_shared<CannedSource>();
        preview.setSource(source);
        QSignalSpy download(&preview, &ArtifactPreview::downloadRequested);
        preview.showArtifact(FileInfo{path, false, size});
        QCOMPARE(source->reads.size(), fetched ? 1 : 0);
        if (fetched)
            return;
        QCOMPARE(preview.page(), ArtifactPreview::Page::DownloadOnly);
        QVERIFY(preview.downloadButton()->isVisible());
        QTest::mouseClick(preview.downloadButton(), Qt::LeftButton);
        QCOMPARE(download.count(), 1);
        QCOMPARE(download.first().first().value<FileInfo>().path, path);
    }

    void previewsByType()
    {
        ArtifactPreview preview;
        preview.resize(600, 400);
        preview.show();
        auto source = std::make_shared<CannedSource>();
        preview.setSource(source);

        source->bytes = "step,loss\n0,1.5\n1,\"0,9\"\n";
        preview.showArtifact(FileInfo{QStringLiteral("metrics.csv"), false, source->bytes.size()});
        QTRY_COMPARE(preview.page(), ArtifactPreview::Page::Table);
        QCOMPARE(preview.tableView()->model()->rowCount(), 2);
        QCOMPARE(preview.tableView()->model()->headerData(1, Qt::Horizontal).toString(),
                 QStringLiteral("loss"));
        QCOMPARE(preview.tableView()->model()->index(1, 1).data().toString(), QStringLiteral("0,9"));

        source->bytes =
            "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20' "
            "fill='red'/></svg>";
        preview.showArtifact(FileInfo{QStringLiteral("plot.svg"), false, source->bytes.size()});
        QTRY_COMPARE(preview.page(), ArtifactPreview::Page::Image);
        QVERIFY(!preview.imageLabel()->pixmap().isNull());

        source->bytes = "import torch\nprint('hi')\n";
        preview.showArtifact(FileInfo{QStringLiteral("code/train.py"), false, source->bytes.size()});
        QTRY_COMPARE(preview.page(), ArtifactPreview::Page::Text);
        QCOMPARE(preview.textView()->toPlainText(), QString::fromUtf8(source->bytes));

        source->bytes = "2026-11-22 09:01:44 INFO start\nERROR out of memory\n";
        preview.showArtifact(FileInfo{QStringLiteral("train.log"), false, source->bytes.size()});
        QTRY_COMPARE(preview.page(), ArtifactPreview::Page::Text);

        preview.showArtifact(FileInfo{QStringLiteral("model"), true, -1});
        QCOMPARE(preview.page(), ArtifactPreview::Page::DownloadOnly);
    }

    void csvParserHandlesQuotesAndLimits()
    {
        const CsvPreview csv = CsvPreview::parse("a,b\r\n\"x \"\"q\"\"\",\"line\nbreak\"\r\n1,2\r\n3,4\r\n",
                                                 QLatin1Char(','), 3);
        QCOMPARE(csv.rows.size(), 3);
        QCOMPARE(csv.rows.at(1), (QStringList{QStringLiteral("x \"q\""), QStringLiteral("line\nbreak")}));
        QVERIFY(csv.truncated);
    }

    void modelFolderDownloadsInOneClick()
    {
        QTemporaryDir destination;
        QVERIFY(destination.isValid());
        RunArtifacts tab;
        tab.resize(1200, 700);
        tab.show();
        tab.downloads()->setFolderChooser([&](const FileInfo &) { return destination.path(); });
        auto store = std::make_shared<tracking::FileStore>(test::exampleStore());
        QVERIFY(test::openRun(tab, store, test::exampleRunId()));
        QVERIFY(test::selectArtifact(tab, QStringLiteral("model/MLmodel")));
        QTRY_COMPARE(tab.preview()->page(), ArtifactPreview::Page::MlModel);

        QSignalSpy finished(tab.downloads(), &DownloadPanel::finished);
        QTest::mouseClick(tab.preview()->findChild<QPushButton *>(QStringLiteral("downloadModelButton")),
                          Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(tab.downloads()->isVisible());
        QVERIFY(QFileInfo::exists(destination.filePath(QStringLiteral("model/MLmodel"))));
        QVERIFY(QFileInfo::exists(destination.filePath(QStringLiteral("model/data/pickle_module_info.txt"))));
        QCOMPARE(tab.downloads()->fileList()->topLevelItemCount(),
                 tab.downloads()->downloader()->files().size());
        QVERIFY2(tab.downloads()->statusLabel()->text().contains(QLatin1String("files")),
                 qPrintable(tab.downloads()->statusLabel()->text()));
        QCOMPARE(tab.downloads()->totalBar()->value(), 1000);
    }
};

QTEST_MAIN(TestArtifactPreview)
#include "TestArtifactPreview.moc"
