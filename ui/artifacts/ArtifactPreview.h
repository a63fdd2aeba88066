#pragma once

#include "artifacts/ArtifactKind.h"
#include "tracking/FileInfo.h"

#include <QImage>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class QTextBrowser;

namespace mltf::tracking {
class ArtifactSource;
}

namespace mltf::ui {

class CodeView;

// The preview pane of the Artifacts tab: highlighted text (YAML, JSON, Python, shell, logs), MLmodel as a
// readable summary beside its YAML, images (PNG, JPEG, SVG), CSV as a table. Files over the size cap (10 MB
// text, 50 MB image), binaries and folders are not fetched: the pane offers Download instead.
class ArtifactPreview : public QWidget
{
    Q_OBJECT
public:
    enum class Page { Empty, Loading, Text, MlModel, Image, Table, DownloadOnly, Error };

    explicit ArtifactPreview(QWidget *parent = nullptr);
    ~ArtifactPreview() override;

    // Where bytes come from (one run); nullptr clears.
    void setSource(std::shared_ptr<tracking::ArtifactSource> source);
    void showArtifact(const tracking::FileInfo &file);
    void clear();

    Page page() const { return m_page; }
    const tracking::FileInfo &artifact() const { return m_file; }
    QTextBrowser *summaryView() const { return m_summary; }
    CodeView *textView() const { return m_text; }
    CodeView *yamlView() const { return m_yaml; }
    QTableView *tableView() const { return m_table; }
    QLabel *imageLabel() const { return m_image; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *downloadButton() const { return m_download; }

signals:
    // Download asked for from the pane (a too big file, a binary, a folder, the model folder of an MLmodel).
    void downloadRequested(const mltf::tracking::FileInfo &artifact);
    // The preview of the current artifact is on screen (content, download offer or error).
    void shown();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fetch();
    void present(const QByteArray &data);
    void showPage(Page page);
    void offerDownload(const QString &text);
    void showImage(const QImage &image);
    void fitImage();

    std::shared_ptr<tracking::ArtifactSource> m_source;
    tracking::FileInfo m_file;
    PreviewKind m_kind = PreviewKind::Binary;
    Page m_page = Page::Empty;
    quint64 m_generation = 0;
    QImage m_original;

    QLabel *m_title;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    CodeView *m_text;
    QWidget *m_modelPage;
    QTextBrowser *m_summary;
    CodeView *m_yaml;
    QPushButton *m_downloadModel;
    QScrollArea *m_imageScroll;
    QLabel *m_image;
    QTableView *m_table;
    QStandardItemModel *m_tableModel;
    QWidget *m_downloadPage;
    QLabel *m_message;
    QPushButton *m_download;
};

} // namespace mltf::ui
