#include "artifacts/ArtifactPreview.h"

#include "artifacts/CsvPreview.h"
#include "artifacts/LogHighlighter.h"
#include "artifacts/MlModelSummary.h"
#include "common/CodeView.h"
#include "runs/AsyncResult.h"
#include "runs/RunFormat.h"
#include "tracking/ArtifactSource.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QSvgRenderer>
#include <QSyntaxHighlighter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mltf::ui {

namespace {

// The folder holding `path` ("model/MLmodel" -> "model").
QString folderOf(const QString &path)
{
    return path.contains(QLatin1Char('/')) ? path.section(QLatin1Char('/'), 0, -2) : QString();
}

} // namespace

ArtifactPreview::ArtifactPreview(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_text(new CodeView(this))
    , m_modelPage(new QWidget(this))
    , m_summary(new QTextBrowser(this))
    , m_yaml(new CodeView(this))
    , m_downloadModel(new QPushButton(tr("Download model folder…"), this))
    , m_imageScroll(new QScrollArea(this))
    , m_image(new QLabel(this))
    , m_table(new QTableView(this))
    , m_tableModel(new QStandardItemModel(this))
    , m_downloadPage(new QWidget(this))
    , m_message(new QLabel(this))
    , m_download(new QPushButton(tr("Download…"), this))
{
    setObjectName(QStringLiteral("artifactPreview"));
    m_title->setObjectName(QStringLiteral("previewTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setWordWrap(true);

    m_text->setObjectName(QStringLiteral("previewText"));

    // MLmodel: the summary beside the YAML it came from.
    m_summary->setObjectName(QStringLiteral("modelSummary"));
    m_summary->setOpenLinks(false);
    m_summary->setFrameShape(QFrame::NoFrame);
    m_yaml->setObjectName(QStringLiteral("modelYaml"));
    m_downloadModel->setObjectName(QStringLiteral("downloadModelButton"));
    auto *summaryColumn = new QWidget(m_modelPage);
    auto *summaryLayout = new QVBoxLayout(summaryColumn);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    summaryLayout->addWidget(m_summary, 1);
    summaryLayout->addWidget(m_downloadModel, 0, Qt::AlignLeft);
    auto *modelSplit = new QSplitter(Qt::Horizontal, m_modelPage);
    modelSplit->addWidget(summaryColumn);
    modelSplit->addWidget(m_yaml);
    modelSplit->setStretchFactor(0, 1);
    modelSplit->setStretchFactor(1, 1);
    modelSplit->setChildrenCollapsible(false);
    auto *modelLayout = new QVBoxLayout(m_modelPage);
    modelLayout->setContentsMargins(0, 0, 0, 0);
    modelLayout->addWidget(modelSplit);
    connect(m_downloadModel, &QPushButton::clicked, this, [this] {
        emit downloadRequested(tracking::FileInfo{folderOf(m_file.path), true, -1});
    });

    m_image->setObjectName(QStringLiteral("previewImage"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageScroll->setWidget(m_image);
    m_imageScroll->setWidgetResizable(true);
    m_imageScroll->setFrameShape(QFrame::NoFrame);

    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setModel(m_tableModel);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);

    m_message->setObjectName(QStringLiteral("previewMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_download->setObjectName(QStringLiteral("previewDownloadButton"));
    auto *downloadLayout = new QVBoxLayout(m_downloadPage);
    downloadLayout->addStretch(1);
    downloadLayout->addWidget(m_message);
    downloadLayout->addWidget(m_download, 0, Qt::AlignHCenter);
    downloadLayout->addStretch(2);
    connect(m_download, &QPushButton::clicked, this, [this] { emit downloadRequested(m_file); });

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_modelPage);
    m_stack->addWidget(m_imageScroll);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_downloadPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_stack, 1);
    clear();
}

ArtifactPreview::~ArtifactPreview() = default;

void ArtifactPreview::setSource(std::shared_ptr<tracking::ArtifactSource> source)
{
    m_source = std::move(source);
    clear();
}

void ArtifactPreview::clear()
{
    ++m_generation;
    m_file = {};
    m_title->clear();
    m_title->hide();
    m_placeholder->setText(tr("Select a file to preview it."));
    showPage(Page::Empty);
}

void ArtifactPreview::showArtifact(const tracking::FileInfo &file)
{
    ++m_generation;
    m_file = file;
    m_kind = ArtifactKind::of(file.name());
    const QString size = file.isDir ? QString() : RunFormat::dataSize(file.size);
    m_title->setText(size.isEmpty() ? file.path : tr("%1  —  %2").arg(file.path, size));
    m_title->show();
    if (file.isDir) {
        offerDownload(tr("The folder “%1”.").arg(file.path.isEmpty() ? tr("all artifacts") : file.name()));
        m_download->setText(tr("Download folder…"));
        return;
    }
    m_download->setText(tr("Download…"));
    if (m_kind == PreviewKind::Binary) {
        offerDownload(tr("No preview for this type of file."));
        return;
    }
    if (file.size > ArtifactKind::previewCap(m_kind)) {
        offerDownload(tr("%1 is too large to preview (%2; previews stop at %3).")
                          .arg(file.name(), RunFormat::dataSize(file.size),
                               RunFormat::dataSize(ArtifactKind::previewCap(m_kind))));
        return;
    }
    fetch();
}

void ArtifactPreview::fetch()
{
    if (!m_source) {
        offerDownload(tr("This store cannot show artifact contents."));
        return;
    }
    m_placeholder->setText(tr("Loading %1…").arg(m_file.name()));
    showPage(Page::Loading);
    const quint64 generation = m_generation;
    AsyncResult::watch(m_source->read(m_file.path, ArtifactKind::previewCap(m_kind)), this,
                       [this, generation](const Result<QByteArray> &data) {
                           if (generation != m_generation)
                               return; // another file was selected meanwhile
                           if (!data.ok()) {
                               m_placeholder->setText(
                                   tr("Could not load the preview.\n%1").arg(data.error().message));
                               showPage(Page::Error);
                               emit shown();
                               return;
                           }
                           present(data.value());
                           emit shown();
                       });
}

void ArtifactPreview::present(const QByteArray &data)
{
    switch (m_kind) {
    case PreviewKind::MlModel: {
        const Result<MlModelSummary> summary = MlModelSummary::parse(data);
        m_summary->setHtml(summary.ok()
                               ? summary.value().toHtml()
                               : QStringLiteral("<p>%1</p>").arg(summary.error().message.toHtmlEscaped()));
        m_yaml->setPlainText(QString::fromUtf8(data));
        SyntaxHighlighting::attach(m_yaml->document(), Language::Yaml);
        showPage(Page::MlModel);
        return;
    }
    case PreviewKind::Image: {
        QImage image;
        if (!image.loadFromData(data)) {
            offerDownload(tr("This image could not be decoded."));
            return;
        }
        showImage(image);
        return;
    }
    case PreviewKind::Svg: {
        QSvgRenderer renderer(data);
        if (!renderer.isValid()) {
            offerDownload(tr("This SVG could not be rendered."));
            return;
        }
        QSize size = renderer.defaultSize().isValid() ? renderer.defaultSize() : QSize(512, 512);
        if (size.width() > 2048 || size.height() > 2048)
            size.scale(2048, 2048, Qt::KeepAspectRatio);
        const qreal dpr = devicePixelRatioF();
        QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        image.setDevicePixelRatio(dpr);
        showImage(image);
        return;
    }
    case PreviewKind::Csv: {
        const bool tabs = m_file.name().endsWith(QLatin1String(".tsv"), Qt::CaseInsensitive);
        const CsvPreview csv = CsvPreview::parse(data, tabs ? QLatin1Char('\t') : QLatin1Char(','));
        m_tableModel->clear();
        if (!csv.rows.isEmpty()) {
            m_tableModel->setHorizontalHeaderLabels(csv.rows.first());
            for (qsizetype r = 1; r < csv.rows.size(); ++r) {
                QList<QStandardItem *> items;
                for (const QString &cell : csv.rows.at(r))
                    items << new QStandardItem(cell);
                m_tableModel->appendRow(items);
            }
        }
        m_table->resizeColumnsToContents();
        if (csv.truncated)
            m_title->setText(m_title->text() + tr("  (first %1 rows)").arg(csv.rows.size() - 1));
        showPage(Page::Table);
        return;
    }
    case PreviewKind::Log:
        m_text->setPlainText(QString::fromUtf8(data));
        qDeleteAll(
            m_text->document()->findChildren<QSyntaxHighlighter *>(QString(), Qt::FindDirectChildrenOnly));
        new LogHighlighter(m_text->document()); // the document owns it
        showPage(Page::Text);
        return;
    default:
        m_text->setPlainText(QString::fromUtf8(data));
        qDeleteAll(m_text->document()->findChildren<LogHighlighter *>());
        SyntaxHighlighting::attach(m_text->document(), ArtifactKind::language(m_file.name()));
        showPage(Page::Text);
        return;
    }
}

void ArtifactPreview::offerDownload(const QString &text)
{
    m_message->setText(text);
    showPage(Page::DownloadOnly);
    emit shown();
}

void ArtifactPreview::showImage(const QImage &image)
{
    m_original = image;
    showPage(Page::Image);
    fitImage();
}

void ArtifactPreview::fitImage()
{
    if (m_page != Page::Image || m_original.isNull())
        return;
    // Large images shrink to the pane; small ones keep their pixels.
    const QSize room = m_imageScroll->viewport()->size() * m_original.devicePixelRatio();
    QImage shown = m_original;
    if (shown.width() > room.width() || shown.height() > room.height())
        shown = m_original.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    m_image->setPixmap(QPixmap::fromImage(shown));
}

void ArtifactPreview::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitImage();
}

void ArtifactPreview::showPage(Page page)
{
    m_page = page;
    switch (page) {
    case Page::Empty:
    case Page::Loading:
    case Page::Error:
        m_stack->setCurrentWidget(m_placeholder);
        break;
    case Page::Text:
        m_stack->setCurrentWidget(m_text);
        break;
    case Page::MlModel:
        m_stack->setCurrentWidget(m_modelPage);
        break;
    case Page::Image:
        m_stack->setCurrentWidget(m_imageScroll);
        break;
    case Page::Table:
        m_stack->setCurrentWidget(m_table);
        break;
    case Page::DownloadOnly:
        m_stack->setCurrentWidget(m_downloadPage);
        break;
    }
}

} // namespace mltf::ui
