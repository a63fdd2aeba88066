#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace mltf::ui {

// MLflow's MLmodel file read for people: the flavors with their main settings, the signature's inputs and
// outputs, the model size and where it came from.
struct MlModelSummary
{
    struct Flavor
    {
        QString name;                           // "pytorch", "python_function"
        QList<QPair<QString, QString>> details; // scalar settings ("pytorch_version", "2.11.0")
    };

    QList<Flavor> flavors;
    QStringList inputs; // "x: tensor float32 (-1, 4)" (empty: no signature)
    QStringList outputs;
    qint64 sizeBytes = -1; // model_size_bytes
    QString mlflowVersion;
    QString created;
    QString runId;
    QString artifactPath;

    QStringList flavorNames() const;
    // Parses the YAML; an InvalidInput error when it is not a mapping.
    static Result<MlModelSummary> parse(const QByteArray &yaml);
    // Rich text for a QTextBrowser.
    QString toHtml() const;
};

} // namespace mltf::ui
