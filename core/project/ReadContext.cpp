#include "project/ReadContext.h"

namespace mltf::project {

void ReadContext::report(Diagnostic::Severity severity, const DocNode *at, const QString &path,
                         const QString &message, const QString &fixId)
{
    Diagnostic d;
    d.severity = severity;
    d.path = path;
    if (at) {
        d.line = at->line;
        d.column = at->column;
    }
    d.message = message;
    d.fixId = fixId;
    diagnostics.append(d);
}

QString ReadContext::scalarText(const DocNode &node, const QString &path)
{
    if (node.isScalar())
        return node.scalar;
    if (node.isNull())
        return {};
    error(&node, path, tr("\"%1\" must be a single value, not a %2.").arg(path, node.isMap() ? tr("mapping") : tr("list")));
    return {};
}

QStringList ReadContext::stringList(const DocNode &node, const QString &path, bool requireStrings)
{
    if (node.isNull())
        return {};
    if (!node.isSeq()) {
        error(&node, path, tr("\"%1\" must be a list.").arg(path));
        return {};
    }
    QStringList out;
    for (int i = 0; i < node.size(); ++i) {
        const DocNode &item = node.values[size_t(i)];
        const QString itemPath = join(path, QString::number(i));
        if (!item.isScalar()) {
            error(&item, itemPath, tr("Each item of \"%1\" must be a single value.").arg(path));
            continue;
        }
        if (requireStrings && !item.isString()) {
            error(&item, itemPath,
                  tr("The item %1 of \"%2\" is not a string for YAML: quote it (\"%1\").").arg(item.scalar, path));
        }
        out << item.scalar;
    }
    return out;
}

bool ReadContext::requireMap(const DocNode &root, const QString &emptyMessage)
{
    if (root.isMap())
        return true;
    if (root.isNull())
        error(nullptr, QString(), emptyMessage);
    else
        error(&root, QString(), tr("The file must contain a mapping of keys to values."));
    return false;
}

} // namespace mltf::project
