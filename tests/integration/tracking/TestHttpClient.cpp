// net::HttpClient against the test server: credentials only for allowed origins (also across redirects), token
// renewal after a 401, error decoding of JSON and HTML answers, TLS failures, cancellation and progress.

#include "StoreWait.h"
#include "TestServerProcess.h"

#include "auth/TokenProvider.h"
#include "net/HttpClient.h"
#include "util/Settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace mltf;
using namespace mltf::net;

namespace {

// Hands out "first" and, after a 401, "second" (or an error when told to).
class FakeTokenProvider : public auth::TokenProvider
{
public:
    QString current = QStringLiteral("first");
    int renewals = 0;
    bool failRenewal = false;

    void accessToken(QObject *context, TokenCallback done) override
    {
        QTimer::singleShot(0, context, [this, done] { done(current); });
    }
    void handleUnauthorized(const QString &rejected, QObject *context, TokenCallback done) override
    {
        QTimer::singleShot(0, context, [this, rejected, done] {
            ++renewals;
            if (failRenewal) {
                done(Error::make(Error::Kind::Unauthorized, QStringLiteral("Sign in again.")));
                return;
            }
            if (rejected == current)
                current = QStringLiteral("second");
            done(current);
        });
    }
};

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { QVERIFY(m_server.setFaults({})); }

    void resolveKeepsThePrefixAndEncodesTheQuery();
    void bearerGoesOnlyToAllowedOrigins();
    void redirectToAnotherHostDropsTheCredentials();
    void basicCredentialsFromTheEnvironment();
    void tokenIsRenewedOnceAfter401();
    void failedRenewalReportsTheSignInProblem();
    void jsonErrorsKeepTheServerCodeAndMessage();
    void htmlErrorsBecomeShortText();
    void tlsFailureIsReported();
    void abortFinishesWithCancelled();
    void downloadReportsProgress();

private:
    // Sends and waits; the job's result.
    Result<HttpResponse> run(HttpClient &client, const HttpRequest &request);
    QJsonObject echoedHeaders(const Result<HttpResponse> &r)
    {
        return r.ok() ? QJsonDocument::fromJson(r.value().body).object().value(QLatin1String("headers")).toObject()
                      : QJsonObject();
    }

    TestServerProcess m_server;
};

