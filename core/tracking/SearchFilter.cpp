#include "tracking/SearchFilter.h"

#include <QHash>
#include <QRegularExpression>

#include <cmath>

namespace mltf::tracking {

namespace {

using Entity = SearchIdentifier::Entity;

Error invalid(const QString &message)
{
    Error e = Error::make(Error::Kind::InvalidInput, message);
    e.code = QStringLiteral("INVALID_PARAMETER_VALUE");
    e.httpStatus = 400;
    return e;
}

const QStringList &runStringAttributes()
{
    static const QStringList names{QStringLiteral("run_id"),       QStringLiteral("run_name"),
                                   QStringLiteral("status"),       QStringLiteral("user_id"),
                                   QStringLiteral("artifact_uri"), QStringLiteral("lifecycle_stage")};
    return names;
}

const QStringList &runNumericAttributes()
{
    static const QStringList names{QStringLiteral("start_time"), QStringLiteral("end_time")};
    return names;
}

const QStringList &experimentAttributes()
{
    static const QStringList names{QStringLiteral("name"), QStringLiteral("experiment_id"),
                                   QStringLiteral("creation_time"), QStringLiteral("last_update_time")};
    return names;
}

void skipSpaces(const QString &text, int &pos)
{
    while (pos < text.size() && text.at(pos).isSpace())
        ++pos;
}

bool isPlainChar(QChar c)
{
    return (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('_') || c == QLatin1Char('.');
}

bool isStopChar(QChar c)
{
    return c.isSpace() || c == QLatin1Char('=') || c == QLatin1Char('!') || c == QLatin1Char('<') ||
           c == QLatin1Char('>') || c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char(',');
}

// A quoted string starting at pos ('…', "…" or `…`); backslash escapes and doubled quotes allowed.
bool readQuoted(const QString &text, int &pos, QString &out)
{
    const QChar quote = text.at(pos);
    int i = pos + 1;
    out.clear();
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            out += text.at(i + 1);
            i += 2;
            continue;
        }
        if (c == quote) {
            if (i + 1 < text.size() && text.at(i + 1) == quote) {
                out += quote;
                i += 2;
                continue;
            }
            pos = i + 1;
            return true;
        }
        out += c;
        ++i;
    }
    return false;
}

QString canonicalAttribute(const QString &name)
{
    if (name == QLatin1String("created") || name == QLatin1String("Created"))
        return QStringLiteral("start_time");
    if (name == QLatin1String("run name") || name == QLatin1String("Run name"))
        return QStringLiteral("run_name");
    return name;
}

bool likeMatches(const QString &value, const QString &pattern, bool caseInsensitive)
{
    QString rx;
    for (QChar c : pattern) {
        if (c == QLatin1Char('%'))
            rx += QLatin1String(".*");
        else if (c == QLatin1Char('_'))
            rx += QLatin1Char('.');
        else
            rx += QRegularExpression::escape(QString(c));
    }
    QRegularExpression re(QRegularExpression::anchoredPattern(rx),
                          caseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                          : QRegularExpression::NoPatternOption);
    return re.match(value).hasMatch();
}

bool compareStrings(const QString &value, const SearchClause &c)
{
    const QString &op = c.comparator;
    if (op == QLatin1String("="))
        return value == c.text;
    if (op == QLatin1String("!="))
        return value != c.text;
    if (op == QLatin1String("LIKE"))
        return likeMatches(value, c.text, false);
    if (op == QLatin1String("ILIKE"))
        return likeMatches(value, c.text, true);
    if (op == QLatin1String("IN"))
        return c.list.contains(value);
    if (op == QLatin1String("NOT IN"))
        return !c.list.contains(value);
    return false;
}

bool compareNumbers(double value, const SearchClause &c)
{
    const QString &op = c.comparator;
    if (op == QLatin1String("="))
        return value == c.number;
    if (op == QLatin1String("!="))
        return value != c.number;
    if (op == QLatin1String("<"))
        return value < c.number;
    if (op == QLatin1String("<="))
        return value <= c.number;
    if (op == QLatin1String(">"))
        return value > c.number;
    if (op == QLatin1String(">="))
        return value >= c.number;
    return false;
}

QString comparatorSet(bool numeric)
{
    return numeric ? QStringLiteral("{'!=', '<', '<=', '=', '>', '>='}")
                   : QStringLiteral("{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}");
}

} // namespace

