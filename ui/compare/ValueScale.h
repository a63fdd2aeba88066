#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace mltf::ui {

// How the values of one param or metric across the compared runs map onto an axis: numbers on a linear
// scale, or a log scale when they are all positive and span two decades or more (learning rates); anything
// else as categories in sorted order.
class ValueScale
{
public:
    static ValueScale fit(const QList<std::optional<QString>> &values);
    static ValueScale fitNumbers(const QList<std::optional<double>> &values);

    bool isNumeric() const { return m_numeric; }
    bool isLog() const { return m_log; }
    bool isEmpty() const { return m_numeric ? !(m_min <= m_max) : m_categories.isEmpty(); }
    double min() const { return m_min; }
    double max() const { return m_max; }
    const QStringList &categories() const { return m_categories; }

    // The coordinate of a value on a chart axis: the number itself, or the category's index.
    std::optional<double> coordinate(const QString &value) const;
    // Where the value sits between the ends of the axis, 0 (min) to 1 (max).
    std::optional<double> position(const QString &value) const;
    std::optional<double> position(double number) const;
    // Labels along the axis (position 0..1, text): the ends and a few values between.
    QList<QPair<double, QString>> ticks() const;

private:
    bool m_numeric = true;
    bool m_log = false;
    double m_min = 1;
    double m_max = 0;
    QStringList m_categories;
};

} // namespace mltf::ui
