// JsonDocumentParser and JsonWriter: key order and positions kept, the trailing comma read leniently and
// reported, every other syntax error reported where it is, output Python's json module accepts.
#include "project/JsonDocumentParser.h"
#include "project/JsonWriter.h"

#include <QJsonDocument>
#include <QtTest>

using namespace mltf::project;
using VT = DocNode::ValueType;

class TestJsonDocumentParser : public QObject
{
    Q_OBJECT

private slots:
    void keepsOrderTypesAndPositions();
    void trailingCommaIsLenientButReported();
    void errorsSayWhere_data();
    void errorsSayWhere();
    void escapes();
    void writerOutputIsStrictJson();
    void duplicateKeyWarns();
};

void TestJsonDocumentParser::keepsOrderTypesAndPositions()
{
    const QByteArray text = "{\n  \"z\": 1,\n  \"a\": \"8192\",\n  \"m\": [\"x\", 2.5],\n  \"b\": true,\n  \"n\": null\n}\n";
    const ParsedDocument doc = JsonDocumentParser::parse(text);
    QVERIFY(doc.ok);
    QVERIFY(doc.diagnostics.isEmpty());
    QCOMPARE(doc.root.keyAt(0), QStringLiteral("z"));
    QCOMPARE(doc.root.keyAt(1), QStringLiteral("a"));
    QCOMPARE(doc.root.get(QStringLiteral("z"))->valueType(), VT::Int);
    QCOMPARE(doc.root.get(QStringLiteral("a"))->valueType(), VT::String);
    QCOMPARE(doc.root.find(QStringLiteral("m.1"))->valueType(), VT::Float);
    QCOMPARE(doc.root.get(QStringLiteral("b"))->valueType(), VT::Bool);
    QVERIFY(doc.root.get(QStringLiteral("n"))->isNull());
    const DocNode *a = doc.root.get(QStringLiteral("a"));
    QCOMPARE(a->line, 3);
    QCOMPARE(a->column, 8);
    QCOMPARE(text.mid(a->start, a->end - a->start), QByteArray("\"8192\""));
    const DocNode *m = doc.root.get(QStringLiteral("m"));
    QCOMPARE(text.mid(m->start, m->end - m->start), QByteArray("[\"x\", 2.5]"));
    QCOMPARE(doc.root.end, text.size() - 1);
}

void TestJsonDocumentParser::trailingCommaIsLenientButReported()
{
    const QByteArray text = "{\n\"a\": [1, 2,],\n\"b\" : \"x\",\n} \n";
    const ParsedDocument doc = JsonDocumentParser::parse(text);
    QVERIFY(doc.ok);
    QCOMPARE(doc.root.get(QStringLiteral("b"))->scalar, QStringLiteral("x"));
    QCOMPARE(doc.root.get(QStringLiteral("a"))->size(), 2);
    QCOMPARE(doc.trailingCommas.size(), 2);
    QCOMPARE(doc.diagnostics.size(), 2);
    QCOMPARE(doc.diagnostics[0].line, 2);
    QCOMPARE(doc.diagnostics[0].column, 11);
    QVERIFY(doc.diagnostics[0].message.contains(QLatin1String("array")));
    QCOMPARE(doc.diagnostics[1].line, 3);
    QCOMPARE(doc.diagnostics[1].column, 10);
    QVERIFY(doc.diagnostics[1].message.contains(QLatin1String("object")));
    for (const Diagnostic &d : doc.diagnostics) {
        QCOMPARE(d.severity, Diagnostic::Severity::Error);
        QCOMPARE(d.fixId, JsonDocumentParser::trailingCommaFix);
    }
}