void TestHttpClient::initTestCase()
{
    Settings::initialise();
    const QString error = m_server.start({QStringLiteral("--seed"), TestServerProcess::exampleStore()});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

Result<HttpResponse> TestHttpClient::run(HttpClient &client, const HttpRequest &request)
{
    std::optional<Result<HttpResponse>> result;
    HttpJob *job = client.send(request);
    job->onFinished(this, [&result](const Result<HttpResponse> &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        return Error::make(Error::Kind::Timeout, QStringLiteral("the test gave up waiting"));
    return *result;
}

void TestHttpClient::resolveKeepsThePrefixAndEncodesTheQuery()
{
    HttpClient client;
    client.setBaseUrl(QUrl(QStringLiteral("https://mlflow.example.org/prefix/")));
    HttpRequest r = HttpRequest::get(QStringLiteral("/api/2.0/mlflow/metrics/get-history"));
    r.addQuery(QStringLiteral("metric_key"), QStringLiteral("system/gpu a+b%"));
    QCOMPARE(client.resolve(r).toString(QUrl::FullyEncoded),
             QStringLiteral("https://mlflow.example.org/prefix/api/2.0/mlflow/metrics/get-history?"
                            "metric_key=system/gpu%20a%2Bb%25"));
}

void TestHttpClient::bearerGoesOnlyToAllowedOrigins()
{
    HttpClient client;
    client.setBaseUrl(m_server.url());
    Authenticator auth;
    auth.allowOrigin(m_server.url());
    auth.setBearerToken(QStringLiteral("secret-token"));
    client.setAuthenticator(auth);

    const auto allowed = run(client, HttpRequest::get(QStringLiteral("/__echo")));
    QVERIFY2(allowed.ok(), why(allowed));
    QCOMPARE(echoedHeaders(allowed).value(QLatin1String("authorization")).toString(), QStringLiteral("Bearer secret-token"));

    // Same server, other origin ("localhost" instead of "127.0.0.1"): no header.
    HttpRequest other;
    other.url = QUrl(QStringLiteral("http://localhost:%1/__echo").arg(m_server.url().port()));
    const auto foreign = run(client, other);
    QVERIFY2(foreign.ok(), why(foreign));
    QVERIFY(!echoedHeaders(foreign).contains(QLatin1String("authorization")));
}

void TestHttpClient::redirectToAnotherHostDropsTheCredentials()
{
    HttpClient client;
    client.setBaseUrl(m_server.url());
    Authenticator auth;
    auth.allowOrigin(m_server.url());
    auth.setBearerToken(QStringLiteral("secret-token"));
    client.setAuthenticator(auth);

    HttpRequest toOther = HttpRequest::get(QStringLiteral("/__redirect"));
    toOther.addQuery(QStringLiteral("to"), QStringLiteral("http://localhost:%1/__echo").arg(m_server.url().port()));
    const auto other = run(client, toOther);
    QVERIFY2(other.ok(), why(other));
    QVERIFY(other.value().url.host() == QLatin1String("localhost"));
    QVERIFY2(!echoedHeaders(other).contains(QLatin1String("authorization")), "credentials followed a redirect");

    HttpRequest toSame = HttpRequest::get(QStringLiteral("/__redirect"));
    toSame.addQuery(QStringLiteral("to"), QStringLiteral("/__echo"));
    toSame.addQuery(QStringLiteral("status"), QStringLiteral("307"));
    const auto same = run(client, toSame);
    QVERIFY2(same.ok(), why(same));
    QCOMPARE(echoedHeaders(same).value(QLatin1String("authorization")).toString(), QStringLiteral("Bearer secret-token"));
}

void TestHttpClient::basicCredentialsFromTheEnvironment()
{
    qputenv("MLFLOW_TRACKING_USERNAME", "user");
    qputenv("MLFLOW_TRACKING_PASSWORD", "pass");
    qunsetenv("MLFLOW_TRACKING_TOKEN");
    HttpClient client;
    client.setBaseUrl(m_server.url());
    client.setAuthenticator(Authenticator::fromEnvironment(m_server.url()));
    qunsetenv("MLFLOW_TRACKING_USERNAME");
    qunsetenv("MLFLOW_TRACKING_PASSWORD");
    const auto r = run(client, HttpRequest::get(QStringLiteral("/__echo")));
    QVERIFY2(r.ok(), why(r));
    QCOMPARE(echoedHeaders(r).value(QLatin1String("authorization")).toString(), QStringLiteral("Basic dXNlcjpwYXNz"));
}

void TestHttpClient::tokenIsRenewedOnceAfter401()
{
    FakeTokenProvider tokens;
    HttpClient client;
    client.setBaseUrl(m_server.url());
    Authenticator auth;
    auth.allowOrigin(m_server.url());
    auth.setTokenProvider(&tokens);
    client.setAuthenticator(auth);

    QVERIFY(m_server.setFaults({{QStringLiteral("unauthorized"), 1}}));
    HttpRequest r = HttpRequest::get(QStringLiteral("/api/2.0/mlflow/runs/get"));
    r.addQuery(QStringLiteral("run_id"), QStringLiteral("af55f830388b42fb8aad376b1301563d"));
    const auto result = run(client, r);
    QVERIFY2(result.ok(), why(result));
    QCOMPARE(tokens.renewals, 1);
    QCOMPARE(tokens.current, QStringLiteral("second"));
}

void TestHttpClient::failedRenewalReportsTheSignInProblem()
{
    FakeTokenProvider tokens;
    tokens.failRenewal = true;
    HttpClient client;
    client.setBaseUrl(m_server.url());
    Authenticator auth;
    auth.allowOrigin(m_server.url());
    auth.setTokenProvider(&tokens);
    client.setAuthenticator(auth);

    QVERIFY(m_server.setFaults({{QStringLiteral("unauthorized"), 5}}));
    const auto result = run(client, HttpRequest::get(QStringLiteral("/api/2.0/mlflow/experiments/get")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Unauthorized);
    QCOMPARE(result.error().httpStatus, 401);
    QVERIFY2(result.error().message.contains(QLatin1String("Sign in again")), qPrintable(result.error().message));
    QCOMPARE(tokens.renewals, 1);
}

void TestHttpClient::jsonErrorsKeepTheServerCodeAndMessage()
{
    HttpClient client;
    client.setBaseUrl(m_server.url());
    const auto missing = run(client, HttpRequest::get(QStringLiteral("/api/2.0/mlflow/runs/get")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(missing.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    QVERIFY2(missing.error().message.startsWith(QLatin1String("Missing value for required parameter 'run_id'")),
             qPrintable(missing.error().message));

    // A POST without a JSON content type.
    HttpRequest form = HttpRequest::postJson(QStringLiteral("/api/2.0/mlflow/runs/search"), "{}");
    form.contentType = "application/x-www-form-urlencoded";
    const auto rejected = run(client, form);
    QVERIFY(!rejected.ok());
    QVERIFY(rejected.error().message.contains(QLatin1String("Content-Type must be one of")));
}

void TestHttpClient::htmlErrorsBecomeShortText()
{
    HttpClient client;
    client.setBaseUrl(m_server.url());
    const auto notFound = run(client, HttpRequest::get(QStringLiteral("/api/2.0/mlflow/no-such-endpoint")));
    QVERIFY(!notFound.ok());
    QCOMPARE(notFound.error().kind, Error::Kind::NotFound);
    QVERIFY(notFound.error().code.isEmpty());
    QVERIFY2(notFound.error().message.contains(QLatin1String("no such endpoint")), qPrintable(notFound.error().message));
    QVERIFY(!notFound.error().message.contains(QLatin1Char('<')));

    const auto wrongMethod = run(client, HttpRequest::get(QStringLiteral("/api/2.0/mlflow/runs/search")));
    QVERIFY(!wrongMethod.ok());
    QCOMPARE(wrongMethod.error().httpStatus, 405);
    QVERIFY2(wrongMethod.error().message.contains(QLatin1String("The method is not allowed for the requested URL.")),
             qPrintable(wrongMethod.error().message));
}

void TestHttpClient::tlsFailureIsReported()
{
    if (HttpClient::insecureTls())
        QSKIP("MLFLOW_TRACKING_INSECURE_TLS is set");
    HttpClient client;
    RetryPolicy once;
    once.maxAttempts = 1;
    client.setRetryPolicy(once);
    client.setBaseUrl(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.url().port()))); // plain HTTP port
    const auto r = run(client, HttpRequest::get(QStringLiteral("/health")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, Error::Kind::Tls);
    QVERIFY2(r.error().message.contains(QLatin1String("MLFLOW_TRACKING_INSECURE_TLS")), why(r));
}

void TestHttpClient::abortFinishesWithCancelled()
{
    QVERIFY(m_server.setFaults({{QStringLiteral("delay_ms"), 3000}}));
    HttpClient client;
    client.setBaseUrl(m_server.url());
    std::optional<Result<HttpResponse>> result;
    HttpJob *job = client.send(HttpRequest::get(QStringLiteral("/api/2.0/mlflow/experiments/get")));
    job->onFinished(this, [&result](const Result<HttpResponse> &r) { result = r; });
    QTimer::singleShot(50, job, &HttpJob::abort);
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().kind, Error::Kind::Cancelled);
}

void TestHttpClient::downloadReportsProgress()
{
    HttpClient client;
    client.setBaseUrl(m_server.url());
    HttpRequest r = HttpRequest::get(QStringLiteral("/get-artifact"));
    r.addQuery(QStringLiteral("path"), QStringLiteral("model/data/model.pth"));
    r.addQuery(QStringLiteral("run_uuid"), QStringLiteral("af55f830388b42fb8aad376b1301563d"));
    std::optional<Result<HttpResponse>> result;
    HttpJob *job = client.send(r);
    QSignalSpy progress(job, &HttpJob::progress);
    job->onFinished(this, [&result](const Result<HttpResponse> &res) { result = res; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY2(result->ok(), why(*result));
    QCOMPARE(result->value().body.size(), 6725774);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(6725774));
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(6725774));
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "TestHttpClient.moc"
