#pragma once

#include "project/Diagnostic.h"
#include "project/DocNode.h"

#include <QCoreApplication>

namespace mltf::project {

// Collects what a reader finds while turning a DocNode tree into a value, and reads the common shapes
// (a string, a list of strings) with one consistent set of messages.
class ReadContext
{
    Q_DECLARE_TR_FUNCTIONS(ReadContext)

public:
    Diagnostics diagnostics;

    void report(Diagnostic::Severity severity, const DocNode *at, const QString &path, const QString &message,
                const QString &fixId = {});
    void error(const DocNode *at, const QString &path, const QString &message, const QString &fixId = {})
    {
        report(Diagnostic::Severity::Error, at, path, message, fixId);
    }
    void warning(const DocNode *at, const QString &path, const QString &message, const QString &fixId = {})
    {
        report(Diagnostic::Severity::Warning, at, path, message, fixId);
    }
    void info(const DocNode *at, const QString &path, const QString &message, const QString &fixId = {})
    {
        report(Diagnostic::Severity::Info, at, path, message, fixId);
    }

    // The text of a scalar value (any scalar type); an error for a list or mapping. Null gives "".
    QString scalarText(const DocNode &node, const QString &path);
    // A list of scalars; null gives an empty list, anything else an error. With `requireStrings`, items YAML
    // reads as numbers or booleans are errors.
    QStringList stringList(const DocNode &node, const QString &path, bool requireStrings);
    // The root must be a mapping; an empty file is reported with `emptyMessage`.
    bool requireMap(const DocNode &root, const QString &emptyMessage);

    static QString join(const QString &path, const QString &segment)
    {
        return path.isEmpty() ? segment : path + QLatin1Char('.') + segment;
    }
};

} // namespace mltf::project
