#pragma once

#include "series/XAxis.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace mltf::ui {

// The toolbar above a grid of charts: smoothing, x-axis mode, log-y, reset zoom and the "Live" badge.
class ChartControls : public QWidget
{
    Q_OBJECT
public:
    explicit ChartControls(QWidget *parent = nullptr);

    double smoothingWeight() const;
    void setSmoothingWeight(double weight);
    series::XAxis xAxis() const;
    void setXAxis(series::XAxis axis);
    bool logY() const;
    void setLogY(bool logY);
    void setLive(bool live);
    bool isLive() const;

    QSlider *smoothingSlider() const { return m_smoothing; }
    QComboBox *xAxisCombo() const { return m_xAxis; }
    QCheckBox *logYBox() const { return m_logY; }

signals:
    void smoothingChanged(double weight);
    void xAxisChanged(mltf::series::XAxis axis);
    void logYChanged(bool logY);
    void resetZoomRequested();

private:
    QSlider *m_smoothing;
    QLabel *m_smoothingValue;
    QComboBox *m_xAxis;
    QCheckBox *m_logY;
    QToolButton *m_reset;
    QLabel *m_live;
};

} // namespace mltf::ui
