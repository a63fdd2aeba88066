#pragma once

#include "series/XAxis.h"
#include "tracking/RunMonitor.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace mltf::ui {

// The toolbar above a grid of charts: smoothing, x-axis mode, log-y, reset zoom, and while the run is
// followed live the "Live" badge (or "Not updating" with the error while the server fails) and the refresh
// interval.
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
    // Shows the badge as for RunMonitor::State::Live, or hides it.
    void setLive(bool live);
    void setLiveState(tracking::RunMonitor::State state, const QString &message = QString());
    // The badge is shown (live, loading or failing).
    bool isLive() const;
    QString liveText() const;
    void setIntervalSeconds(int seconds);
    int intervalSeconds() const;

    QSlider *smoothingSlider() const { return m_smoothing; }
    QComboBox *xAxisCombo() const { return m_xAxis; }
    QCheckBox *logYBox() const { return m_logY; }
    QSpinBox *intervalBox() const { return m_interval; }

signals:
    void smoothingChanged(double weight);
    void xAxisChanged(mltf::series::XAxis axis);
    void logYChanged(bool logY);
    void resetZoomRequested();
    // The user changed the refresh interval.
    void intervalChanged(int seconds);

private:
    QSlider *m_smoothing;
    QLabel *m_smoothingValue;
    QComboBox *m_xAxis;
    QCheckBox *m_logY;
    QToolButton *m_reset;
    QLabel *m_live;
    QLabel *m_intervalLabel;
    QSpinBox *m_interval;
};

} // namespace mltf::ui
