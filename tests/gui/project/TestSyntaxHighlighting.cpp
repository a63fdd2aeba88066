// The highlighter behind previews: backend choice, formats per token class, multi-line state, error lines.
#include "highlight/BuiltinHighlighter.h"
#include "highlight/HighlightTheme.h"
#include "highlight/SyntaxHighlighting.h"

#include <QApplication>
#include <QFile>
#include <QPlainTextEdit>
#include <QSet>
#include <QSyntaxHighlighter>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace mltf::ui;

namespace {

// The format at `column` of line `line` (0-based) after highlighting.
QTextCharFormat formatAt(QTextDocument *document, int line, int column)
{
    const QTextBlock block = document->findBlockByNumber(line);
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    }
    return {};
}

QColor colorAt(QTextDocument *document, int line, int column)
{
    return formatAt(document, line, column).foreground().color();
}

int distinctFormats(QTextDocument *document, int line)
{
    QList<QTextCharFormat> seen;
    const QList<QTextLayout::FormatRange> ranges = document->findBlockByNumber(line).layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (!seen.contains(range.format))
            seen.append(range.format);
    }
    return int(seen.size());
}

} // namespace

class TestSyntaxHighlighting : public QObject
{
    Q_OBJECT

private slots:
    void backendMatchesTheBuild()
    {
#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING
        QCOMPARE(SyntaxHighlighting::backendName(), QStringLiteral("KSyntaxHighlighting"));
#else
        QCOMPARE(SyntaxHighlighting::backendName(), QStringLiteral("built-in"));
#endif
    }