Result<SearchIdentifier> SearchFilter::parseIdentifier(const QString &text, int &pos, Target target)
{
    skipSpaces(text, pos);
    const int start = pos;
    SearchIdentifier id;
    QString entity;
    QString key;
    if (pos < text.size() && (text.at(pos) == QLatin1Char('`') || text.at(pos) == QLatin1Char('"'))) {
        if (!readQuoted(text, pos, key))
            return invalid(QStringLiteral("Invalid filter string: unterminated quote at '%1'").arg(text.mid(start)));
    } else {
        while (pos < text.size() && !isStopChar(text.at(pos)) && text.at(pos) != QLatin1Char('.'))
            ++pos;
        entity = text.mid(start, pos - start);
        if (pos < text.size() && text.at(pos) == QLatin1Char('.')) {
            ++pos;
            if (pos < text.size() && (text.at(pos) == QLatin1Char('`') || text.at(pos) == QLatin1Char('"'))) {
                if (!readQuoted(text, pos, key))
                    return invalid(
                        QStringLiteral("Invalid filter string: unterminated quote at '%1'").arg(text.mid(start)));
            } else {
                const int keyStart = pos;
                while (pos < text.size() && !isStopChar(text.at(pos)))
                    ++pos;
                key = text.mid(keyStart, pos - keyStart);
            }
        } else {
            key = entity;
            entity.clear();
        }
        const QString raw = text.mid(start, pos - start);
        bool quoted = raw.contains(QLatin1Char('`')) || raw.contains(QLatin1Char('"'));
        for (QChar c : raw)
            if (!quoted && !isPlainChar(c))
                return invalid(QStringLiteral("Invalid comparison clause. Expected 'Identifier' found '%1'").arg(raw));
        if (raw.isEmpty())
            return invalid(QStringLiteral("Invalid comparison clause. Expected 'Identifier' found '%1'")
                               .arg(text.mid(start).section(QLatin1Char(' '), 0, 0)));
    }

    const QString lower = entity.toLower();
    if (lower.isEmpty() || lower == QLatin1String("attribute") || lower == QLatin1String("attributes") ||
        lower == QLatin1String("attr") || lower == QLatin1String("run"))
        id.entity = Entity::Attribute;
    else if (lower == QLatin1String("metric") || lower == QLatin1String("metrics"))
        id.entity = Entity::Metric;
    else if (lower == QLatin1String("param") || lower == QLatin1String("params") ||
             lower == QLatin1String("parameter") || lower == QLatin1String("parameters"))
        id.entity = Entity::Param;
    else if (lower == QLatin1String("tag") || lower == QLatin1String("tags"))
        id.entity = Entity::Tag;
    else
        return invalid(QStringLiteral("Invalid entity type '%1'. Valid values are ['metric', 'parameter', 'tag', "
                                      "'attribute']")
                           .arg(entity));
    if (target == Target::Experiments && (id.entity == Entity::Metric || id.entity == Entity::Param))
        return invalid(QStringLiteral("Invalid entity type '%1'. Valid values are ['tag', 'attribute']").arg(entity));

    if (id.entity == Entity::Attribute) {
        key = canonicalAttribute(key);
        const bool valid = target == Target::Runs
                               ? (runStringAttributes().contains(key) || runNumericAttributes().contains(key))
                               : experimentAttributes().contains(key);
        if (!valid) {
            const QStringList validKeys = target == Target::Runs
                                              ? runStringAttributes() + runNumericAttributes()
                                              : experimentAttributes();
            return invalid(QStringLiteral("Invalid attribute key '%1' specified. Valid keys are '%2'")
                               .arg(key, validKeys.join(QLatin1String("', '"))));
        }
    }
    if (key.isEmpty())
        return invalid(QStringLiteral("Invalid comparison clause. Expected 'Identifier' found '%1'")
                           .arg(text.mid(start, pos - start)));
    id.key = key;
    return id;
}

