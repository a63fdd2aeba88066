#pragma once

#include <QRegularExpression>
#include <QString>
#include <QVector>

namespace mltf::project {

// Ignore patterns with git's semantics (gitignore(5)): one rule list for a project, fed with the ignore
// files of each directory as a walk reaches them (parents before children), so later rules win.
// Supported: comments, escaped `\#` `\!` and trailing spaces, negation `!`, directory-only `dir/`,
// anchored patterns (a slash at the start or in the middle), `*`, `?`, `[a-z]`, `[!x]`, and `**` as a
// leading `**/`, a trailing `/**` or a middle `/**/`.
// As in git, a path under an ignored directory cannot be re-included: the walker does not descend into an
// ignored directory, so a negation only matters for paths whose parent directories are kept.
class IgnoreRules
{
public:
    struct Decision
    {
        bool matched = false; // some rule matched
        bool ignored = false; // the last matching rule was not a negation
        QString pattern;      // that rule as written
        QString source;       // the file it came from, relative to the project root
        int line = 0;
    };

    // Adds the patterns of an ignore file whose directory is `directory`, relative to the project root ("" is
    // the root). `source` names the file in decisions (e.g. "sub/.gitignore").
    void addPatterns(const QString &directory, const QString &text, const QString &source);

    // The decision for `relativePath` (relative to the root, '/' separators, no leading "./").
    Decision decide(const QString &relativePath, bool isDirectory) const;
    bool isIgnored(const QString &relativePath, bool isDirectory) const
    {
        return decide(relativePath, isDirectory).ignored;
    }

    int ruleCount() const { return int(m_rules.size()); }

    // The regular expression (anchored at both ends) matching paths relative to the ignore file's directory,
    // or an invalid expression for a line that holds no pattern. Exposed for the tests.
    static QRegularExpression patternToRegex(QString pattern, bool *negate, bool *directoryOnly);

private:
    struct Rule
    {
        QString baseDirectory; // "" or "sub/dir"
        QRegularExpression regex;
        bool negate = false;
        bool directoryOnly = false;
        QString pattern;
        QString source;
        int line = 0;
    };
    QVector<Rule> m_rules;
};

} // namespace mltf::project