    // The highlighter really attached, not only the build flag: KSyntaxHighlighting's on the Qt 6.8 leg
    // (Debian 13, KF6 found), the built-in one on the Qt 6.4 leg. Either colours a real MLproject line with
    // several distinct formats, and has a definition for every other language the previews show.
    void backendInUseColoursARealMLproject()
    {
        QFile file(QStringLiteral(MLTF_TEST_DATA_DIR "/projects/sklearn-elasticnet-wine/MLproject"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTextDocument document;
        document.setPlainText(QString::fromUtf8(file.readAll()));
        QSyntaxHighlighter *highlighter =
            SyntaxHighlighting::attach(&document, SyntaxHighlighting::languageForFileName(file.fileName()));
#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING
        QVERIFY2(highlighter->inherits("KSyntaxHighlighting::SyntaxHighlighter"),
                 highlighter->metaObject()->className());
        QVERIFY(!qobject_cast<BuiltinHighlighter *>(highlighter));
#else
        QVERIFY2(qobject_cast<BuiltinHighlighter *>(highlighter), highlighter->metaObject()->className());
        QVERIFY(!highlighter->inherits("KSyntaxHighlighting::SyntaxHighlighter"));
#endif
        const QTextBlock line = document.find(QStringLiteral("alpha: {type: float, default: 0.5}")).block();
        QVERIFY(line.isValid());
        const int formats = distinctFormats(&document, line.blockNumber()); // key, braces, inner keys, number
        QVERIFY2(formats >= 3, qPrintable(QString::number(formats)));

        const struct
        {
            Language language;
            QString text;
        } samples[] = {
            {Language::Json, QStringLiteral("{\"nodes\": 1, \"gres\": \"gpu:1\"}")},
            {Language::Shell, QStringLiteral("export NAME=\"$HOME/x\"  # where")},
            {Language::Python, QStringLiteral("def train(lr=0.1):  # one epoch")},
        };
        for (const auto &sample : samples) {
            QTextDocument other;
            other.setPlainText(sample.text);
            QSyntaxHighlighter *h = SyntaxHighlighting::attach(&other, sample.language);
#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING
            QVERIFY(h->inherits("KSyntaxHighlighting::SyntaxHighlighter"));
#else
            QVERIFY(qobject_cast<BuiltinHighlighter *>(h));
#endif
            QVERIFY2(distinctFormats(&other, 0) >= 3, qPrintable(sample.text));
        }
    }

    // The colours follow the palette: a dark palette gives light text for keys, a light one dark text.
    void backendThemeFollowsThePalette()
    {
        const QPalette original = QApplication::palette();
        QTextDocument document;
        document.setPlainText(QStringLiteral("name: Project Test  # the name\n"));
        SyntaxHighlighting::attach(&document, Language::Yaml);

        QPalette dark = original;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Window, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        QApplication::setPalette(dark);
        SyntaxHighlighting::refreshTheme(&document);
        const QColor onDark = colorAt(&document, 0, 0);

        QPalette light = original;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Window, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        light.setColor(QPalette::WindowText, Qt::black);
        QApplication::setPalette(light);
        SyntaxHighlighting::refreshTheme(&document);
        const QColor onLight = colorAt(&document, 0, 0);
        QApplication::setPalette(original);

        QVERIFY2(onDark.lightness() > onLight.lightness(),
                 qPrintable(onDark.name() + QLatin1String(" vs ") + onLight.name()));
    }

    void languageFromFileName()
    {
        QCOMPARE(SyntaxHighlighting::languageForFileName(QStringLiteral("MLproject")), Language::Yaml);
        QCOMPARE(SyntaxHighlighting::languageForFileName(QStringLiteral("MLProject")), Language::Yaml);
        QCOMPARE(SyntaxHighlighting::languageForFileName(QStringLiteral("conda.yml")), Language::Yaml);
        QCOMPARE(SyntaxHighlighting::languageForFileName(QStringLiteral("slurm_config.json")),
                 Language::Json);
        QCOMPARE(SyntaxHighlighting::languageForFileName(QStringLiteral("demo.sh")), Language::Shell);
        QCOMPARE(SyntaxHighlighting::languageForFileName(QStringLiteral("train.py")), Language::Python);
        QCOMPARE(SyntaxHighlighting::languageForFileName(QStringLiteral("notes.txt")), Language::Plain);
    }

    void yamlTokensGetTheirOwnColours()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("name: Project Test  # the name\n"
                                             "alpha: {type: float, default: 0.5}\n"
                                             "debug: true\n"
                                             "base: &defaults\n"
                                             "  <<: *defaults\n"
                                             "python: \"3.10.4\"\n"
                                             "script: |\n"
                                             "  echo {x}: y\n"
                                             "after: 1\n"));
        SyntaxHighlighting::attach(&document, Language::Yaml);
        QVERIFY(distinctFormats(&document, 0) >= 4); // key, ':', value, comment
#ifndef MLTF_HAVE_KSYNTAXHIGHLIGHTING
        const HighlightTheme theme = HighlightTheme::fromPalette(QApplication::palette());
        QCOMPARE(colorAt(&document, 0, 0), theme.key.foreground().color());
        QCOMPARE(colorAt(&document, 0, 6), theme.string.foreground().color());
        QCOMPARE(colorAt(&document, 0, 22), theme.comment.foreground().color());
        // Flow mapping: keys inside braces, a number value.
        QCOMPARE(colorAt(&document, 1, 8), theme.key.foreground().color());     // type
        QCOMPARE(colorAt(&document, 1, 30), theme.number.foreground().color()); // 0.5
        QCOMPARE(colorAt(&document, 2, 7), theme.literal.foreground().color()); // true
        QCOMPARE(colorAt(&document, 3, 6), theme.anchor.foreground().color());  // &defaults
        QCOMPARE(colorAt(&document, 4, 6), theme.anchor.foreground().color());  // *defaults
        QCOMPARE(colorAt(&document, 5, 8), theme.string.foreground().color());  // "3.10.4"
        // A block scalar's body is text, even when it looks like a key; the next key is a key again.
        QCOMPARE(colorAt(&document, 7, 2), theme.string.foreground().color());
        QCOMPARE(colorAt(&document, 7, 10), theme.string.foreground().color());
        QCOMPARE(colorAt(&document, 8, 0), theme.key.foreground().color());
#endif
    }