Result<SearchFilter> SearchFilter::parse(const QString &filter, Target target)
{
    SearchFilter result;
    const QString text = filter.trimmed();
    int pos = 0;
    while (pos < text.size()) {
        SearchClause clause;
        Result<SearchIdentifier> id = parseIdentifier(text, pos, target);
        if (!id.ok())
            return id.error();
        clause.identifier = id.value();

        // Comparator: symbols or a keyword.
        skipSpaces(text, pos);
        const int opStart = pos;
        while (pos < text.size() && QStringLiteral("<>=!~").contains(text.at(pos)))
            ++pos;
        QString op = text.mid(opStart, pos - opStart);
        if (op.isEmpty()) {
            while (pos < text.size() && text.at(pos).isLetter())
                ++pos;
            op = text.mid(opStart, pos - opStart).toUpper();
            if (op == QLatin1String("NOT")) {
                skipSpaces(text, pos);
                const int inStart = pos;
                while (pos < text.size() && text.at(pos).isLetter())
                    ++pos;
                op += QLatin1Char(' ') + text.mid(inStart, pos - inStart).toUpper();
            }
        }
        const bool numeric = clause.identifier.entity == Entity::Metric ||
                             (clause.identifier.entity == Entity::Attribute && isNumericAttribute(clause.identifier.key));
        static const QStringList numericOps{QStringLiteral("="),  QStringLiteral("!="), QStringLiteral("<"),
                                            QStringLiteral("<="), QStringLiteral(">"),  QStringLiteral(">=")};
        static const QStringList stringOps{QStringLiteral("="),    QStringLiteral("!="), QStringLiteral("LIKE"),
                                           QStringLiteral("ILIKE"), QStringLiteral("IN"), QStringLiteral("NOT IN")};
        if (!(numeric ? numericOps : stringOps).contains(op))
            return invalid(QStringLiteral("Invalid comparator '%1' not one of '%2'").arg(op, comparatorSet(numeric)));
        clause.comparator = op;

        // Value.
        skipSpaces(text, pos);
        if (pos >= text.size())
            return invalid(QStringLiteral("Invalid filter '%1': missing a value after '%2'").arg(filter, op));
        const QChar c = text.at(pos);
        if (op.endsWith(QLatin1String("IN"))) {
            if (c != QLatin1Char('('))
                return invalid(QStringLiteral("While parsing a list in the query, expected a non-empty list of "
                                              "string values, but got '%1'")
                                   .arg(text.mid(pos)));
            ++pos;
            while (true) {
                skipSpaces(text, pos);
                QString item;
                if (pos >= text.size() || (text.at(pos) != QLatin1Char('\'') && text.at(pos) != QLatin1Char('"')) ||
                    !readQuoted(text, pos, item))
                    return invalid(QStringLiteral("While parsing a list in the query, expected a non-empty list of "
                                                  "string values"));
                clause.list << item;
                skipSpaces(text, pos);
                if (pos < text.size() && text.at(pos) == QLatin1Char(',')) {
                    ++pos;
                    continue;
                }
                if (pos < text.size() && text.at(pos) == QLatin1Char(')')) {
                    ++pos;
                    break;
                }
                return invalid(QStringLiteral("While parsing a list in the query, expected ')'"));
            }
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            if (!readQuoted(text, pos, clause.text))
                return invalid(QStringLiteral("Invalid filter string: unterminated quote at '%1'").arg(text.mid(pos)));
            if (numeric) {
                bool ok = false;
                clause.number = clause.text.toDouble(&ok);
                if (!ok || clause.identifier.entity == Entity::Metric)
                    return invalid(QStringLiteral("Expected numeric value type for metric. Found %1")
                                       .arg(QLatin1Char('\'') + clause.text + QLatin1Char('\'')));
                clause.isNumber = true;
            }
        } else {
            const int valueStart = pos;
            while (pos < text.size() && !text.at(pos).isSpace())
                ++pos;
            const QString raw = text.mid(valueStart, pos - valueStart);
            bool ok = false;
            clause.number = raw.toDouble(&ok);
            if (!ok || !numeric)
                return invalid(numeric ? QStringLiteral("Expected numeric value type for metric. Found %1").arg(raw)
                                       : QStringLiteral("Expected a quoted string value for %1. Found %2")
                                             .arg(clause.identifier.key, raw));
            clause.isNumber = true;
        }
        result.m_clauses.append(clause);

        // AND or the end.
        skipSpaces(text, pos);
        if (pos >= text.size())
            break;
        const int andStart = pos;
        while (pos < text.size() && text.at(pos).isLetter())
            ++pos;
        if (text.mid(andStart, pos - andStart).toUpper() != QLatin1String("AND"))
            return invalid(QStringLiteral("Invalid clause(s) in filter string: '%1'").arg(text.mid(andStart)));
    }
    return result;
}

