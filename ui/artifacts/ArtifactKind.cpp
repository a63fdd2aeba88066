#include "artifacts/ArtifactKind.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyle>

namespace mltf::ui {

namespace {

bool oneOf(const QString &suffix, std::initializer_list<const char *> suffixes)
{
    for (const char *s : suffixes)
        if (suffix == QLatin1String(s))
            return true;
    return false;
}

} // namespace

PreviewKind ArtifactKind::of(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (info.fileName() == QLatin1String("MLmodel"))
        return PreviewKind::MlModel;
    const QString suffix = info.suffix().toLower();
    if (oneOf(suffix, {"png", "jpg", "jpeg", "gif", "bmp"}))
        return PreviewKind::Image;
    if (suffix == QLatin1String("svg"))
        return PreviewKind::Svg;
    if (oneOf(suffix, {"csv", "tsv"}))
        return PreviewKind::Csv;
    if (oneOf(suffix, {"log", "out", "err"}))
        return PreviewKind::Log;
    if (oneOf(suffix, {"txt", "md", "json", "yaml", "yml", "py", "sh", "bash", "toml", "cfg", "ini", "conf",
                       "xml", "html", "rst", "jsonl", "ipynb", "r", "sql"}) ||
        info.fileName() == QLatin1String("MLproject") || info.fileName() == QLatin1String("Dockerfile"))
        return PreviewKind::Text;
    return PreviewKind::Binary;
}

Language ArtifactKind::language(const QString &fileName)
{
    if (QFileInfo(fileName).fileName() == QLatin1String("MLmodel"))
        return Language::Yaml;
    return SyntaxHighlighting::languageForFileName(fileName);
}

qint64 ArtifactKind::previewCap(PreviewKind kind)
{
    switch (kind) {
    case PreviewKind::Image:
    case PreviewKind::Svg:
        return kImageCap;
    case PreviewKind::Binary:
        return 0;
    default:
        return kTextCap;
    }
}

bool ArtifactKind::previewable(const tracking::FileInfo &file)
{
    const PreviewKind kind = of(file.name());
    return !file.isDir && kind != PreviewKind::Binary && file.size <= previewCap(kind);
}

QIcon ArtifactKind::icon(const tracking::FileInfo &file)
{
    QStyle *style = QApplication::style();
    if (file.isDir)
        return style->standardIcon(QStyle::SP_DirIcon);
    auto themed = [style](const char *name, QStyle::StandardPixmap fallback) {
        return QIcon::fromTheme(QLatin1String(name), style->standardIcon(fallback));
    };
    switch (of(file.name())) {
    case PreviewKind::MlModel:
        return themed("application-x-model", QStyle::SP_FileDialogInfoView);
    case PreviewKind::Image:
    case PreviewKind::Svg:
        return themed("image-x-generic", QStyle::SP_FileIcon);
    case PreviewKind::Csv:
        return themed("x-office-spreadsheet", QStyle::SP_FileDialogDetailedView);
    case PreviewKind::Log:
        return themed("text-x-log", QStyle::SP_FileIcon);
    case PreviewKind::Text:
        return themed("text-x-generic", QStyle::SP_FileIcon);
    case PreviewKind::Binary:
        return themed("application-octet-stream", QStyle::SP_DriveHDIcon);
    }
    return style->standardIcon(QStyle::SP_FileIcon);
}

} // namespace mltf::ui
