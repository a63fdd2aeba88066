#include "compare/ValueScale.h"

#include "runs/RunFormat.h"

#include <QCollator>

#include <algorithm>
#include <cmath>

namespace mltf::ui {

namespace {
std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}
} // namespace

ValueScale ValueScale::fitNumbers(const QList<std::optional<double>> &values)
{
    ValueScale scale;
    bool first = true;
    for (const std::optional<double> &v : values) {
        if (!v || !std::isfinite(*v))
            continue;
        scale.m_min = first ? *v : std::min(scale.m_min, *v);
        scale.m_max = first ? *v : std::max(scale.m_max, *v);
        first = false;
    }
    scale.m_log = !scale.isEmpty() && scale.m_min > 0 && scale.m_max / scale.m_min >= 100;
    return scale;
}

ValueScale ValueScale::fit(const QList<std::optional<QString>> &values)
{
    QList<std::optional<double>> numbers;
    bool allNumbers = true;
    for (const std::optional<QString> &v : values) {
        if (!v)
            continue;
        const std::optional<double> n = parseNumber(*v);
        allNumbers = allNumbers && n.has_value();
        numbers.append(n);
    }
    if (allNumbers)
        return fitNumbers(numbers);
    ValueScale scale;
    scale.m_numeric = false;
    for (const std::optional<QString> &v : values)
        if (v && !scale.m_categories.contains(*v))
            scale.m_categories.append(*v);
    QCollator collator;
    collator.setNumericMode(true);
    std::sort(scale.m_categories.begin(), scale.m_categories.end(),
              [&](const QString &a, const QString &b) { return collator.compare(a, b) < 0; });
    return scale;
}

std::optional<double> ValueScale::coordinate(const QString &value) const
{
    if (m_numeric)
        return parseNumber(value);
    const qsizetype i = m_categories.indexOf(value);
    return i < 0 ? std::nullopt : std::optional<double>(double(i));
}

std::optional<double> ValueScale::position(const QString &value) const
{
    if (m_numeric) {
        const std::optional<double> n = parseNumber(value);
        return n ? position(*n) : std::nullopt;
    }
    const qsizetype i = m_categories.indexOf(value);
    if (i < 0)
        return std::nullopt;
    return m_categories.size() == 1 ? 0.5 : double(i) / double(m_categories.size() - 1);
}

std::optional<double> ValueScale::position(double number) const
{
    if (!m_numeric || isEmpty() || !std::isfinite(number))
        return std::nullopt;
    if (m_max == m_min)
        return 0.5;
    if (m_log)
        return number > 0 ? std::optional<double>((std::log10(number) - std::log10(m_min)) /
                                                  (std::log10(m_max) - std::log10(m_min)))
                          : std::nullopt;
    return (number - m_min) / (m_max - m_min);
}

QList<QPair<double, QString>> ValueScale::ticks() const
{
    QList<QPair<double, QString>> out;
    if (isEmpty())
        return out;
    if (!m_numeric) {
        for (const QString &c : m_categories)
            out.append({*position(c), c});
        return out;
    }
    if (m_max == m_min)
        return {{0.5, RunFormat::metricValue(m_min)}};
    // The ends exactly; between them round values: decades on a log scale, 3 significant digits otherwise.
    out.append({0.0, RunFormat::metricValue(m_min)});
    if (m_log) {
        for (double decade = std::pow(10.0, std::ceil(std::log10(m_min))); decade < m_max; decade *= 10) {
            const double p = *position(decade);
            if (p > 0.08 && p < 0.92)
                out.append({p, QString::number(decade, 'g', 3)});
        }
    } else {
        constexpr int kSteps = 4;
        for (int i = 1; i < kSteps; ++i) {
            const double v = m_min + double(i) / kSteps * (m_max - m_min);
            out.append({*position(v), QString::number(v, 'g', 3)});
        }
    }
    out.append({1.0, RunFormat::metricValue(m_max)});
    return out;
}

} // namespace mltf::ui