bool SearchFilter::isNumericAttribute(const QString &name)
{
    return runNumericAttributes().contains(name) || name == QLatin1String("creation_time") ||
           name == QLatin1String("last_update_time");
}

QString SearchFilter::stringAttribute(const Run &run, const QString &name)
{
    if (name == QLatin1String("run_id"))
        return run.info.runId;
    if (name == QLatin1String("run_name"))
        return run.displayName();
    if (name == QLatin1String("status"))
        return runStatusName(run.info.status);
    if (name == QLatin1String("user_id"))
        return run.info.userId;
    if (name == QLatin1String("artifact_uri"))
        return run.info.artifactUri;
    if (name == QLatin1String("lifecycle_stage"))
        return run.info.lifecycleStage;
    return {};
}

double SearchFilter::numericAttribute(const Run &run, const QString &name)
{
    if (name == QLatin1String("start_time"))
        return double(run.info.startTime);
    if (name == QLatin1String("end_time"))
        return double(run.info.endTime);
    return 0;
}

double SearchFilter::numericAttribute(const Experiment &experiment, const QString &name)
{
    if (name == QLatin1String("creation_time"))
        return double(experiment.creationTime);
    if (name == QLatin1String("last_update_time"))
        return double(experiment.lastUpdateTime);
    return 0;
}

bool SearchFilter::matches(const Run &run) const
{
    for (const SearchClause &c : m_clauses) {
        const QString &key = c.identifier.key;
        switch (c.identifier.entity) {
        case Entity::Metric: {
            const auto m = run.metric(key);
            if (!m || !compareNumbers(m->value, c))
                return false;
            break;
        }
        case Entity::Param: {
            const auto p = run.param(key);
            if (!p || !compareStrings(*p, c))
                return false;
            break;
        }
        case Entity::Tag: {
            bool found = false;
            for (const Tag &t : run.tags)
                if (t.key == key) {
                    found = compareStrings(t.value, c);
                    break;
                }
            if (!found)
                return false;
            break;
        }
        case Entity::Attribute:
            if (isNumericAttribute(key) ? !compareNumbers(numericAttribute(run, key), c)
                                        : !compareStrings(stringAttribute(run, key), c))
                return false;
            break;
        }
    }
    return true;
}

bool SearchFilter::matches(const Experiment &experiment) const
{
    for (const SearchClause &c : m_clauses) {
        const QString &key = c.identifier.key;
        if (c.identifier.entity == Entity::Tag) {
            bool found = false;
            for (const Tag &t : experiment.tags)
                if (t.key == key) {
                    found = compareStrings(t.value, c);
                    break;
                }
            if (!found)
                return false;
        } else if (isNumericAttribute(key)) {
            if (!compareNumbers(numericAttribute(experiment, key), c))
                return false;
        } else {
            const QString value = key == QLatin1String("name") ? experiment.name : experiment.experimentId;
            if (!compareStrings(value, c))
                return false;
        }
    }
    return true;
}

} // namespace mltf::tracking
