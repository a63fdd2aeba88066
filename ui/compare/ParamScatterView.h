#pragma once

#include "util/Error.h"

#include <QChartView>
#include <QColor>

#include <optional>

namespace mltf::ui {

// One param of the compared runs against one metric: a point per run in the run's colour. Numeric params get
// a value axis (logarithmic when they span two decades or more), others one tick per distinct value.
class ParamScatterView : public QChartView
{
    Q_OBJECT
public:
    explicit ParamScatterView(QWidget *parent = nullptr);

    void setData(const QString &paramKey, const QList<std::optional<QString>> &params,
                 const QString &metricTitle, const QList<std::optional<double>> &metrics,
                 const QStringList &names, const QList<QColor> &colors);
    // Runs drawn (both values known).
    int pointCount() const { return m_pointCount; }
    bool isXLog() const { return m_xLog; }

    Status exportPng(const QString &path);
    Status exportSvg(const QString &path);

private:
    int m_pointCount = 0;
    bool m_xLog = false;
};

} // namespace mltf::ui
