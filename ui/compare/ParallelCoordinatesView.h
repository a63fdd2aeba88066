#pragma once

#include "compare/ValueScale.h"
#include "util/Error.h"

#include <QColor>
#include <QWidget>

#include <optional>

namespace mltf::ui {

// Parallel coordinates: one vertical axis per chosen param (and the metric last), one polyline per run
// through its values, in the run's colour. A run without a value on an axis skips that axis. Drawn with
// QPainter, so it exports to PNG and SVG like the charts.
class ParallelCoordinatesView : public QWidget
{
    Q_OBJECT
public:
    struct Axis
    {
        QString title;
        ValueScale scale;
        QList<std::optional<double>> positions; // per run, 0 (bottom) .. 1 (top)
    };

    explicit ParallelCoordinatesView(QWidget *parent = nullptr);

    void setData(const QList<Axis> &axes, const QStringList &names, const QList<QColor> &colors);
    int axisCount() const { return int(m_axes.size()); }
    QStringList axisTitles() const;

    Status exportPng(const QString &path);
    Status exportSvg(const QString &path);

    QSize sizeHint() const override { return {640, 320}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Axis> m_axes;
    QStringList m_names;
    QList<QColor> m_colors;
};

} // namespace mltf::ui
