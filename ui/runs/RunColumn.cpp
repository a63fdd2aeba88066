#include "runs/RunColumn.h"

#include "tracking/SearchSyntax.h"

namespace mltf::ui {

using tracking::SearchSyntax;

QList<RunColumn> RunColumn::fixedColumns()
{
    return {{Kind::Status, {}}, {Kind::Name, {}},   {Kind::Start, {}},
            {Kind::Duration, {}}, {Kind::User, {}}, {Kind::Source, {}}};
}

QString RunColumn::title() const
{
    switch (kind) {
    case Kind::Status: return tr("Status");
    case Kind::Name: return tr("Run name");
    case Kind::Start: return tr("Started");
    case Kind::Duration: return tr("Duration");
    case Kind::User: return tr("User");
    case Kind::Source: return tr("Source");
    case Kind::Param:
    case Kind::Metric: return key;
    }
    return {};
}

QString RunColumn::orderByIdentifier() const
{
    switch (kind) {
    case Kind::Status: return SearchSyntax::identifier(SearchSyntax::Entity::Attribute, QStringLiteral("status"));
    case Kind::Name: return SearchSyntax::identifier(SearchSyntax::Entity::Attribute, QStringLiteral("run_name"));
    case Kind::Start: return SearchSyntax::identifier(SearchSyntax::Entity::Attribute, QStringLiteral("start_time"));
    case Kind::User: return SearchSyntax::identifier(SearchSyntax::Entity::Attribute, QStringLiteral("user_id"));
    case Kind::Source: return SearchSyntax::identifier(SearchSyntax::Entity::Tag, QStringLiteral("mlflow.source.name"));
    case Kind::Param: return SearchSyntax::identifier(SearchSyntax::Entity::Param, key);
    case Kind::Metric: return SearchSyntax::identifier(SearchSyntax::Entity::Metric, key);
    case Kind::Duration: break;
    }
    return {};
}

} // namespace mltf::ui
