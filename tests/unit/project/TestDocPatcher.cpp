// DocPatcher: a changed tree becomes minimal edits of the original text (comments and layout kept), or nothing
// when the change is not local, so the caller knows formatting would be lost.
#include "project/DocMerge.h"
#include "project/DocPatcher.h"
#include "project/JsonDocumentParser.h"
#include "project/YamlDocumentParser.h"

#include <QtTest>

using namespace mltf::project;

namespace {

// Applies `change` to the parsed `text` and returns the patched text, or "<none>" when no patch exists.
template <typename Change>
QByteArray patched(const QByteArray &text, DocPatcher::Format format, Change change)
{
    const ParsedDocument doc = format == DocPatcher::Format::Yaml ? YamlDocumentParser::parse(text)
                                                                  : JsonDocumentParser::parse(text);
    if (!doc.ok)
        return "<unparseable>";
    DocNode tree = doc.root;
    change(tree);
    const std::optional<QList<DocPatcher::Edit>> edits = DocPatcher::diff(text, doc.root, tree, format);
    if (!edits)
        return "<none>";
    const QByteArray out = DocPatcher::apply(text, *edits);
    // The patched text must read back as the changed tree.
    const ParsedDocument back = format == DocPatcher::Format::Yaml ? YamlDocumentParser::parse(out)
                                                                   : JsonDocumentParser::parse(out);
    if (!back.ok || !back.root.sameContent(tree))
        return "<wrong>" + out;
    return out;
}

constexpr auto Yaml = DocPatcher::Format::Yaml;
constexpr auto Json = DocPatcher::Format::Json;

} // namespace

class TestDocPatcher : public QObject
{
    Q_OBJECT

private slots:
    void unchangedTreeGivesNoEdit();
    void scalarKeepsQuotingAndComments();
    void scalarTypeForcesQuotes();
    void appendsToBlockSequence();
    void insertsBeforeFirstItem();
    void removesBlockItemsAndEntries();
    void addsEntryToBlockMapAndFlowMap();
    void scalarBecomesFlowMap();
    void jsonInsertAndRemove();
    void refusesNonLocalChanges();
};

void TestDocPatcher::unchangedTreeGivesNoEdit()
{
    const QByteArray text = "a: 1 # c\nb:\n  - x\n";
    QCOMPARE(patched(text, Yaml, [](DocNode &) {}), text);
    const QByteArray json = "{\"a\" : 1}";
    QCOMPARE(patched(json, Json, [](DocNode &) {}), json);
}

void TestDocPatcher::scalarKeepsQuotingAndComments()
{
    const QByteArray text = "# head\nname: 'old'   # trailing\ncmd: \"python a.py\"\nn: 3\n";
    QCOMPARE(patched(text, Yaml,
                     [](DocNode &t) {
                         t.set(QStringLiteral("name"), DocNode::makeString(QStringLiteral("new")));
                         t.set(QStringLiteral("cmd"), DocNode::makeString(QStringLiteral("python b.py")));
                         t.set(QStringLiteral("n"), DocNode::makeScalar(QStringLiteral("4")));
                     }),
             QByteArray("# head\nname: 'new'   # trailing\ncmd: \"python b.py\"\nn: 4\n"));
}

void TestDocPatcher::scalarTypeForcesQuotes()
{
    // A plain scalar that must stay a string gets quotes when its new text would read as a number.
    QCOMPARE(patched("python: abc\n", Yaml,
                     [](DocNode &t) { t.set(QStringLiteral("python"), DocNode::makeString(QStringLiteral("3.10"))); }),
             QByteArray("python: \"3.10\"\n"));
    QCOMPARE(patched("{\"ntasks\": \"1\"}", Json,
                     [](DocNode &t) { t.set(QStringLiteral("ntasks"), DocNode::makeString(QStringLiteral("2"))); }),
             QByteArray("{\"ntasks\": \"2\"}"));
}

