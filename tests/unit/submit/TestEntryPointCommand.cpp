#include "submit/EntryPointCommand.h"

#include <QtTest>

using mltf::project::EntryPoint;
using mltf::project::MLProject;
using mltf::project::Parameter;
using mltf::submit::EntryPointCommand;

namespace {

MLProject project()
{
    MLProject p;
    EntryPoint main;
    main.name = QStringLiteral("main");
    main.command = QStringLiteral("python train.py --alpha {alpha} --data {data_file} --json '{{\"a\": 1}}'");
    Parameter alpha;
    alpha.name = QStringLiteral("alpha");
    alpha.type = QStringLiteral("float");
    alpha.hasDefault = true;
    alpha.defaultValue = QStringLiteral("0.5");
    Parameter data;
    data.name = QStringLiteral("data_file");
    data.type = QStringLiteral("path");
    main.parameters = {alpha, data};
    EntryPoint count;
    count.name = QStringLiteral("count");
    count.command = QStringLiteral("python count.py {n}");
    Parameter n;
    n.name = QStringLiteral("n");
    n.type = QStringLiteral("int");
    n.hasDefault = true;
    n.defaultValue = QStringLiteral("3");
    count.parameters = {n};
    p.entryPoints = {main, count};
    return p;
}

} // namespace

class TestEntryPointCommand : public QObject
{
    Q_OBJECT

private slots:
    void placeholdersAreQuotedLikeMlflow()
    {
        const auto command = EntryPointCommand::build(
            project(), QStringLiteral("main"),
            {{QStringLiteral("data_file"), QStringLiteral("my data.csv")}, {QStringLiteral("extra"), QStringLiteral("a;b")}});
        QVERIFY(command.ok());
        QCOMPARE(command.value(),
                 QStringLiteral("python train.py --alpha 0.5 --data 'my data.csv' --json '{\"a\": 1}' --extra 'a;b'"));
    }

    void missingRequiredParameter()
    {
        const auto command = EntryPointCommand::build(project(), QStringLiteral("main"), {});
        QVERIFY(!command.ok());
        QCOMPARE(command.error().message, QStringLiteral("No value given for missing parameters: 'data_file'"));
    }

    void typesAreChecked()
    {
        auto r = EntryPointCommand::resolveParameters(project(), QStringLiteral("count"), {{QStringLiteral("n"), QStringLiteral("three")}});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("must be an integer")));
        r = EntryPointCommand::resolveParameters(project(), QStringLiteral("main"),
                                                 {{QStringLiteral("alpha"), QStringLiteral("x")},
                                                  {QStringLiteral("data_file"), QStringLiteral("d")}});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("must be a number")));
    }

    void resolvedParametersIncludeDefaultsAndExtras()
    {
        const auto r = EntryPointCommand::resolveParameters(project(), QStringLiteral("main"),
                                                            {{QStringLiteral("data_file"), QStringLiteral("d.csv")},
                                                             {QStringLiteral("seed"), QStringLiteral("1")}});
        QVERIFY(r.ok());
        QCOMPARE(r.value().value(QStringLiteral("alpha")), QStringLiteral("0.5"));
        QCOMPARE(r.value().value(QStringLiteral("seed")), QStringLiteral("1"));
        QCOMPARE(r.value().size(), 3);
    }

    void scriptFilesAreEntryPoints()
    {
        auto r = EntryPointCommand::build(project(), QStringLiteral("tools/run me.py"), {{QStringLiteral("k"), QStringLiteral("v")}});
        QVERIFY(r.ok());
        QCOMPARE(r.value(), QStringLiteral("python 'tools/run me.py' --k v"));
        r = EntryPointCommand::build(project(), QStringLiteral("demo.sh"), {});
        QCOMPARE(r.value(), QStringLiteral("bash demo.sh"));
        r = EntryPointCommand::build(project(), QStringLiteral("nope"), {});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("no entry point 'nope' (it has: main, count)")));
    }

    void pythonFormatRules()
    {
        QCOMPARE(EntryPointCommand::format(QStringLiteral("a {{b}} {c}"), {{QStringLiteral("c"), QStringLiteral("1")}}).value(),
                 QStringLiteral("a {b} 1"));
        QVERIFY(!EntryPointCommand::format(QStringLiteral("a {b"), {}).ok());
        QVERIFY(!EntryPointCommand::format(QStringLiteral("a } b"), {}).ok());
        QVERIFY(!EntryPointCommand::format(QStringLiteral("{unknown}"), {}).ok());
    }
};

QTEST_GUILESS_MAIN(TestEntryPointCommand)
#include "TestEntryPointCommand.moc"
