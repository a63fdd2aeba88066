#include "project/Diagnostic.h"

#include <QCoreApplication>

namespace mltf::project {

QString Diagnostic::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("info");
    }
    return QStringLiteral("error");
}

QString Diagnostic::toString() const
{
    // A diagnostic about a whole file points at its start, so every line keeps the file:line:column shape.
    return QStringLiteral("%1:%2:%3: %4: %5")
        .arg(file)
        .arg(qMax(line, 1))
        .arg(qMax(column, 1))
        .arg(severityName(severity), message);
}

bool Diagnostic::operator==(const Diagnostic &o) const
{
    return severity == o.severity && file == o.file && path == o.path && line == o.line &&
           column == o.column && message == o.message && fixId == o.fixId;
}

bool hasError(const Diagnostics &diagnostics)
{
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            return true;
    }
    return false;
}

} // namespace mltf::project
