#include "charts/ChartControls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>

#include <cmath>

namespace mltf::ui {

namespace {
// The slider moves in hundredths of the EMA weight (0 .. 0.99), as TensorBoard's does.
constexpr int kSliderScale = 100;

QString badgeStyle(const char *background)
{
    return QStringLiteral("QLabel { background: %1; color: white; font-weight: bold; border-radius: 8px;"
                          " padding: 1px 8px; }")
        .arg(QLatin1String(background));
}
} // namespace

ChartControls::ChartControls(QWidget *parent)
    : QWidget(parent)
    , m_smoothing(new QSlider(Qt::Horizontal, this))
    , m_smoothingValue(new QLabel(this))
    , m_xAxis(new QComboBox(this))
    , m_logY(new QCheckBox(tr("Log scale"), this))
    , m_reset(new QToolButton(this))
    , m_live(new QLabel(tr("● Live"), this))
    , m_intervalLabel(new QLabel(tr("every"), this))
    , m_interval(new QSpinBox(this))
{
    m_smoothing->setObjectName(QStringLiteral("smoothingSlider"));
    m_smoothing->setRange(0, kSliderScale - 1);
    m_smoothing->setFixedWidth(140);
    m_smoothing->setToolTip(
        tr("Exponential moving average of the values (0: off). The raw line stays faint behind."));
    m_smoothingValue->setMinimumWidth(
        m_smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00")) + 4);
    m_smoothingValue->setText(QStringLiteral("0.00"));
    connect(m_smoothing, &QSlider::valueChanged, this, [this](int value) {
        m_smoothingValue->setText(QString::number(double(value) / kSliderScale, 'f', 2));
        emit smoothingChanged(double(value) / kSliderScale);
    });

    m_xAxis->setObjectName(QStringLiteral("xAxisCombo"));
    m_xAxis->addItem(tr("Step"), int(series::XAxis::Step));
    m_xAxis->addItem(tr("Wall time"), int(series::XAxis::WallTime));
    m_xAxis->addItem(tr("Relative time"), int(series::XAxis::RelativeTime));
    connect(m_xAxis, &QComboBox::currentIndexChanged, this, [this] { emit xAxisChanged(xAxis()); });

    m_logY->setObjectName(QStringLiteral("logYBox"));
    m_logY->setToolTip(tr("Logarithmic value axis; values ≤ 0 are shown as markers at the bottom."));
    connect(m_logY, &QCheckBox::toggled, this, &ChartControls::logYChanged);

    m_reset->setText(tr("Reset zoom"));
    m_reset->setToolTip(tr("Show all points of every chart (double click resets one chart)"));
    connect(m_reset, &QToolButton::clicked, this, &ChartControls::resetZoomRequested);

    m_live->setObjectName(QStringLiteral("liveBadge"));
    m_live->hide();
    m_interval->setObjectName(QStringLiteral("intervalBox"));
    m_interval->setRange(tracking::RunMonitor::kMinIntervalSeconds,
                         tracking::RunMonitor::kMaxIntervalSeconds);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(5);
    m_interval->setToolTip(tr("How often the run is checked for new points (1–300 s)."));
    connect(m_interval, &QSpinBox::valueChanged, this, &ChartControls::intervalChanged);
    m_intervalLabel->hide();
    m_interval->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Smoothing"), this));
    layout->addWidget(m_smoothing);
    layout->addWidget(m_smoothingValue);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("X axis"), this));
    layout->addWidget(m_xAxis);
    layout->addSpacing(12);
    layout->addWidget(m_logY);
    layout->addSpacing(12);
    layout->addWidget(m_reset);
    layout->addStretch(1);
    layout->addWidget(m_live);
    layout->addWidget(m_intervalLabel);
    layout->addWidget(m_interval);
}

double ChartControls::smoothingWeight() const
{
    return double(m_smoothing->value()) / kSliderScale;
}

void ChartControls::setSmoothingWeight(double weight)
{
    m_smoothing->setValue(int(std::lround(weight * kSliderScale)));
}

series::XAxis ChartControls::xAxis() const
{
    return series::XAxis(m_xAxis->currentData().toInt());
}

void ChartControls::setXAxis(series::XAxis axis)
{
    m_xAxis->setCurrentIndex(m_xAxis->findData(int(axis)));
}

bool ChartControls::logY() const
{
    return m_logY->isChecked();
}

void ChartControls::setLogY(bool logY)
{
    m_logY->setChecked(logY);
}

void ChartControls::setLive(bool live)
{
    setLiveState(live ? tracking::RunMonitor::State::Live : tracking::RunMonitor::State::Stopped);
}

void ChartControls::setLiveState(tracking::RunMonitor::State state, const QString &message)
{
    using State = tracking::RunMonitor::State;
    const bool shown = state != State::Stopped;
    if (state == State::Failing) {
        m_live->setText(tr("● Not updating"));
        m_live->setStyleSheet(badgeStyle("#c7660e"));
        m_live->setToolTip(tr("The last update failed; retrying.\n%1").arg(message));
    } else {
        m_live->setText(tr("● Live"));
        m_live->setStyleSheet(badgeStyle("#2e9d4f"));
        m_live->setToolTip(tr("The run is running: new points appear as they arrive."));
    }
    m_live->setVisible(shown);
    m_intervalLabel->setVisible(shown);
    m_interval->setVisible(shown);
}

QString ChartControls::liveText() const
{
    return m_live->text();
}

void ChartControls::setIntervalSeconds(int seconds)
{
    const QSignalBlocker blocker(m_interval);
    m_interval->setValue(seconds);
}

int ChartControls::intervalSeconds() const
{
    return m_interval->value();
}

bool ChartControls::isLive() const
{
    return !m_live->isHidden();
}

} // namespace mltf::ui
