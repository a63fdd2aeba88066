#include "highlight/PythonHighlighter.h"

#include <QRegularExpression>
#include <QSet>

namespace mltf::ui {

namespace {

// Block states: -1 normal, 1 inside """...""", 2 inside '''...''' continued from an earlier line.
constexpr int InTripleDouble = 1;
constexpr int InTripleSingle = 2;

const QSet<QString> &keywords()
{
    static const QSet<QString> words = {
        QStringLiteral("and"),    QStringLiteral("as"),     QStringLiteral("assert"),   QStringLiteral("async"),
        QStringLiteral("await"),  QStringLiteral("break"),  QStringLiteral("class"),    QStringLiteral("continue"),
        QStringLiteral("def"),    QStringLiteral("del"),    QStringLiteral("elif"),     QStringLiteral("else"),
        QStringLiteral("except"), QStringLiteral("finally"), QStringLiteral("for"),     QStringLiteral("from"),
        QStringLiteral("global"), QStringLiteral("if"),     QStringLiteral("import"),   QStringLiteral("in"),
        QStringLiteral("is"),     QStringLiteral("lambda"), QStringLiteral("nonlocal"), QStringLiteral("not"),
        QStringLiteral("or"),     QStringLiteral("pass"),   QStringLiteral("raise"),    QStringLiteral("return"),
        QStringLiteral("try"),    QStringLiteral("while"),  QStringLiteral("with"),     QStringLiteral("yield"),
    };
    return words;
}

} // namespace

void PythonHighlighter::highlightLine(const QString &text)
{
    static const QRegularExpression number(
        QStringLiteral("(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|([0-9][0-9_]*)?\\.?[0-9][0-9_]*([eE][-+]?[0-9]+)?"
                       "[jJ]?)"));
    const int n = int(text.size());
    setCurrentBlockState(-1);

    // Formats a triple-quoted string from `from` (just after the opening quotes); false when it continues.
    auto tripleString = [&](int start, int from, const QString &quotes) {
        const int close = int(text.indexOf(quotes, from));
        const int end = close < 0 ? n : close + 3;
        setFormat(start, end - start, theme().string);
        if (close < 0)
            setCurrentBlockState(quotes.at(0) == QLatin1Char('"') ? InTripleDouble : InTripleSingle);
        return end;
    };

    int i = 0;
    if (previousBlockState() == InTripleDouble || previousBlockState() == InTripleSingle) {
        i = tripleString(0, 0, previousBlockState() == InTripleDouble ? QStringLiteral("\"\"\"")
                                                                        : QStringLiteral("'''"));
        if (currentBlockState() != -1)
            return;
    }
    QString previousWord;
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
        // String prefixes (r, b, f, u, rb, ...) followed by a quote.
        int q = i;
        while (q < n && q - i < 2 && QStringLiteral("rRbBfFuU").contains(text.at(q)))
            ++q;
        if (q < n && (text.at(q) == QLatin1Char('"') || text.at(q) == QLatin1Char('\''))) {
            const QChar quote = text.at(q);
            const QString triple(3, quote);
            if (text.mid(q, 3) == triple) {
                i = tripleString(i, q + 3, triple);
                if (currentBlockState() != -1)
                    return;
                continue;
            }
            int j = q + 1;
            while (j < n && text.at(j) != quote)
                j += text.at(j) == QLatin1Char('\\') ? 2 : 1;
            j = qMin(j + 1, n);
            setFormat(i, j - i, theme().string);
            i = j;
            previousWord.clear();
            continue;
        }
        if (c == QLatin1Char('@') && text.left(i).trimmed().isEmpty()) {
            int j = i + 1;
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('_') ||
                             text.at(j) == QLatin1Char('.')))
                ++j;
            setFormat(i, j - i, theme().anchor);
            i = j;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && text.at(i + 1).isDigit())) {
            const auto m = number.match(text, i, QRegularExpression::NormalMatch,
                                        QRegularExpression::AnchorAtOffsetMatchOption);
            const int len = m.hasMatch() ? qMax(1, int(m.capturedLength())) : 1;
            setFormat(i, len, theme().number);
            i += len;
            continue;
        }
        if (c.isLetter() || c == QLatin1Char('_')) {
            int j = i + 1;
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('_')))
                ++j;
            const QString word = text.mid(i, j - i);
            if (keywords().contains(word))
                setFormat(i, j - i, theme().keyword);
            else if (word == QLatin1String("True") || word == QLatin1String("False") ||
                     word == QLatin1String("None"))
                setFormat(i, j - i, theme().literal);
            else if (previousWord == QLatin1String("def") || previousWord == QLatin1String("class"))
                setFormat(i, j - i, theme().key);
            previousWord = word;
            i = j;
            continue;
        }
        previousWord.clear();
        ++i;
    }
}

} // namespace mltf::ui
