// YamlDocumentParser and YamlScalar: positions, styles, YAML 1.1 types as MLflow's PyYAML reads them, aliases
// and merge keys, and yaml-cpp errors turned into diagnostics instead of exceptions.
#include "project/YamlDocumentParser.h"
#include "project/YamlEmitter.h"
#include "project/YamlScalar.h"

#include <QtTest>

using namespace mltf::project;
using VT = DocNode::ValueType;

class TestYamlDocumentParser : public QObject
{
    Q_OBJECT

private slots:
    void positionsAndStyles();
    void scalarEndsAreExact();
    void resolvesLikePyYaml_data();
    void resolvesLikePyYaml();
    void pythonRepr();
    void plainWhenSafe_data();
    void plainWhenSafe();
    void aliasesAndMergeKeys();
    void duplicateKeysAndExtraDocuments();
    void syntaxErrorsBecomeDiagnostics_data();
    void syntaxErrorsBecomeDiagnostics();
    void emptyAndBom();
    void emitterWritesTwoSpaceBlocks();
};

void TestYamlDocumentParser::positionsAndStyles()
{
    const QByteArray text = "name: \"my project\"\n"
                            "python: 3.10\n"
                            "quoted: 'it''s'\n"
                            "entry_points:\n"
                            "  main:\n"
                            "    parameters:\n"
                            "      alpha: {type: float, default: 0.5}\n"
                            "    command: |\n"
                            "      python train.py\n"
                            "deps:\n"
                            "  - numpy  # comment\n";
    const ParsedDocument doc = YamlDocumentParser::parse(text);
    QVERIFY(doc.ok);
    QVERIFY(doc.diagnostics.isEmpty());
    const DocNode &root = doc.root;
    QVERIFY(root.isMap());
    QCOMPARE(root.size(), 5);
    const DocNode *name = root.get(QStringLiteral("name"));
    QCOMPARE(name->scalar, QStringLiteral("my project"));
    QCOMPARE(name->style, DocNode::Style::DoubleQuoted);
    QCOMPARE(name->line, 1);
    QCOMPARE(name->column, 7);
    const DocNode *python = root.get(QStringLiteral("python"));
    QCOMPARE(python->style, DocNode::Style::Plain);
    QCOMPARE(python->scalar, QStringLiteral("3.10"));
    QCOMPARE(python->valueType(), VT::Float);
    QCOMPARE(root.get(QStringLiteral("quoted"))->scalar, QStringLiteral("it's"));
    QCOMPARE(root.get(QStringLiteral("quoted"))->style, DocNode::Style::SingleQuoted);
    const DocNode *alpha = root.find(QStringLiteral("entry_points.main.parameters.alpha"));
    QVERIFY(alpha && alpha->isMap() && alpha->flow);
    QCOMPARE(alpha->line, 7);
    QCOMPARE(alpha->column, 14);
    const DocNode *alphaKey = root.find(QStringLiteral("entry_points.main.parameters.alpha"), true);
    QCOMPARE(alphaKey->column, 7);
    const DocNode *command = root.find(QStringLiteral("entry_points.main.command"));
    QCOMPARE(command->style, DocNode::Style::Block);
    QCOMPARE(command->scalar, QStringLiteral("python train.py\n"));
    QCOMPARE(command->end, -1); // block scalars are never patched in place
    const DocNode *dep = root.find(QStringLiteral("deps.0"));
    QCOMPARE(dep->scalar, QStringLiteral("numpy"));
    QCOMPARE(text.mid(dep->start, dep->end - dep->start), QByteArray("numpy"));
    QCOMPARE(root.get(QStringLiteral("deps"))->scalarList(), QStringList({"numpy"}));
}

void TestYamlDocumentParser::scalarEndsAreExact()
{
    const QByteArray text = "a: \"x \\\" y\"  # c\nb: &anchor plain value\nc: {k: v, l: \"w\"}\nd: folded\n  over lines\n";
    const ParsedDocument doc = YamlDocumentParser::parse(text);
    QVERIFY(doc.ok);
    auto slice = [&](const DocNode *n) { return text.mid(n->start, n->end - n->start); };
    QCOMPARE(slice(doc.root.get(QStringLiteral("a"))), QByteArray("\"x \\\" y\""));
    const DocNode *b = doc.root.get(QStringLiteral("b"));
    QCOMPARE(slice(b), QByteArray("plain value")); // after the anchor
    QVERIFY(b->shared);
    QCOMPARE(slice(doc.root.find(QStringLiteral("c.k"))), QByteArray("v"));
    QCOMPARE(slice(doc.root.find(QStringLiteral("c.l"))), QByteArray("\"w\""));
    const DocNode *d = doc.root.get(QStringLiteral("d"));
    QCOMPARE(d->scalar, QStringLiteral("folded over lines"));
    QCOMPARE(d->end, -1);
}

