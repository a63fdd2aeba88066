#include "project/IgnoreRules.h"

#include <QStringList>

namespace mltf::project {

namespace {

// Drops trailing spaces unless the last one is escaped with a backslash (gitignore(5)).
QString trimTrailingSpaces(const QString &line)
{
    int end = int(line.size());
    while (end > 0 && line.at(end - 1) == QLatin1Char(' ')) {
        int backslashes = 0;
        for (int i = end - 2; i >= 0 && line.at(i) == QLatin1Char('\\'); --i)
            ++backslashes;
        if (backslashes % 2 == 1)
            break; // "\ " keeps this space
        --end;
    }
    return line.left(end);
}

// Translates a bracket expression starting at `pattern[i] == '['`. Returns false when it is not closed,
// in which case the '[' is a literal.
bool translateBracket(const QString &pattern, int &i, QString &out)
{
    int j = i + 1;
    QString body;
    bool negated = false;
    if (j < pattern.size() && (pattern.at(j) == QLatin1Char('!') || pattern.at(j) == QLatin1Char('^'))) {
        negated = true;
        ++j;
    }
    bool first = true;
    while (j < pattern.size()) {
        const QChar c = pattern.at(j);
        if (c == QLatin1Char(']') && !first)
            break;
        if (c == QLatin1Char('\\') && j + 1 < pattern.size()) {
            ++j;
            body += QLatin1Char('\\') + pattern.at(j);
        } else if (c == QLatin1Char('-')) {
            body += QLatin1Char('-');
        } else if (c == QLatin1Char('[') || c == QLatin1Char('^') || c == QLatin1Char('\\')) {
            body += QLatin1Char('\\') + c;
        } else if (c == QLatin1Char('/')) {
            return false; // a bracket never spans a path separator
        } else {
            body += c;
        }
        first = false;
        ++j;
    }
    if (j >= pattern.size())
        return false;
    // Like '*' and '?', a bracket never matches '/'.
    out += negated ? QStringLiteral("(?!/)[^") + body + QLatin1Char(']')
                   : QStringLiteral("(?!/)[") + body + QLatin1Char(']');
    i = j;
    return true;
}

// One path segment of a glob (no '/') to a regular expression.
QString segmentToRegex(const QString &segment)
{
    QString out;
    for (int i = 0; i < segment.size(); ++i) {
        const QChar c = segment.at(i);
        if (c == QLatin1Char('*')) {
            while (i + 1 < segment.size() && segment.at(i + 1) == QLatin1Char('*'))
                ++i; // "**" not alone in its segment is a plain '*'
            out += QStringLiteral("[^/]*");
        } else if (c == QLatin1Char('?')) {
            out += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            if (!translateBracket(segment, i, out))
                out += QStringLiteral("\\[");
        } else if (c == QLatin1Char('\\') && i + 1 < segment.size()) {
            ++i;
            out += QRegularExpression::escape(QString(segment.at(i)));
        } else {
            out += QRegularExpression::escape(QString(c));
        }
    }
    return out;
}

} // namespace

QRegularExpression IgnoreRules::patternToRegex(QString pattern, bool *negate, bool *directoryOnly)
{
    *negate = false;
    *directoryOnly = false;
    if (pattern.endsWith(QLatin1Char('\r')))
        pattern.chop(1);
    if (pattern.isEmpty() || pattern.startsWith(QLatin1Char('#')))
        return {};
    pattern = trimTrailingSpaces(pattern);
    if (pattern.startsWith(QLatin1Char('!'))) {
        *negate = true;
        pattern.remove(0, 1);
    }
    if (pattern.endsWith(QLatin1Char('/')) && !pattern.endsWith(QStringLiteral("\\/"))) {
        *directoryOnly = true;
        while (pattern.endsWith(QLatin1Char('/')))
            pattern.chop(1);
    }
    if (pattern.isEmpty())
        return {};

    // A slash at the start or in the middle anchors the pattern to the ignore file's directory.
    const bool anchored = pattern.contains(QLatin1Char('/'));
    if (pattern.startsWith(QLatin1Char('/')))
        pattern.remove(0, 1);
    if (pattern.isEmpty())
        return {};

    const QStringList segments = pattern.split(QLatin1Char('/'));
    QString body;
    for (int i = 0; i < segments.size(); ++i) {
        const QString &segment = segments.at(i);
        const bool last = i == segments.size() - 1;
        if (segment == QStringLiteral("**")) {
            if (last)
                body += QStringLiteral(".*"); // "dir/**": everything inside
            else
                body += QStringLiteral("(?:.*/)?"); // "**/x" or "a/**/b": zero or more directories
            continue;
        }
        body += segmentToRegex(segment);
        if (!last)
            body += QLatin1Char('/');
    }
    const QString full = anchored ? QStringLiteral("^") + body + QStringLiteral("$")
                                  : QStringLiteral("^(?:.*/)?") + body + QStringLiteral("$");
    QRegularExpression regex(full, QRegularExpression::DontCaptureOption);
    return regex.isValid() ? regex : QRegularExpression();
}

void IgnoreRules::addPatterns(const QString &directory, const QString &text, const QString &source)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int n = 0; n < lines.size(); ++n) {
        Rule rule;
        rule.regex = patternToRegex(lines.at(n), &rule.negate, &rule.directoryOnly);
        if (rule.regex.pattern().isEmpty())
            continue;
        rule.baseDirectory = directory;
        rule.pattern = trimTrailingSpaces(lines.at(n).trimmed());
        rule.source = source;
        rule.line = n + 1;
        m_rules.push_back(std::move(rule));
    }
}

IgnoreRules::Decision IgnoreRules::decide(const QString &relativePath, bool isDirectory) const
{
    // The last matching rule decides; rules of deeper directories were added after their parents'.
    for (auto it = m_rules.crbegin(); it != m_rules.crend(); ++it) {
        const Rule &rule = *it;
        if (rule.directoryOnly && !isDirectory)
            continue;
        QString local = relativePath;
        if (!rule.baseDirectory.isEmpty()) {
            const QString prefix = rule.baseDirectory + QLatin1Char('/');
            if (!relativePath.startsWith(prefix))
                continue;
            local = relativePath.mid(prefix.size());
        }
        if (rule.regex.match(local).hasMatch()) {
            Decision decision;
            decision.matched = true;
            decision.ignored = !rule.negate;
            decision.pattern = rule.pattern;
            decision.source = rule.source;
            decision.line = rule.line;
            return decision;
        }
    }
    return {};
}

} // namespace mltf::project
