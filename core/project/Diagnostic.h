#pragma once

#include <QList>
#include <QString>

namespace mltf::project {

// One finding about a project file, located as precisely as the parser allows.
struct Diagnostic
{
    enum class Severity { Error, Warning, Info };

    Severity severity = Severity::Error;
    QString file;    // file name relative to the project dir, e.g. "MLproject"
    QString path;    // field path, e.g. "entry_points.main.parameters.alpha.default", "python", "time"
    int line = 0;    // 1-based, 0 unknown
    int column = 0;  // 1-based, 0 unknown
    QString message; // for a person
    QString fixId;   // non-empty when Project::applyFix can repair it, e.g. "json.remove-trailing-comma"

    static QString severityName(Severity severity); // "error", "warning", "info"
    // `file:line:column: severity: message` (line/column 0 when unknown).
    QString toString() const;

    bool operator==(const Diagnostic &other) const;
    bool operator!=(const Diagnostic &other) const { return !(*this == other); }
};

using Diagnostics = QList<Diagnostic>;

// True when any diagnostic in the list is an error.
bool hasError(const Diagnostics &diagnostics);

} // namespace mltf::project
