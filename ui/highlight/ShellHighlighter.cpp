#include "highlight/ShellHighlighter.h"

#include <QRegularExpression>
#include <QSet>

namespace mltf::ui {

namespace {

// Block states: -1 normal, 1 inside '...', 2 inside "..." continued from an earlier line.
constexpr int InSingle = 1;
constexpr int InDouble = 2;

bool isOperator(QChar c)
{
    return QStringLiteral("|&;<>()").contains(c);
}

const QSet<QString> &keywords()
{
    static const QSet<QString> words = {
        QStringLiteral("if"),       QStringLiteral("then"),   QStringLiteral("else"),   QStringLiteral("elif"),
        QStringLiteral("fi"),       QStringLiteral("for"),    QStringLiteral("while"),  QStringLiteral("until"),
        QStringLiteral("do"),       QStringLiteral("done"),   QStringLiteral("case"),   QStringLiteral("esac"),
        QStringLiteral("in"),       QStringLiteral("function"), QStringLiteral("return"), QStringLiteral("export"),
        QStringLiteral("local"),    QStringLiteral("set"),    QStringLiteral("exit"),   QStringLiteral("source"),
        QStringLiteral("exec"),
    };
    return words;
}

} // namespace

void ShellHighlighter::highlightLine(const QString &text)
{
    static const QRegularExpression variable(
        QStringLiteral("\\$(\\{[^}]*\\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@#?*$!-])"));
    static const QRegularExpression placeholder(QStringLiteral("\\{[A-Za-z_][A-Za-z0-9_.-]*\\}"));
    static const QRegularExpression assignment(QStringLiteral("[A-Za-z_][A-Za-z0-9_]*(?==)"));

    const int n = int(text.size());
    setCurrentBlockState(-1);
    // Colours the variables inside a double-quoted stretch, which the shell expands.
    auto markVariables = [&](int from, int to) {
        auto it = variable.globalMatch(text.mid(from, to - from));
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(from + int(m.capturedStart()), int(m.capturedLength()), theme().variable);
        }
    };
    // Finds the end of a quoted stretch starting after the opening quote; -1 when it runs past the line.
    auto closingQuote = [&](int from, QChar quote) {
        for (int j = from; j < n; ++j) {
            if (quote == QLatin1Char('"') && text.at(j) == QLatin1Char('\\')) {
                ++j;
                continue;
            }
            if (text.at(j) == quote)
                return j;
        }
        return -1;
    };

    int i = 0;
    if (previousBlockState() == InSingle || previousBlockState() == InDouble) {
        const QChar quote = previousBlockState() == InSingle ? QLatin1Char('\'') : QLatin1Char('"');
        const int close = closingQuote(0, quote);
        const int end = close < 0 ? n : close + 1;
        setFormat(0, end, theme().string);
        if (quote == QLatin1Char('"'))
            markVariables(0, end);
        if (close < 0) {
            setCurrentBlockState(previousBlockState());
            return;
        }
        i = end;
    }
    bool commandPosition = true; // keywords count only where a command starts
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('#')) {
            setFormat(i, n - i, theme().comment);
            break;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const int close = closingQuote(i + 1, c);
            const int end = close < 0 ? n : close + 1;
            setFormat(i, end - i, theme().string);
            if (c == QLatin1Char('"'))
                markVariables(i, end);
            if (close < 0)
                setCurrentBlockState(c == QLatin1Char('\'') ? InSingle : InDouble);
            i = end;
            commandPosition = false;
            continue;
        }
        if (isOperator(c)) {
            setFormat(i, 1, theme().punctuation);
            commandPosition = true;
            ++i;
            continue;
        }
        // A word: up to a space, operator or quote.
        int j = i;
        while (j < n && !text.at(j).isSpace() && !isOperator(text.at(j)) && text.at(j) != QLatin1Char('\'') &&
               text.at(j) != QLatin1Char('"'))
            ++j;
        const QString word = text.mid(i, j - i);
        if (commandPosition && keywords().contains(word)) {
            setFormat(i, j - i, theme().keyword);
        } else {
            if (const auto m = assignment.match(word); commandPosition && m.hasMatch() && m.capturedStart() == 0)
                setFormat(i, int(m.capturedLength()), theme().variable);
            markVariables(i, j);
            auto it = placeholder.globalMatch(word);
            while (it.hasNext()) {
                const auto m = it.next();
                setFormat(i + int(m.capturedStart()), int(m.capturedLength()), theme().variable);
            }
            commandPosition = false;
        }
        i = j;
    }
}

} // namespace mltf::ui