void TestYamlDocumentParser::resolvesLikePyYaml_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    QTest::newRow("3.10") << "3.10" << int(VT::Float);
    QTest::newRow("3.9") << "3.9" << int(VT::Float);
    QTest::newRow("3") << "3" << int(VT::Int);
    QTest::newRow("3.10.4") << "3.10.4" << int(VT::String);
    QTest::newRow("1e3") << "1e3" << int(VT::String); // YAML 1.1 wants a dot and a signed exponent
    QTest::newRow("1.0e+3") << "1.0e+3" << int(VT::Float);
    QTest::newRow("8:00:00") << "8:00:00" << int(VT::Int); // sexagesimal
    QTest::newRow("0x1F") << "0x1F" << int(VT::Int);
    QTest::newRow("yes") << "yes" << int(VT::Bool);
    QTest::newRow("Off") << "Off" << int(VT::Bool);
    QTest::newRow("y") << "y" << int(VT::String);
    QTest::newRow("~") << "~" << int(VT::Null);
    QTest::newRow("null") << "null" << int(VT::Null);
    QTest::newRow(".inf") << ".inf" << int(VT::Float);
    QTest::newRow("mlflow==2.8.1") << "mlflow==2.8.1" << int(VT::String);
    QTest::newRow(".") << "." << int(VT::String);
}

void TestYamlDocumentParser::resolvesLikePyYaml()
{
    QFETCH(QString, text);
    QFETCH(int, type);
    QCOMPARE(int(YamlScalar::resolvePlain(text)), type);
    // Quoted, it is always a string.
    const ParsedDocument doc = YamlDocumentParser::parse("v: \"" + text.toUtf8() + "\"\n");
    QCOMPARE(doc.root.get(QStringLiteral("v"))->valueType(), VT::String);
}

void TestYamlDocumentParser::pythonRepr()
{
    QCOMPARE(YamlScalar::pythonRepr(QStringLiteral("3.10")), QStringLiteral("3.1"));
    QCOMPARE(YamlScalar::pythonRepr(QStringLiteral("3.9")), QStringLiteral("3.9"));
    QCOMPARE(YamlScalar::pythonRepr(QStringLiteral("3.0")), QStringLiteral("3.0"));
    QCOMPARE(YamlScalar::pythonRepr(QStringLiteral("3")), QStringLiteral("3"));
}

void TestYamlDocumentParser::plainWhenSafe_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("plain");
    QTest::newRow("word") << "numpy" << true;
    QTest::newRow("requirement") << "mlflow>=1.0" << true;
    QTest::newRow("-r file") << "-r requirements.txt" << true;
    QTest::newRow("url") << "git+https://github.com/ncsa/mlflow-slurm.git@initial" << true;
    QTest::newRow("colon space") << "a: b" << false;
    QTest::newRow("comment") << "a #b" << false;
    QTest::newRow("flow") << "{x}" << false;
    QTest::newRow("comma") << "a,b" << false;
    QTest::newRow("dash") << "- x" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("leading space") << " x" << false;
    QTest::newRow("quote") << "'x" << false;
    QTest::newRow("newline") << "a\nb" << false;
}

void TestYamlDocumentParser::plainWhenSafe()
{
    QFETCH(QString, text);
    QFETCH(bool, plain);
    QCOMPARE(YamlScalar::canBePlain(text), plain);
    // Whatever the style chosen, the text reads back as the same string.
    const DocNode n = DocNode::makeString(text);
    const ParsedDocument doc = YamlDocumentParser::parse(("v: " + YamlEmitter::scalarText(n) + "\n").toUtf8());
    QVERIFY(doc.ok);
    QCOMPARE(doc.root.get(QStringLiteral("v"))->scalar, text);
    QCOMPARE(doc.root.get(QStringLiteral("v"))->valueType(), text.isEmpty() ? VT::String : VT::String);
}

