#include "project/IgnoreRules.h"

#include <QtTest>

using mltf::project::IgnoreRules;

class TestIgnoreRules : public QObject
{
    Q_OBJECT

private slots:
    void patterns_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDirectory");
        QTest::addColumn<bool>("ignored");

        // Unanchored names match at any level.
        QTest::newRow("name at root") << "*.log" << "app.log" << false << true;
        QTest::newRow("name deep") << "*.log" << "a/b/app.log" << false << true;
        QTest::newRow("star stops at slash") << "a*c" << "ab/c" << false << false;
        QTest::newRow("question mark") << "file?.txt" << "d/file1.txt" << false << true;
        QTest::newRow("question not slash") << "a?b" << "a/b" << false << false;
        // Anchored: slash at the start or in the middle.
        QTest::newRow("anchored root") << "/build" << "build" << true << true;
        QTest::newRow("anchored not deep") << "/build" << "sub/build" << true << false;
        QTest::newRow("middle slash anchors") << "doc/frotz" << "doc/frotz" << false << true;
        QTest::newRow("middle slash not deep") << "doc/frotz" << "a/doc/frotz" << false << false;
        // Directory-only patterns.
        QTest::newRow("dir only matches dir") << "data/" << "data" << true << true;
        QTest::newRow("dir only skips file") << "data/" << "data" << false << false;
        QTest::newRow("dir only deep") << "cache/" << "x/y/cache" << true << true;
        // Double stars.
        QTest::newRow("leading **") << "**/logs" << "a/b/logs" << true << true;
        QTest::newRow("leading ** root") << "**/logs" << "logs" << true << true;
        QTest::newRow("trailing **") << "out/**" << "out/a/b.txt" << false << true;
        QTest::newRow("trailing ** not dir itself") << "out/**" << "out" << true << false;
        QTest::newRow("middle ** zero") << "a/**/b" << "a/b" << false << true;
        QTest::newRow("middle ** many") << "a/**/b" << "a/x/y/b" << false << true;
        QTest::newRow("middle ** anchored") << "a/**/b" << "z/a/x/b" << false << false;
        QTest::newRow("** inside a name is *") << "foo**bar" << "fooXbar" << false << true;
        // Brackets.
        QTest::newRow("range") << "*.[oa]" << "lib.a" << false << true;
        QTest::newRow("range miss") << "*.[oa]" << "lib.c" << false << false;
        QTest::newRow("negated range") << "[!a]*.txt" << "b.txt" << false << true;
        QTest::newRow("negated range miss") << "[!a]*.txt" << "a.txt" << false << false;
        QTest::newRow("unclosed bracket literal") << "a[b" << "a[b" << false << true;
        // Negation and order: the last matching rule wins.
        QTest::newRow("negation") << "*.csv\n!keep.csv" << "keep.csv" << false << false;
        QTest::newRow("negation other") << "*.csv\n!keep.csv" << "drop.csv" << false << true;
        QTest::newRow("re-ignore after negation") << "*.csv\n!keep.csv\nkeep.csv" << "keep.csv" << false << true;
        // Comments, escapes and whitespace.
        QTest::newRow("comment") << "# *.txt" << "a.txt" << false << false;
        QTest::newRow("escaped hash") << "\\#notes" << "#notes" << false << true;
        QTest::newRow("escaped bang") << "\\!important" << "!important" << false << true;
        QTest::newRow("trailing spaces trimmed") << "a.txt   " << "a.txt" << false << true;
        QTest::newRow("escaped trailing space") << "a\\ " << "a " << false << true;
        QTest::newRow("crlf line") << "a.txt\r\nb.txt\r\n" << "b.txt" << false << true;
        QTest::newRow("regex characters literal") << "a+b(c).txt" << "a+b(c).txt" << false << true;
        QTest::newRow("dot is literal") << "a.b" << "axb" << false << false;
    }

    void patterns()
    {
        QFETCH(QString, rules);
        QFETCH(QString, path);
        QFETCH(bool, isDirectory);
        QFETCH(bool, ignored);
        IgnoreRules r;
        r.addPatterns(QString(), rules, QStringLiteral(".gitignore"));
        QCOMPARE(r.isIgnored(path, isDirectory), ignored);
    }

    void nestedFilesApplyBelowTheirFolder()
    {
        IgnoreRules r;
        r.addPatterns(QString(), QStringLiteral("*.log\n"), QStringLiteral(".gitignore"));
        r.addPatterns(QStringLiteral("sub"), QStringLiteral("!keep.log\n/only-here\n"), QStringLiteral("sub/.gitignore"));
        QVERIFY(r.isIgnored(QStringLiteral("keep.log"), false));
        QVERIFY(!r.isIgnored(QStringLiteral("sub/keep.log"), false));
        QVERIFY(!r.isIgnored(QStringLiteral("sub/deeper/keep.log"), false));
        QVERIFY(r.isIgnored(QStringLiteral("sub/other.log"), false));
        QVERIFY(r.isIgnored(QStringLiteral("sub/only-here"), false));
        QVERIFY(!r.isIgnored(QStringLiteral("sub/x/only-here"), false));
        QVERIFY(!r.isIgnored(QStringLiteral("only-here"), false));
        QVERIFY(!r.isIgnored(QStringLiteral("subway/only-here"), false)); // not a prefix match on names
    }

    void decisionNamesTheRule()
    {
        IgnoreRules r;
        r.addPatterns(QString(), QStringLiteral("# data\n\ndata/\n"), QStringLiteral(".gitignore"));
        const auto d = r.decide(QStringLiteral("data"), true);
        QVERIFY(d.ignored);
        QCOMPARE(d.source, QStringLiteral(".gitignore"));
        QCOMPARE(d.line, 3);
        QCOMPARE(d.pattern, QStringLiteral("data/"));
        QCOMPARE(r.ruleCount(), 1);
    }

    void blankAndCommentLinesMakeNoRules()
    {
        IgnoreRules r;
        r.addPatterns(QString(), QStringLiteral("\n# c\n   \n!\n/\n"), QStringLiteral(".gitignore"));
        QCOMPARE(r.ruleCount(), 0); // spaces trim to nothing; a lone "!" or "/" holds no pattern
    }
};

QTEST_GUILESS_MAIN(TestIgnoreRules)
#include "TestIgnoreRules.moc"
