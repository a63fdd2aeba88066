#include "tracking/MetricHistoryParser.h"

#include "net/JsonBody.h"
#include "tracking/EntityJson.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

namespace mltf::tracking {

namespace {

// A forward-only reader over the raw bytes. Every method returns false on input it does not handle; the
// caller then falls back to QJsonDocument.
class Scanner
{
public:
    Scanner(const char *begin, const char *end) : m_p(begin), m_end(end) {}

    void ws()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool peek(char c)
    {
        ws();
        return m_p < m_end && *m_p == c;
    }
    bool consume(char c)
    {
        if (!peek(c))
            return false;
        ++m_p;
        return true;
    }
    bool atEnd()
    {
        ws();
        return m_p == m_end;
    }

    // A string without escapes (anything with a backslash is left to the fallback).
    bool plainString(std::string_view &out)
    {
        if (!consume('"'))
            return false;
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\')
                return false;
            ++m_p;
        }
        if (m_p >= m_end)
            return false;
        out = std::string_view(start, size_t(m_p - start));
        ++m_p;
        return true;
    }

    bool number(double &out)
    {
        ws();
        const auto [ptr, ec] = std::from_chars(m_p, m_end, out);
        if (ec != std::errc() || ptr == m_p)
            return false;
        m_p = ptr;
        return true;
    }

    bool integer(qint64 &out)
    {
        ws();
        long long v = 0;
        const auto [ptr, ec] = std::from_chars(m_p, m_end, v);
        if (ec != std::errc() || ptr == m_p)
            return false;
        if (ptr < m_end && (*ptr == '.' || *ptr == 'e' || *ptr == 'E')) {
            double d = 0;
            if (!number(d))
                return false;
            out = qint64(d);
            return true;
        }
        m_p = ptr;
        out = v;
        return true;
    }

    // Skips any JSON value.
    bool skipValue()
    {
        ws();
        if (m_p >= m_end)
            return false;
        const char c = *m_p;
        if (c == '"')
            return skipString();
        if (c == '{' || c == '[') {
            int depth = 0;
            while (m_p < m_end) {
                const char d = *m_p;
                if (d == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                if (d == '{' || d == '[')
                    ++depth;
                else if (d == '}' || d == ']') {
                    if (--depth == 0) {
                        ++m_p;
                        return true;
                    }
                }
                ++m_p;
            }
            return false;
        }
        const char *start = m_p;
        while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']' && *m_p != ' ' && *m_p != '\n' &&
               *m_p != '\r' && *m_p != '\t')
            ++m_p;
        return m_p > start;
    }

private:
    bool skipString()
    {
        ++m_p; // opening quote
        while (m_p < m_end) {
            if (*m_p == '\\') {
                m_p += 2;
                continue;
            }
            if (*m_p == '"') {
                ++m_p;
                return true;
            }
            ++m_p;
        }
        return false;
    }

    const char *m_p;
    const char *m_end;
};

bool parseValueString(std::string_view s, double &out)
{
    if (s == "NaN" || s == "nan") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (s == "Infinity" || s == "inf") {
        out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (s == "-Infinity" || s == "-inf") {
        out = -std::numeric_limits<double>::infinity();
        return true;
    }
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

bool parseMetric(Scanner &in, MetricHistoryPage &page, MetricPoint &point)
{
    if (!in.consume('{'))
        return false;
    if (in.consume('}'))
        return true;
    do {
        std::string_view name;
        if (!in.plainString(name) || !in.consume(':'))
            return false;
        if (name == "value") {
            if (in.peek('"')) {
                std::string_view text;
                if (!in.plainString(text) || !parseValueString(text, point.value))
                    return false;
            } else if (!in.number(point.value)) {
                return false;
            }
        } else if (name == "timestamp" || name == "step") {
            qint64 &target = name == "step" ? point.step : point.timestamp;
            if (in.peek('"')) {
                std::string_view text;
                double d = 0;
                if (!in.plainString(text) || !parseValueString(text, d) || !std::isfinite(d))
                    return false;
                target = qint64(d);
            } else if (!in.integer(target)) {
                return false;
            }
        } else if (name == "key" && page.key.isEmpty()) {
            std::string_view key;
            if (!in.plainString(key))
                return false;
            page.key = QString::fromUtf8(key.data(), qsizetype(key.size()));
        } else if (!in.skipValue()) {
            return false;
        }
    } while (in.consume(','));
    return in.consume('}');
}

bool parseFast(const QByteArray &body, MetricHistoryPage &page)
{
    Scanner in(body.constData(), body.constData() + body.size());
    if (!in.consume('{'))
        return false;
    if (in.consume('}'))
        return in.atEnd();
    do {
        std::string_view name;
        if (!in.plainString(name) || !in.consume(':'))
            return false;
        if (name == "metrics") {
            if (!in.consume('['))
                return false;
            page.points.reserve(body.size() / 90);
            if (!in.consume(']')) {
                do {
                    MetricPoint point;
                    if (!parseMetric(in, page, point))
                        return false;
                    page.points.append(point);
                } while (in.consume(','));
                if (!in.consume(']'))
                    return false;
            }
        } else if (name == "next_page_token") {
            std::string_view token;
            if (!in.plainString(token))
                return false;
            page.nextPageToken = QString::fromLatin1(token.data(), qsizetype(token.size()));
        } else if (!in.skipValue()) {
            return false;
        }
    } while (in.consume(','));
    return in.consume('}') && in.atEnd();
}

} // namespace

Result<MetricHistoryPage> MetricHistoryParser::parse(const QByteArray &body)
{
    MetricHistoryPage page;
    if (parseFast(body, page))
        return page;
    return parseWithQJson(body);
}

Result<MetricHistoryPage> MetricHistoryParser::parseWithQJson(const QByteArray &body)
{
    Result<QJsonObject> root = net::JsonBody::object(body);
    if (!root.ok())
        return root.error();
    MetricHistoryPage page;
    const QJsonValue metrics = root.value().value(QLatin1String("metrics"));
    if (!metrics.isUndefined() && !metrics.isArray())
        return Error::make(Error::Kind::Parse,
                           QCoreApplication::translate("mltf::tracking::MetricHistoryParser",
                                                       "The metric history from the server has an unexpected "
                                                       "shape ('metrics' is not a list)."));
    const QJsonArray array = metrics.toArray();
    page.points.reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        if (page.key.isEmpty())
            page.key = o.value(QLatin1String("key")).toString();
        MetricPoint p;
        p.value = EntityJson::metricValue(o.value(QLatin1String("value")));
        p.timestamp = EntityJson::int64(o.value(QLatin1String("timestamp")));
        p.step = EntityJson::int64(o.value(QLatin1String("step")));
        page.points.append(p);
    }
    page.nextPageToken = root.value().value(QLatin1String("next_page_token")).toString();
    return page;
}

} // namespace mltf::tracking