void TestYamlDocumentParser::aliasesAndMergeKeys()
{
    const QByteArray text = "base: &base {type: float, default: 0.1}\n"
                            "a:\n"
                            "  <<: *base\n"
                            "  default: 0.5\n"
                            "b: *base\n"
                            "c:\n"
                            "  <<: [*base]\n"
                            "  extra: 1\n";
    const ParsedDocument doc = YamlDocumentParser::parse(text);
    QVERIFY(doc.ok);
    QVERIFY(doc.diagnostics.isEmpty());
    const DocNode *a = doc.root.get(QStringLiteral("a"));
    QVERIFY(!a->get(QStringLiteral("<<")));
    QCOMPARE(a->get(QStringLiteral("default"))->scalar, QStringLiteral("0.5")); // own key wins
    QCOMPARE(a->get(QStringLiteral("type"))->scalar, QStringLiteral("float"));
    QVERIFY(a->get(QStringLiteral("type"))->shared);
    QVERIFY(!a->get(QStringLiteral("default"))->shared);
    QCOMPARE(doc.root.find(QStringLiteral("b.default"))->scalar, QStringLiteral("0.1"));
    QVERIFY(doc.root.get(QStringLiteral("b"))->shared);
    QCOMPARE(doc.root.find(QStringLiteral("c.type"))->scalar, QStringLiteral("float"));
    QCOMPARE(doc.root.get(QStringLiteral("c"))->keyAt(0), QStringLiteral("extra"));

    const ParsedDocument bad = YamlDocumentParser::parse("a:\n  <<: 3\n");
    QVERIFY(bad.ok);
    QCOMPARE(bad.diagnostics.size(), 1);
    QVERIFY(bad.diagnostics[0].message.contains(QLatin1String("merge key")));
    QCOMPARE(bad.diagnostics[0].line, 2);
}

void TestYamlDocumentParser::duplicateKeysAndExtraDocuments()
{
    const ParsedDocument dup = YamlDocumentParser::parse("a: 1\nb: 2\na: 3\n");
    QVERIFY(dup.ok);
    QCOMPARE(dup.diagnostics.size(), 1);
    QCOMPARE(dup.diagnostics[0].severity, Diagnostic::Severity::Warning);
    QCOMPARE(dup.diagnostics[0].line, 3);
    QCOMPARE(dup.root.get(QStringLiteral("a"))->scalar, QStringLiteral("3"));

    const ParsedDocument two = YamlDocumentParser::parse("a: 1\n---\nb: 2\n");
    QCOMPARE(two.diagnostics.size(), 1);
    QCOMPARE(two.diagnostics[0].severity, Diagnostic::Severity::Error);
    QVERIFY(two.diagnostics[0].message.contains(QLatin1String("more than one YAML document")));
}

void TestYamlDocumentParser::syntaxErrorsBecomeDiagnostics_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::newRow("bad indentation") << QByteArray("a: b\n  c: d\n") << 2;
    QTest::newRow("unclosed flow") << QByteArray("a: [1, 2\nb: c\n") << 2;
    QTest::newRow("unclosed quote") << QByteArray("a: \"open") << 1;
    QTest::newRow("mismatched flow") << QByteArray("a: [b, {c: d]\n") << 1;
    QTest::newRow("tab indentation") << QByteArray("a:\n\t- b\n") << 0;
    QTest::newRow("unknown alias") << QByteArray("a: *nothing\n") << 0;
    QTest::newRow("deep nesting") << QByteArray(5000, '[') << 0;
}

void TestYamlDocumentParser::syntaxErrorsBecomeDiagnostics()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    const ParsedDocument doc = YamlDocumentParser::parse(text);
    QVERIFY(!doc.ok);
    QCOMPARE(doc.diagnostics.size(), 1);
    QCOMPARE(doc.diagnostics[0].severity, Diagnostic::Severity::Error);
    QVERIFY(!doc.diagnostics[0].message.isEmpty());
    if (line > 0)
        QCOMPARE(doc.diagnostics[0].line, line);
    QVERIFY(doc.root.isNull());
}

void TestYamlDocumentParser::emptyAndBom()
{
    const ParsedDocument empty = YamlDocumentParser::parse("# only a comment\n");
    QVERIFY(empty.ok);
    QVERIFY(empty.root.isNull());
    const ParsedDocument bom = YamlDocumentParser::parse("\xEF\xBB\xBFname: x\nother: y\n");
    QVERIFY(bom.ok);
    const DocNode *other = bom.root.get(QStringLiteral("other"));
    QCOMPARE(other->line, 2);
    QCOMPARE(other->column, 8);
    QCOMPARE(other->start, 3 + 8 + 7); // byte offsets count the BOM yaml-cpp skips
}

void TestYamlDocumentParser::emitterWritesTwoSpaceBlocks()
{
    const ParsedDocument doc = YamlDocumentParser::parse("a:\n    b: [1, \"x y\"]\n    c:\n    - d: 1\n      e: 'q'\n");
    QVERIFY(doc.ok);
    // Indentation becomes two spaces; the quoting people chose stays.
    QCOMPARE(YamlEmitter::write(doc.root), QByteArray("a:\n  b: [1, \"x y\"]\n  c:\n    - d: 1\n      e: 'q'\n"));
    const ParsedDocument again = YamlDocumentParser::parse(YamlEmitter::write(doc.root));
    QVERIFY(again.root.sameContent(doc.root));
}

QTEST_GUILESS_MAIN(TestYamlDocumentParser)
#include "TestYamlDocumentParser.moc"