void TestJsonDocumentParser::errorsSayWhere_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3 << "Expected ',' or '}'";
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6 << "Expected ':'";
    QTest::newRow("unclosed string") << QByteArray("{\"a\": \"x\n}") << 1 << 9 << "not closed";
    QTest::newRow("single quotes") << QByteArray("{'a': 1}") << 1 << 2 << "double quotes";
    QTest::newRow("comment") << QByteArray("{\n// note\n\"a\": 1}") << 2 << 1 << "comments";
    QTest::newRow("bare word") << QByteArray("{\"a\": yes}") << 1 << 7 << "A JSON value is expected";
    QTest::newRow("unclosed object") << QByteArray("{\"a\": 1") << 1 << 8 << "not closed";
    QTest::newRow("garbage after") << QByteArray("{} x") << 1 << 4 << "after the end";
    QTest::newRow("empty") << QByteArray("  \n") << 2 << 1 << "empty";
    QTest::newRow("bad number") << QByteArray("{\"a\": 01}") << 1 << 7 << "Invalid number";
    QTest::newRow("deep") << QByteArray(300, '[') << 1 << 258 << "nested too deeply";
}

void TestJsonDocumentParser::errorsSayWhere()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const ParsedDocument doc = JsonDocumentParser::parse(text);
    QVERIFY(!doc.ok);
    QCOMPARE(doc.diagnostics.size(), 1);
    QVERIFY2(doc.diagnostics[0].message.contains(message), qPrintable(doc.diagnostics[0].message));
    QCOMPARE(doc.diagnostics[0].line, line);
    QCOMPARE(doc.diagnostics[0].column, column);
    QVERIFY(doc.root.isNull());
}

void TestJsonDocumentParser::escapes()
{
    const ParsedDocument doc = JsonDocumentParser::parse(R"({"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00", "é": 1})");
    QVERIFY(doc.ok);
    QCOMPARE(doc.root.get(QStringLiteral("s"))->scalar, QStringLiteral("a\"b\\c/d\n\u00e9") + QString::fromUtf8("\xF0\x9F\x98\x80"));
    QVERIFY(doc.root.get(QStringLiteral("é")));
    QVERIFY(!JsonDocumentParser::parse(R"({"s": "\x"})").ok);
}

void TestJsonDocumentParser::writerOutputIsStrictJson()
{
    DocNode root = DocNode::makeMap();
    root.set(QStringLiteral("text"), DocNode::makeString(QStringLiteral("line\nbreak \"quoted\" \t tab \x01")));
    root.set(QStringLiteral("number"), DocNode::makeScalar(QStringLiteral("3600")));
    root.set(QStringLiteral("numeric string"), DocNode::makeString(QStringLiteral("8192")));
    root.set(QStringLiteral("flag"), DocNode::makeScalar(QStringLiteral("true")));
    root.set(QStringLiteral("list"), DocNode::makeStringSeq({QStringLiteral("a"), QStringLiteral("b")}));
    root.set(QStringLiteral("empty"), DocNode::makeSeq());
    DocNode nested = DocNode::makeMap();
    nested.set(QStringLiteral("k"), DocNode::makeString(QStringLiteral("v")));
    root.set(QStringLiteral("nested"), nested);
    const QByteArray text = JsonWriter::write(root);
    QCOMPARE(text, QByteArray("{\n"
                              "  \"text\": \"line\\nbreak \\\"quoted\\\" \\t tab \\u0001\",\n"
                              "  \"number\": 3600,\n"
                              "  \"numeric string\": \"8192\",\n"
                              "  \"flag\": true,\n"
                              "  \"list\": [\"a\", \"b\"],\n"
                              "  \"empty\": [],\n"
                              "  \"nested\": {\n"
                              "    \"k\": \"v\"\n"
                              "  }\n"
                              "}\n"));
    QJsonParseError error;
    QJsonDocument::fromJson(text, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const ParsedDocument back = JsonDocumentParser::parse(text);
    QVERIFY(back.ok);
    QVERIFY(back.root.sameContent(root));
}

void TestJsonDocumentParser::duplicateKeyWarns()
{
    const ParsedDocument doc = JsonDocumentParser::parse("{\"a\": 1, \"a\": 2}");
    QVERIFY(doc.ok);
    QCOMPARE(doc.diagnostics.size(), 1);
    QCOMPARE(doc.diagnostics[0].severity, Diagnostic::Severity::Warning);
    QCOMPARE(doc.root.get(QStringLiteral("a"))->scalar, QStringLiteral("2"));
}

QTEST_GUILESS_MAIN(TestJsonDocumentParser)
#include "TestJsonDocumentParser.moc"
