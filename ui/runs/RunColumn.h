#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace mltf::ui {

// One column of the runs table: a fixed attribute or a user-chosen param/metric.
struct RunColumn
{
    Q_DECLARE_TR_FUNCTIONS(mltf::ui::RunColumn)

public:
    enum class Kind { Status, Name, Start, Duration, User, Source, Param, Metric };

    Kind kind = Kind::Name;
    QString key; // Param and Metric only

    static RunColumn param(const QString &key) { return {Kind::Param, key}; }
    static RunColumn metric(const QString &key) { return {Kind::Metric, key}; }
    // Status, Name, Start, Duration, User, Source.
    static QList<RunColumn> fixedColumns();

    bool isKeyed() const { return kind == Kind::Param || kind == Kind::Metric; }
    // The header text ("Status", "lr", "val_loss").
    QString title() const;
    // The MLflow order_by identifier, or empty when the server cannot sort by it (Duration).
    QString orderByIdentifier() const;

    bool operator==(const RunColumn &o) const { return kind == o.kind && key == o.key; }
    bool operator!=(const RunColumn &o) const { return !(*this == o); }
};

} // namespace mltf::ui
