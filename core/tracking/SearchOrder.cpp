#include "tracking/SearchOrder.h"

#include <algorithm>
#include <optional>

namespace mltf::tracking {

namespace {

using Entity = SearchIdentifier::Entity;

// One sortable value: a number, a string, or missing (missing sorts last in both directions).
struct SortValue
{
    std::optional<double> number;
    std::optional<QString> text;
    bool missing() const { return !number && !text; }
};

SortValue valueOf(const Run &run, const SearchIdentifier &id)
{
    SortValue v;
    switch (id.entity) {
    case Entity::Metric:
        if (const auto m = run.metric(id.key))
            v.number = m->value;
        break;
    case Entity::Param:
        if (const auto p = run.param(id.key))
            v.text = *p;
        break;
    case Entity::Tag:
        for (const Tag &t : run.tags)
            if (t.key == id.key)
                v.text = t.value;
        break;
    case Entity::Attribute:
        if (SearchFilter::isNumericAttribute(id.key)) {
            const double n = SearchFilter::numericAttribute(run, id.key);
            if (n != 0)
                v.number = n;
        } else {
            v.text = SearchFilter::stringAttribute(run, id.key);
        }
        break;
    }
    return v;
}

SortValue valueOf(const Experiment &e, const SearchIdentifier &id)
{
    SortValue v;
    if (id.entity == Entity::Tag) {
        for (const Tag &t : e.tags)
            if (t.key == id.key)
                v.text = t.value;
    } else if (SearchFilter::isNumericAttribute(id.key)) {
        v.number = SearchFilter::numericAttribute(e, id.key);
    } else if (id.key == QLatin1String("experiment_id")) {
        bool ok = false;
        const double n = e.experimentId.toDouble(&ok);
        if (ok)
            v.number = n;
        else
            v.text = e.experimentId;
    } else {
        v.text = e.name;
    }
    return v;
}

// <0, 0, >0 with missing values last whatever the direction.
int compare(const SortValue &a, const SortValue &b, bool ascending)
{
    if (a.missing() || b.missing())
        return a.missing() == b.missing() ? 0 : (a.missing() ? 1 : -1);
    int c = 0;
    if (a.number && b.number)
        c = *a.number < *b.number ? -1 : (*a.number > *b.number ? 1 : 0);
    else
        c = QString::compare(a.text.value_or(QString()), b.text.value_or(QString()));
    return ascending ? c : -c;
}

} // namespace

Result<SearchOrder> SearchOrder::parse(const QStringList &orderBy, SearchFilter::Target target)
{
    SearchOrder order;
    for (const QString &clause : orderBy) {
        const QString text = clause.trimmed();
        int pos = 0;
        Result<SearchIdentifier> id = SearchFilter::parseIdentifier(text, pos, target);
        if (!id.ok())
            return id.error();
        Key key;
        key.identifier = id.value();
        const QString rest = text.mid(pos).trimmed().toUpper();
        if (rest == QLatin1String("DESC"))
            key.ascending = false;
        else if (!rest.isEmpty() && rest != QLatin1String("ASC")) {
            Error e = Error::make(Error::Kind::InvalidInput,
                                  QStringLiteral("Invalid order_by clause '%1'. Could not be parsed.").arg(clause));
            e.code = QStringLiteral("INVALID_PARAMETER_VALUE");
            e.httpStatus = 400;
            return e;
        }
        order.m_keys.append(key);
    }
    return order;
}

void SearchOrder::sort(QList<Run> &runs) const
{
    std::stable_sort(runs.begin(), runs.end(), [this](const Run &a, const Run &b) {
        for (const Key &k : m_keys) {
            const int c = compare(valueOf(a, k.identifier), valueOf(b, k.identifier), k.ascending);
            if (c != 0)
                return c < 0;
        }
        if (a.info.startTime != b.info.startTime)
            return a.info.startTime > b.info.startTime;
        return a.info.runId < b.info.runId;
    });
}

void SearchOrder::sort(QList<Experiment> &experiments) const
{
    std::stable_sort(experiments.begin(), experiments.end(), [this](const Experiment &a, const Experiment &b) {
        for (const Key &k : m_keys) {
            const int c = compare(valueOf(a, k.identifier), valueOf(b, k.identifier), k.ascending);
            if (c != 0)
                return c < 0;
        }
        if (a.creationTime != b.creationTime)
            return a.creationTime > b.creationTime;
        return a.experimentId < b.experimentId;
    });
}

} // namespace mltf::tracking
