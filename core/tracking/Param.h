#pragma once

#include <QList>
#include <QString>

namespace mltf::tracking {

// A run parameter. Values are strings as logged (Python's str() of the value); they never change once logged.
struct Param
{
    QString key;
    QString value;

    bool operator==(const Param &o) const { return key == o.key && value == o.value; }
};

using Params = QList<Param>;

} // namespace mltf::tracking
