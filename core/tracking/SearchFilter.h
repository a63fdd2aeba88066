#pragma once

#include "tracking/Experiment.h"
#include "tracking/Run.h"
#include "util/Error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mltf::tracking {

// What a filter or order_by clause refers to.
struct SearchIdentifier
{
    enum class Entity { Metric, Param, Tag, Attribute };
    Entity entity = Entity::Attribute;
    QString key; // attribute names are canonical ("start_time", "run_name", "name" ...)
};

struct SearchClause
{
    SearchIdentifier identifier;
    QString comparator; // upper case: = != < <= > >= LIKE ILIKE IN "NOT IN"
    QString text;       // string value
    double number = 0;  // numeric value (metrics, times)
    bool isNumber = false;
    QStringList list;   // IN / NOT IN
};

// The subset of MLflow's search filter syntax that FileStore and the test server evaluate: clauses joined by
// AND, `<entity>.<key> <comparator> <value>` with keys plain, in backticks or double quotes. Errors carry
// the server's wording (code INVALID_PARAMETER_VALUE) so the test server can answer like MLflow.
class SearchFilter
{
public:
    enum class Target { Runs, Experiments };

    static Result<SearchFilter> parse(const QString &filter, Target target);
    // Reads one identifier at `pos` (advancing it); used by SearchOrder too.
    static Result<SearchIdentifier> parseIdentifier(const QString &text, int &pos, Target target);

    bool matches(const Run &run) const;
    bool matches(const Experiment &experiment) const;
    const QList<SearchClause> &clauses() const { return m_clauses; }
    bool isEmpty() const { return m_clauses.isEmpty(); }

    // Attribute values used by filters and ordering (empty / 0 when unset).
    static QString stringAttribute(const Run &run, const QString &name);
    static bool isNumericAttribute(const QString &name);
    static double numericAttribute(const Run &run, const QString &name);
    static double numericAttribute(const Experiment &experiment, const QString &name);

private:
    QList<SearchClause> m_clauses;
};

} // namespace mltf::tracking
