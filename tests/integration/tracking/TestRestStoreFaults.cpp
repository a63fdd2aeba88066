// Every fault switch of the test server gives a clear error (or a successful retry), never a crash, and the UI
// thread keeps running while requests wait.

#include "StoreWait.h"
#include "TestServerProcess.h"

#include "net/HttpClient.h"
#include "tracking/RestStore.h"
#include "util/Settings.h"

#include <QTest>
#include <QTimer>

#include <memory>

using namespace mltf;
using namespace mltf::tracking;

namespace {
const QString kRun = QStringLiteral("af55f830388b42fb8aad376b1301563d"); // charlm-lr1e-3 in the example store
}

class TestRestStoreFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase() { QVERIFY(m_server.setFaults({})); }

    void html500GivesAReadableMessage();
    void unauthorizedAsksToSignIn();
    void retryAfter503IsHonoured();
    void persistent503GivesUp();
    void http429IsRetried();
    void droppedConnectionIsRetriedForReads();
    void droppedConnectionIsNotRetriedForWrites();
    void persistentDropGivesANetworkError();
    void slowServerTimesOutWithoutBlocking();
    void stoppedServerIsReportedAsRefused();

private:
    TestServerProcess m_server;
    std::unique_ptr<RestStore> m_store;
};

void TestRestStoreFaults::initTestCase()
{
    Settings::initialise();
    const QString error = m_server.start({QStringLiteral("--seed"), TestServerProcess::exampleStore()});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestRestStoreFaults::init()
{
    QVERIFY(m_server.setFaults({}));
    m_store = std::make_unique<RestStore>(m_server.url());
    net::RetryPolicy policy;
    policy.maxAttempts = 3;
    policy.baseDelayMs = 50;
    m_store->httpClient()->setRetryPolicy(policy);
}

void TestRestStoreFaults::html500GivesAReadableMessage()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("html500"), 1}}));
    const auto run = awaitResult(m_store->getRun(kRun));
    QVERIFY(!run.ok());
    QCOMPARE(run.error().httpStatus, 500);
    QCOMPARE(run.error().kind, Error::Kind::Http);
    QVERIFY2(!run.error().message.contains(QLatin1Char('<')), qPrintable(run.error().message));
    QVERIFY2(run.error().message.contains(QLatin1String("internal error")), qPrintable(run.error().message));
    QVERIFY(run.error().code.isEmpty()); // not JSON: no error_code invented
    // The next request is fine again.
    QVERIFY(awaitResult(m_store->getRun(kRun)).ok());
}

void TestRestStoreFaults::unauthorizedAsksToSignIn()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("unauthorized"), 1}}));
    const auto run = awaitResult(m_store->getRun(kRun));
    QVERIFY(!run.ok());
    QCOMPARE(run.error().kind, Error::Kind::Unauthorized);
    QCOMPARE(run.error().httpStatus, 401);
    QVERIFY2(run.error().message.contains(QLatin1String("sign in")), qPrintable(run.error().message));
    QVERIFY2(run.error().message.contains(QLatin1String("not authenticated")), qPrintable(run.error().message));
}

void TestRestStoreFaults::retryAfter503IsHonoured()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("retry_after_503"), 1}}));
    net::HttpJob *job = m_store->httpClient()->send(net::HttpRequest::get(QStringLiteral("/api/2.0/mlflow/runs/get")).addQuery(QStringLiteral("run_id"), kRun));
    QSignalSpy retrying(job, &net::HttpJob::retrying);
    QSignalSpy finished(job, &net::HttpJob::finished);
    int status = 0;
    job->onFinished(this, [&status](const Result<net::HttpResponse> &r) { status = r.ok() ? r.value().status : -1; });
    QVERIFY(finished.wait(30000));
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(retrying.first().at(1).toInt(), 1000); // Retry-After: 1
    QCOMPARE(status, 200);
}

void TestRestStoreFaults::persistent503GivesUp()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("retry_after_503"), 10}}));
    net::RetryPolicy policy = m_store->httpClient()->retryPolicy();
    policy.maxAttempts = 2;
    m_store->httpClient()->setRetryPolicy(policy);
    const auto run = awaitResult(m_store->getRun(kRun));
    QVERIFY(!run.ok());
    QCOMPARE(run.error().httpStatus, 503);
    QVERIFY2(run.error().message.contains(QLatin1String("unavailable")), qPrintable(run.error().message));
}

void TestRestStoreFaults::http429IsRetried()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("http429"), 1}}));
    ExperimentSearch search; // a POST marked idempotent
    search.maxResults = 5;
    const auto result = awaitResult(m_store->searchExperiments(search));
    QVERIFY2(result.ok(), why(result));
    QVERIFY(!result.value().items.isEmpty());
}

void TestRestStoreFaults::droppedConnectionIsRetriedForReads()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("drop_after_bytes"), 100}, {QStringLiteral("drop_count"), 1}}));
    const auto history = awaitResult(m_store->getMetricHistory(kRun, QStringLiteral("train_loss")));
    QVERIFY2(history.ok(), why(history));
    QCOMPARE(history.value().points.size(), 2400);
}

void TestRestStoreFaults::droppedConnectionIsNotRetriedForWrites()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("drop_after_bytes"), 5}, {QStringLiteral("drop_count"), 1}}));
    const auto created = awaitResult(m_store->createExperiment(QStringLiteral("dropped-write"), {}));
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind, Error::Kind::Network);
    QVERIFY2(created.error().message.contains(QLatin1String("closed the connection")), qPrintable(created.error().message));
}

void TestRestStoreFaults::persistentDropGivesANetworkError()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("drop_after_bytes"), 1000}}));
    const auto history = awaitResult(m_store->getMetricHistory(kRun, QStringLiteral("train_loss")));
    QVERIFY(!history.ok());
    QCOMPARE(history.error().kind, Error::Kind::Network);
    QVERIFY2(history.error().message.contains(QLatin1String("closed the connection")), qPrintable(history.error().message));
}

void TestRestStoreFaults::slowServerTimesOutWithoutBlocking()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("delay_ms"), 5000}}));
    m_store->httpClient()->setDefaultTimeoutMs(300);
    net::RetryPolicy policy;
    policy.maxAttempts = 1;
    m_store->httpClient()->setRetryPolicy(policy);
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    timer.start(10);
    const auto run = awaitResult(m_store->getRun(kRun));
    timer.stop();
    QVERIFY(!run.ok());
    QCOMPARE(run.error().kind, Error::Kind::Timeout);
    QVERIFY2(run.error().message.contains(QLatin1String("did not answer")), qPrintable(run.error().message));
    QVERIFY2(ticks >= 3, "the UI thread must keep running while a request waits");
}

void TestRestStoreFaults::stoppedServerIsReportedAsRefused()
{
    TestServerProcess other;
    const QString error = other.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QUrl url = other.url();
    other.stop();
    RestStore store(url);
    net::RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.baseDelayMs = 10;
    store.httpClient()->setRetryPolicy(policy);
    const auto run = awaitResult(store.getRun(kRun));
    QVERIFY(!run.ok());
    QCOMPARE(run.error().kind, Error::Kind::Network);
    QVERIFY2(run.error().message.contains(QLatin1String("connection refused")), qPrintable(run.error().message));
}

QTEST_GUILESS_MAIN(TestRestStoreFaults)
#include "TestRestStoreFaults.moc"