void TestDocPatcher::appendsToBlockSequence()
{
    const QByteArray text = "deps:\n- a  # first\n- b\n# tail comment\nother: 1\n";
    QCOMPARE(patched(text, Yaml,
                     [](DocNode &t) {
                         DocNode *deps = t.get(QStringLiteral("deps"));
                         *deps = DocMerge::stringSeq(deps, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
                     }),
             QByteArray("deps:\n- a  # first\n- b\n- c\n# tail comment\nother: 1\n"));
    const QByteArray flow = "deps: [a, b]  # c\n";
    QCOMPARE(patched(flow, Yaml,
                     [](DocNode &t) {
                         DocNode *deps = t.get(QStringLiteral("deps"));
                         *deps = DocMerge::stringSeq(deps, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c d")});
                     }),
             QByteArray("deps: [a, b, c d]  # c\n"));
}

void TestDocPatcher::insertsBeforeFirstItem()
{
    const QByteArray text = "deps:\n  - b\n  - c\n";
    QCOMPARE(patched(text, Yaml,
                     [](DocNode &t) {
                         DocNode *deps = t.get(QStringLiteral("deps"));
                         *deps = DocMerge::stringSeq(deps, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("x"),
                                                            QStringLiteral("c")});
                     }),
             QByteArray("deps:\n  - a\n  - b\n  - x\n  - c\n"));
}

void TestDocPatcher::removesBlockItemsAndEntries()
{
    const QByteArray text = "a: 1\nb:  # note\n  - x\n  - y\nc: 3\n";
    QCOMPARE(patched(text, Yaml,
                     [](DocNode &t) {
                         DocNode *b = t.get(QStringLiteral("b"));
                         *b = DocMerge::stringSeq(b, {QStringLiteral("y")});
                         t.remove(QStringLiteral("a"));
                     }),
             QByteArray("b:  # note\n  - y\nc: 3\n"));
    QCOMPARE(patched(text, Yaml, [](DocNode &t) { t.remove(QStringLiteral("b")); }), QByteArray("a: 1\nc: 3\n"));
    QCOMPARE(patched("k: [a, b, c]\n", Yaml,
                     [](DocNode &t) {
                         DocNode *k = t.get(QStringLiteral("k"));
                         *k = DocMerge::stringSeq(k, {QStringLiteral("a"), QStringLiteral("c")});
                     }),
             QByteArray("k: [a, c]\n"));
}

void TestDocPatcher::addsEntryToBlockMapAndFlowMap()
{
    const QByteArray text = "top:\n    inner: 1   # four spaces\nflow: {x: 1}\n";
    QCOMPARE(patched(text, Yaml,
                     [](DocNode &t) {
                         t.get(QStringLiteral("top"))->set(QStringLiteral("added"), DocNode::makeString(QStringLiteral("v")));
                         t.get(QStringLiteral("flow"))->set(QStringLiteral("y"), DocNode::makeScalar(QStringLiteral("2")));
                         DocNode list = DocNode::makeStringSeq({QStringLiteral("p"), QStringLiteral("q")});
                         t.set(QStringLiteral("list"), list);
                     }),
             QByteArray("top:\n    inner: 1   # four spaces\n    added: v\nflow: {x: 1, y: 2}\nlist:\n  - p\n  - q\n"));
}

void TestDocPatcher::scalarBecomesFlowMap()
{
    QCOMPARE(patched("p:\n  beta: float  # c\n", Yaml,
                     [](DocNode &t) {
                         DocNode spec = DocNode::makeMap(true);
                         spec.set(QStringLiteral("type"), DocNode::makeString(QStringLiteral("float")));
                         spec.set(QStringLiteral("default"), DocNode::makeScalar(QStringLiteral("1.5")));
                         t.get(QStringLiteral("p"))->set(QStringLiteral("beta"), spec);
                     }),
             QByteArray("p:\n  beta: {type: float, default: 1.5}  # c\n"));
}

void TestDocPatcher::jsonInsertAndRemove()
{
    const QByteArray text = "{\n    \"a\": 1,\n    \"b\": [\"x\"],\n    \"c\": true\n}\n";
    QCOMPARE(patched(text, Json,
                     [](DocNode &t) {
                         t.remove(QStringLiteral("c"));
                         DocNode *b = t.get(QStringLiteral("b"));
                         *b = DocMerge::stringSeq(b, {QStringLiteral("x"), QStringLiteral("y")});
                         t.set(QStringLiteral("d"), DocNode::makeString(QStringLiteral("new")));
                     }),
             QByteArray("{\n    \"a\": 1,\n    \"b\": [\"x\", \"y\"],\n    \"d\": \"new\"\n}\n"));
    QCOMPARE(patched(text, Json, [](DocNode &t) { t.remove(QStringLiteral("a")); }),
             QByteArray("{\n    \"b\": [\"x\"],\n    \"c\": true\n}\n"));
}

void TestDocPatcher::refusesNonLocalChanges()
{
    // Reordering keys.
    QCOMPARE(patched("a: 1\nb: 2\n", Yaml,
                     [](DocNode &t) {
                         std::swap(t.keys[0], t.keys[1]);
                         std::swap(t.values[0], t.values[1]);
                     }),
             QByteArray("<none>"));
    // Editing a value shared through an anchor.
    QCOMPARE(patched("a: &x 1\nb: *x\n", Yaml,
                     [](DocNode &t) { t.set(QStringLiteral("b"), DocNode::makeScalar(QStringLiteral("2"))); }),
             QByteArray("<none>"));
    // A folded multi-line scalar has no exact end.
    QCOMPARE(patched("a: one\n  two\n", Yaml,
                     [](DocNode &t) { t.set(QStringLiteral("a"), DocNode::makeString(QStringLiteral("x"))); }),
             QByteArray("<none>"));
    // A block collection cannot replace a scalar in place.
    QCOMPARE(patched("a: 1\n", Yaml,
                     [](DocNode &t) {
                         t.set(QStringLiteral("a"), DocNode::makeStringSeq({QStringLiteral("x")}));
                     }),
             QByteArray("<none>"));
}

QTEST_GUILESS_MAIN(TestDocPatcher)
#include "TestDocPatcher.moc"
