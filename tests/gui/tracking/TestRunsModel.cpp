// RunsModel, RunsTreeModel, ExperimentsModel and ArtifactsModel on an in-memory store: model invariants
// (QAbstractItemModelTester), paging, nested runs, sorting and errors.

#include "FakeStore.h"
#include "runs/ArtifactsModel.h"
#include "runs/ExperimentsModel.h"
#include "runs/RunsModel.h"
#include "runs/RunsTreeModel.h"
#include "util/Settings.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::ui;
using mltf::test::FakeStore;

namespace {
std::shared_ptr<FakeStore> storeWithRuns(int count, const QString &experimentId = QStringLiteral("1"))
{
    auto store = std::make_shared<FakeStore>();
    for (int i = 0; i < count; ++i)
        store->runs.append(FakeStore::makeRun(QStringLiteral("r%1").arg(i, 4, 10, QLatin1Char('0')), experimentId));
    return store;
}

bool waitForState(RunsModel &model, RunsModel::State state)
{
    if (model.state() == state)
        return true;
    QSignalSpy spy(&model, &RunsModel::stateChanged);
    while (spy.wait(5000))
        if (model.state() == state)
            return true;
    return model.state() == state;
}

// The runs model's rows in the tree: parent run id -> child run ids, top level under "".
QMap<QString, QStringList> treeShape(const QAbstractItemModel &tree)
{
    QMap<QString, QStringList> shape;
    std::function<void(const QModelIndex &, const QString &)> walk = [&](const QModelIndex &parent, const QString &id) {
        for (int row = 0; row < tree.rowCount(parent); ++row) {
            const QModelIndex index = tree.index(row, 0, parent);
            const QString runId = index.data(RunsModel::RunIdRole).toString();
            shape[id].append(runId);
            walk(index, runId);
        }
    };
    walk(QModelIndex(), QString());
    return shape;
}
} // namespace

class TestRunsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Settings::initialise(); }

    void pagesArriveIncrementally()
    {
        auto store = storeWithRuns(25);
        RunsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(10);
        model.setStore(store);
        model.setExperimentIds({QStringLiteral("1")});
        QCOMPARE(model.state(), RunsModel::State::Loading);
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        // The tester itself may have asked for more; at least the first page is there, not everything yet.
        QVERIFY(model.rowCount() >= 10);
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QVERIFY(waitForState(model, RunsModel::State::Ready));
        }
        QCOMPARE(model.rowCount(), 25);
        QVERIFY(!model.hasMorePages());
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("run-r0000"));
        QCOMPARE(model.index(24, 1).data().toString(), QStringLiteral("run-r0024"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Finished"));
        QVERIFY(model.index(0, 0).data(Qt::DecorationRole).isValid()); // the status colour
        QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("1 min 10 s"));
        // Every request after the first carried the token of the page before.
        QCOMPARE(store->searches.first().pageToken, QString());
        QCOMPARE(store->searches.at(1).pageToken, QStringLiteral("10"));
        QCOMPARE(store->searches.first().maxResults, 10);
    }

    void stopsOnEmptyPageWithToken()
    {
        auto store = storeWithRuns(20);
        store->tokenOnLastPage = true; // like MLflow's SQL store when the last page is full
        RunsModel model;
        model.setPageSize(10);
        model.setStore(store);
        model.setExperimentIds({QStringLiteral("1")});
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        int requests = 0;
        while (model.canFetchMore({}) && requests < 10) {
            ++requests;
            model.fetchMore({});
            QVERIFY(waitForState(model, RunsModel::State::Ready));
        }
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(store->searches.size(), 3); // 10, 10, then the empty page ends it
        QVERIFY(!model.canFetchMore({}));
    }

    void paramAndMetricColumns()
    {
        auto store = storeWithRuns(3);
        RunsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store);
        model.setExperimentIds({QStringLiteral("1")});
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        QCOMPARE(model.paramKeys(), QStringList{QStringLiteral("lr")});
        QCOMPARE(model.metricKeys(), (QStringList{QStringLiteral("system/gpu_0_utilization_percentage"),
                                                  QStringLiteral("val_loss")}));
        const int fixed = model.columnCount();
        model.setExtraColumns({RunColumn::param(QStringLiteral("lr")), RunColumn::metric(QStringLiteral("val_loss"))});
        QCOMPARE(model.columnCount(), fixed + 2);
        QCOMPARE(model.headerData(fixed, Qt::Horizontal).toString(), QStringLiteral("lr"));
        QCOMPARE(model.index(0, fixed).data().toString(), QStringLiteral("0.001"));
        QCOMPARE(model.index(0, fixed + 1).data().toString(), QStringLiteral("1.25"));
        QVERIFY(model.index(0, fixed + 1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("step 10")));
    }

    void sortIsServerSideWithQuotedKeys()
    {
        auto store = storeWithRuns(3);
        RunsModel model;
        model.setStore(store);
        model.setExperimentIds({QStringLiteral("1")});
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        const int fixed = model.columnCount();
        model.setExtraColumns({RunColumn::metric(QStringLiteral("system/gpu_0_utilization_percentage"))});
        model.sort(fixed, Qt::DescendingOrder);
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        QCOMPARE(store->searches.last().orderBy.first(),
                 QStringLiteral("metrics.`system/gpu_0_utilization_percentage` DESC"));
        QCOMPARE(model.rowCount(), 3);

        // Duration cannot be sorted by the server: nothing is sent.
        const int before = store->searches.size();
        QVERIFY(!model.isSortable(3));
        model.sort(3, Qt::AscendingOrder);
        QCOMPARE(store->searches.size(), before);
        QCOMPARE(model.sortColumn(), fixed);

        // Removing the sorted column goes back to the default order.
        model.setExtraColumns({});
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        QCOMPARE(store->searches.last().orderBy.first(), QStringLiteral("attributes.start_time DESC"));
    }

    void rejectedFilterIsAnError()
    {
        auto store = storeWithRuns(3);
        RunsModel model;
        model.setStore(store);
        model.setExperimentIds({QStringLiteral("1")});
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        store->failSearches = 1;
        model.setFilter(QStringLiteral("metrics.loss <<< 1"));
        QVERIFY(waitForState(model, RunsModel::State::Failed));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.error().kind, Error::Kind::InvalidInput);
        QCOMPARE(model.error().message, QStringLiteral("Invalid comparator '<<<'"));
        QCOMPARE(store->searches.last().filter, QStringLiteral("metrics.loss <<< 1"));
        model.retry();
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        QCOMPARE(model.rowCount(), 3);
    }

    void staleAnswersAreDropped()
    {
        auto store = storeWithRuns(3, QStringLiteral("1"));
        store->runs += storeWithRuns(2, QStringLiteral("2"))->runs;
        RunsModel model;
        model.setStore(store);
        model.setExperimentIds({QStringLiteral("1")});
        model.setExperimentIds({QStringLiteral("2")}); // before the first answer arrived
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        // The answer for experiment 1 was sent first (the fake store answers in order), so it came and was
        // dropped before this one.
        QCOMPARE(model.rowCount(), 2);
    }

    void nestedRunsUnderTheirParent()
    {
        auto store = std::make_shared<FakeStore>();
        // Children before their parent (start_time DESC lists them first), a grandchild, a run whose parent is
        // not loaded, a self-parent and a two-run cycle.
        store->runs = {FakeStore::makeRun(QStringLiteral("c1"), QStringLiteral("1"), QStringLiteral("p")),
                       FakeStore::makeRun(QStringLiteral("g1"), QStringLiteral("1"), QStringLiteral("c1")),
                       FakeStore::makeRun(QStringLiteral("c2"), QStringLiteral("1"), QStringLiteral("p")),
                       FakeStore::makeRun(QStringLiteral("lost"), QStringLiteral("1"), QStringLiteral("elsewhere")),
                       FakeStore::makeRun(QStringLiteral("p"), QStringLiteral("1")),
                       FakeStore::makeRun(QStringLiteral("self"), QStringLiteral("1"), QStringLiteral("self")),
                       FakeStore::makeRun(QStringLiteral("a"), QStringLiteral("1"), QStringLiteral("b")),
                       FakeStore::makeRun(QStringLiteral("b"), QStringLiteral("1"), QStringLiteral("a")),
                       FakeStore::makeRun(QStringLiteral("c3"), QStringLiteral("1"), QStringLiteral("p"))};
        RunsModel model;
        model.setPageSize(2); // parents and children arrive in different pages
        RunsTreeModel tree;
        tree.setSourceModel(&model);
        QAbstractItemModelTester flatTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store);
        model.setExperimentIds({QStringLiteral("1")});
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        while (model.canFetchMore({})) {
            tree.fetchMore({}); // as a view would
            QVERIFY(waitForState(model, RunsModel::State::Ready));
        }
        QCOMPARE(model.rowCount(), 9);
        const QMap<QString, QStringList> shape = treeShape(tree);
        QCOMPARE(shape.value(QString()),
                 (QStringList{QStringLiteral("lost"), QStringLiteral("p"), QStringLiteral("self"), QStringLiteral("a")}));
        QCOMPARE(shape.value(QStringLiteral("p")), (QStringList{QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")}));
        QCOMPARE(shape.value(QStringLiteral("c1")), QStringList{QStringLiteral("g1")});
        QCOMPARE(shape.value(QStringLiteral("a")), QStringList{QStringLiteral("b")});
        QVERIFY(!shape.contains(QStringLiteral("b"))); // the cycle is broken: "a" stays at the top

        // Mapping both ways agrees, and data comes from the right source row.
        const QModelIndex c2 = tree.index(1, 1, tree.index(1, 0));
        QCOMPARE(c2.data(RunsModel::RunIdRole).toString(), QStringLiteral("c2"));
        QCOMPARE(tree.mapFromSource(tree.mapToSource(c2)), c2);
        QCOMPARE(c2.data().toString(), QStringLiteral("run-c2"));
        QCOMPARE(tree.headerData(1, Qt::Horizontal).toString(), model.headerData(1, Qt::Horizontal).toString());

        // A reload rebuilds the same tree; extra columns reach the tree.
        model.setExtraColumns({RunColumn::param(QStringLiteral("lr"))});
        QCOMPARE(tree.columnCount(), model.columnCount());
        QCOMPARE(tree.index(0, model.columnCount() - 1, tree.index(1, 0)).data().toString(), QStringLiteral("0.001"));
        model.reload();
        QCOMPARE(tree.rowCount(), 0);
        QVERIFY(waitForState(model, RunsModel::State::Ready));
        while (model.canFetchMore({})) {
            tree.fetchMore({});
            QVERIFY(waitForState(model, RunsModel::State::Ready));
        }
        QCOMPARE(treeShape(tree), shape);
    }

    void experimentsFollowEveryPage()
    {
        auto store = std::make_shared<FakeStore>();
        store->experimentsPageSize = 2;
        for (int i = 0; i < 5; ++i) {
            tracking::Experiment e;
            e.experimentId = QString::number(i);
            e.name = QStringLiteral("exp-%1").arg(i);
            e.lifecycleStage = QStringLiteral("active");
            store->experiments.append(e);
        }
        ExperimentsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store);
        QTRY_COMPARE_WITH_TIMEOUT(model.state(), ExperimentsModel::State::Ready, 5000);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(4).data().toString(), QStringLiteral("exp-4"));
        QCOMPARE(model.index(4).data(ExperimentsModel::ExperimentIdRole).toString(), QStringLiteral("4"));

        // A refresh with one experiment less replaces the rows.
        store->experiments.removeAt(1);
        model.reload();
        QTRY_COMPARE_WITH_TIMEOUT(model.state(), ExperimentsModel::State::Ready, 5000);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOfExperiment(QStringLiteral("1")), -1);
    }

    void artifactsAreListedPerDirectory()
    {
        auto store = std::make_shared<FakeStore>();
        store->artifacts.insert(QString(), {{QStringLiteral("train.log"), false, 1234},
                                            {QStringLiteral("model"), true, -1},
                                            {QStringLiteral("empty"), true, -1}});
        store->artifacts.insert(QStringLiteral("model"), {{QStringLiteral("model/MLmodel"), false, 278},
                                                          {QStringLiteral("model/data"), true, -1}});
        store->artifacts.insert(QStringLiteral("model/data"), {{QStringLiteral("model/data/model.pth"), false, 5242880}});
        {
            // Lazy: only the root is listed until a folder is expanded.
            ArtifactsModel lazy;
            lazy.setRun(store, QStringLiteral("r1"));
            QTRY_VERIFY_WITH_TIMEOUT(lazy.isRootListed(), 5000);
            QCOMPARE(store->listedPaths, QStringList{QString()});
            const QModelIndex modelDir = lazy.index(1, 0);
            QVERIFY(lazy.hasChildren(modelDir));
            QCOMPARE(lazy.rowCount(modelDir), 0);
            QVERIFY(lazy.canFetchMore(modelDir));
            lazy.fetchMore(modelDir);
            QVERIFY(!lazy.canFetchMore(modelDir)); // asked once
            QTRY_COMPARE_WITH_TIMEOUT(lazy.rowCount(modelDir), 2, 5000);
            QCOMPARE(store->listedPaths, (QStringList{QString(), QStringLiteral("model")}));
        }

        ArtifactsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun(store, QStringLiteral("r1"));
        QTRY_VERIFY_WITH_TIMEOUT(model.isRootListed(), 5000);
        QCOMPARE(model.rowCount(), 3);
        // Folders first.
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("empty"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("model"));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("train.log"));
        QVERIFY(!model.index(2, 1).data().toString().isEmpty()); // a size
        const QModelIndex modelDir = model.index(1, 0);
        model.fetchMore(modelDir);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(modelDir), 2, 5000);
        const QModelIndex dataDir = model.index(0, 0, modelDir);
        QCOMPARE(dataDir.data().toString(), QStringLiteral("data"));
        model.fetchMore(dataDir);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(dataDir), 1, 5000);
        QCOMPARE(model.index(0, 0, dataDir).data(ArtifactsModel::PathRole).toString(),
                 QStringLiteral("model/data/model.pth"));
        QCOMPARE(model.index(0, 0, dataDir).data(ArtifactsModel::SizeRole).toLongLong(), 5242880);
        // An empty folder has no expander once listed.
        const QModelIndex empty = model.index(0, 0);
        model.fetchMore(empty);
        QTRY_VERIFY_WITH_TIMEOUT(!model.hasChildren(empty), 5000);
        // Another run starts from scratch.
        model.setRun(store, QStringLiteral("r2"));
        QTRY_VERIFY_WITH_TIMEOUT(model.isRootListed(), 5000);
        QCOMPARE(model.rowCount(), 3);
    }
};

QTEST_MAIN(TestRunsModel)
#include "TestRunsModel.moc"