    void jsonKeysAndValuesDiffer()
    {
        QTextDocument document;
        document.setPlainText(
            QStringLiteral("{\n  \"nodes\": 1,\n  \"mem\": \"8192\",\n  \"debug\": true\n}\n"));
        SyntaxHighlighting::attach(&document, Language::Json);
        QVERIFY(distinctFormats(&document, 1) >= 3);
        QVERIFY(colorAt(&document, 1, 2) != colorAt(&document, 2, 9));  // key vs string value
        QVERIFY(colorAt(&document, 1, 11) != colorAt(&document, 1, 2)); // number vs key
    }

    void shellAndPythonHaveRules()
    {
        QTextDocument shell;
        shell.setPlainText(
            QStringLiteral("#!/bin/bash\nexport NAME=\"$HOME/x\"\nif true; then echo 'hi'; fi\n"));
        SyntaxHighlighting::attach(&shell, Language::Shell);
        QVERIFY(distinctFormats(&shell, 1) >= 3);
        QVERIFY(colorAt(&shell, 0, 0) != colorAt(&shell, 2, 0)); // comment vs keyword

        QTextDocument python;
        python.setPlainText(QStringLiteral("@dataclass\ndef train(lr=0.1):\n    \"\"\"Doc\n    more\"\"\"\n"
                                           "    return None  # done\n"));
        SyntaxHighlighting::attach(&python, Language::Python);
        QVERIFY(distinctFormats(&python, 1) >= 3); // def, name, number
        // The docstring continues on the next line.
        QCOMPARE(colorAt(&python, 3, 4), colorAt(&python, 2, 4));
        QVERIFY(colorAt(&python, 4, 4) != colorAt(&python, 4, 18)); // keyword vs comment
    }

    void errorLinesAreUnderlinedAndCleared()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("{\n  \"a\": 1,\n}\n"));
        SyntaxHighlighting::attach(&document, Language::Json);
        QVERIFY(formatAt(&document, 1, 2).underlineStyle() != QTextCharFormat::WaveUnderline);
        SyntaxHighlighting::setErrorLines(&document, {2});
        QCOMPARE(formatAt(&document, 1, 2).underlineStyle(), QTextCharFormat::WaveUnderline);
        QVERIFY(formatAt(&document, 0, 0).underlineStyle() != QTextCharFormat::WaveUnderline);
        SyntaxHighlighting::setErrorLines(&document, {});
        QVERIFY(formatAt(&document, 1, 2).underlineStyle() != QTextCharFormat::WaveUnderline);
    }

    void darkPaletteGivesReadableColours()
    {
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        QVERIFY(HighlightTheme::isDark(dark));
        QVERIFY(!HighlightTheme::isDark(light));
        const HighlightTheme onDark = HighlightTheme::fromPalette(dark);
        const HighlightTheme onLight = HighlightTheme::fromPalette(light);
        for (const auto *format : {&onDark.key, &onDark.string, &onDark.number, &onDark.comment}) {
            QVERIFY2(format->foreground().color().lightness() > 120, "too dark on a dark background");
        }
        for (const auto *format : {&onLight.key, &onLight.string, &onLight.number, &onLight.comment}) {
            QVERIFY2(format->foreground().color().lightness() < 140, "too light on a light background");
        }
    }

    void reattachingReplacesTheHighlighter()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("a: 1\n"));
        SyntaxHighlighting::attach(&document, Language::Yaml);
        SyntaxHighlighting::attach(&document, Language::Plain);
        QCOMPARE(document.findChildren<QSyntaxHighlighter *>().size(), 1);
        QCOMPARE(distinctFormats(&document, 0), 0);
    }
};

QTEST_MAIN(TestSyntaxHighlighting)
#include "TestSyntaxHighlighting.moc"
