#pragma once

#include "highlight/SyntaxHighlighting.h"
#include "tracking/FileInfo.h"

#include <QIcon>
#include <QString>

namespace mltf::ui {

// How an artifact is previewed, decided by its file name: text (with a language), MLflow's MLmodel, an
// image, CSV, or nothing (binary: download only).
enum class PreviewKind { Text, Log, MlModel, Image, Svg, Csv, Binary };

class ArtifactKind
{
public:
    static constexpr qint64 kTextCap = 10 * 1024 * 1024; // previews above these sizes are not fetched
    static constexpr qint64 kImageCap = 50 * 1024 * 1024;

    static PreviewKind of(const QString &fileName);
    // The highlighting language of a text preview (MLmodel is YAML).
    static Language language(const QString &fileName);
    // The largest size previewed for this kind (0 for Binary: never).
    static qint64 previewCap(PreviewKind kind);
    // True when `file` is small enough to fetch for a preview.
    static bool previewable(const tracking::FileInfo &file);
    // A themed icon by type (folder, model, image, table, code, text, binary).
    static QIcon icon(const tracking::FileInfo &file);
};

} // namespace mltf::ui
