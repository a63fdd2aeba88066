#include "tracking/SearchSyntax.h"

namespace mltf::tracking {

bool SearchSyntax::needsQuoting(const QString &key)
{
    if (key.isEmpty() || key.at(0).isDigit())
        return true;
    for (QChar c : key)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('_'))
            return true;
    return false;
}

QString SearchSyntax::identifier(Entity entity, const QString &key)
{
    QString prefix;
    switch (entity) {
    case Entity::Metric: prefix = QStringLiteral("metrics."); break;
    case Entity::Param: prefix = QStringLiteral("params."); break;
    case Entity::Tag: prefix = QStringLiteral("tags."); break;
    case Entity::Attribute: prefix = QStringLiteral("attributes."); break;
    }
    if (!needsQuoting(key))
        return prefix + key;
    QString escaped = key;
    escaped.remove(QLatin1Char('`')); // MLflow keys cannot contain backticks
    return prefix + QLatin1Char('`') + escaped + QLatin1Char('`');
}

QString SearchSyntax::orderBy(Entity entity, const QString &key, bool ascending)
{
    return identifier(entity, key) + (ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
}

QString SearchSyntax::stringLiteral(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace mltf::tracking
