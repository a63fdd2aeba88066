// HTTP failures become messages for people: JSON error codes only from JSON bodies, HTML reduced to a line.
// Also the retry policy's delays and the Authenticator's origin rules.

#include "net/Authenticator.h"
#include "net/ErrorDecoder.h"
#include "net/RetryPolicy.h"

#include <QTest>
#include <QTimeZone>

using namespace mltf;
using namespace mltf::net;

namespace {
HttpResponse response(int status, const QByteArray &type, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.url = QUrl(QStringLiteral("http://mlflow.example.org:5000/api/2.0/mlflow/runs/get?run_id=x"));
    r.contentType = type;
    r.body = body;
    return r;
}
} // namespace

class TestErrorDecoder : public QObject
{
    Q_OBJECT

private slots:
    void jsonError();
    void jsonLookingTextIsNotDecoded();
    void htmlPages_data();
    void htmlPages();
    void networkErrors();
    void retryDelays();
    void retryAfterParsing();
    void originsDecideTheHeader();
};

void TestErrorDecoder::jsonError()
{
    const Error e = ErrorDecoder::fromResponse(response(
        404, "application/json",
        R"({"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run with id=deadbeef not found"})"));
    QCOMPARE(e.kind, Error::Kind::NotFound);
    QCOMPARE(e.code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    QCOMPARE(e.message, QStringLiteral("Run with id=deadbeef not found"));
    QCOMPARE(e.httpStatus, 404);
    QVERIFY(e.detail.contains(QLatin1String("404")));
    QVERIFY(!e.detail.contains(QLatin1String("run_id=x"))); // no query strings in logs

    const Error exists = ErrorDecoder::fromResponse(
        response(400, "application/json; charset=utf-8", R"({"error_code":"RESOURCE_ALREADY_EXISTS","message":"Experiment(name=x) already exists."})"));
    QCOMPARE(exists.kind, Error::Kind::InvalidInput);
}

void TestErrorDecoder::jsonLookingTextIsNotDecoded()
{
    const Error e = ErrorDecoder::fromResponse(
        response(500, "text/plain", R"({"error_code": "FAKE", "message": "x"})"));
    QVERIFY(e.code.isEmpty());
    QCOMPARE(e.kind, Error::Kind::Http);
}

void TestErrorDecoder::htmlPages_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<int>("kind");
    QTest::newRow("404 routing") << 404
                                 << QByteArray("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
                                               "<p>The requested URL was not found on the server. If you entered the URL "
                                               "manually please check your spelling and try again.</p>\n")
                                 << QStringLiteral("no such endpoint") << int(Error::Kind::NotFound);
    QTest::newRow("401 basic auth") << 401
                                    << QByteArray("You are not authenticated. Please see https://www.mlflow.org/docs/latest/"
                                                  "auth/index.html#authenticating-to-mlflow on how to authenticate.")
                                    << QStringLiteral("You are not authenticated.") << int(Error::Kind::Unauthorized);
    QTest::newRow("403 text") << 403 << QByteArray("Permission denied") << QStringLiteral("Permission denied")
                              << int(Error::Kind::Unauthorized);
    QTest::newRow("500 flask") << 500
                               << QByteArray("<!doctype html><html><head><style>p{}</style><script>var x='<p>';</script>"
                                             "</head><title>500 Internal Server Error</title><h1>Internal Server Error</h1>"
                                             "<p>The server encountered an internal error &amp; was unable to complete your "
                                             "request.</p>")
                               << QStringLiteral("internal error & was unable") << int(Error::Kind::Http);
    QTest::newRow("502 proxy") << 502 << QByteArray("<html><body><h1>502 Bad Gateway</h1>nginx</body></html>")
                               << QStringLiteral("unavailable") << int(Error::Kind::Http);
}

void TestErrorDecoder::htmlPages()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, contains);
    QFETCH(int, kind);
    const Error e = ErrorDecoder::fromResponse(response(status, "text/html; charset=utf-8", body));
    QVERIFY2(e.message.contains(contains), qPrintable(e.message));
    QVERIFY2(!e.message.contains(QLatin1Char('<')), qPrintable(e.message));
    QVERIFY(e.message.contains(QLatin1String("mlflow.example.org:5000")));
    QCOMPARE(int(e.kind), kind);
    QVERIFY(e.code.isEmpty());
    QVERIFY(e.message.size() < 400);
}

void TestErrorDecoder::networkErrors()
{
    const QUrl url(QStringLiteral("https://mlflow.example.org/api"));
    QCOMPARE(ErrorDecoder::fromNetworkError(QNetworkReply::ConnectionRefusedError, {}, url).kind, Error::Kind::Network);
    QCOMPARE(ErrorDecoder::fromNetworkError(QNetworkReply::TimeoutError, {}, url).kind, Error::Kind::Timeout);
    QCOMPARE(ErrorDecoder::fromNetworkError(QNetworkReply::OperationCanceledError, {}, url).kind, Error::Kind::Cancelled);
    const Error tls = ErrorDecoder::fromNetworkError(QNetworkReply::SslHandshakeFailedError, QStringLiteral("bad cert"), url);
    QCOMPARE(tls.kind, Error::Kind::Tls);
    QVERIFY(tls.message.contains(QLatin1String("bad cert")));
    QVERIFY(tls.message.contains(QLatin1String("MLFLOW_TRACKING_INSECURE_TLS")));
    QVERIFY(ErrorDecoder::fromNetworkError(QNetworkReply::HostNotFoundError, {}, url).message.contains(QLatin1String("mlflow.example.org")));
    const QString longText = ErrorDecoder::readableText(QByteArray(1000, 'x') + " and more words here");
    QVERIFY(longText.size() <= 200);
}

void TestErrorDecoder::retryDelays()
{
    RetryPolicy p;
    p.baseDelayMs = 100;
    p.maxDelayMs = 1000;
    p.jitter = 0.5;
    QCOMPARE(p.delayMs(2, std::nullopt, 0.5), 100); // no jitter at the midpoint
    QCOMPARE(p.delayMs(3, std::nullopt, 0.5), 200);
    QCOMPARE(p.delayMs(4, std::nullopt, 0.5), 400);
    QCOMPARE(p.delayMs(10, std::nullopt, 0.5), 1000); // capped
    QCOMPARE(p.delayMs(2, std::nullopt, 0.0), 50);
    QCOMPARE(p.delayMs(2, std::nullopt, 1.0), 150);
    QCOMPARE(p.delayMs(2, 1000, 0.9), 1000); // Retry-After wins
    for (int s : {429, 502, 503, 504})
        QVERIFY(RetryPolicy::isRetryableStatus(s));
    for (int s : {400, 401, 404, 500, 501})
        QVERIFY(!RetryPolicy::isRetryableStatus(s));
}

void TestErrorDecoder::retryAfterParsing()
{
    const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 0), QTimeZone::utc());
    QCOMPARE(RetryPolicy::parseRetryAfter("1", now).value_or(-1), 1000);
    QCOMPARE(RetryPolicy::parseRetryAfter(" 120 ", now).value_or(-1), 120000);
    QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now).value_or(-1), 60000);
    QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now).value_or(-1), 0); // in the past
    QVERIFY(!RetryPolicy::parseRetryAfter("soon", now));
    QVERIFY(!RetryPolicy::parseRetryAfter("", now));
    QVERIFY(!RetryPolicy::parseRetryAfter("-5", now));
}

void TestErrorDecoder::originsDecideTheHeader()
{
    Authenticator a;
    a.allowOrigin(QUrl(QStringLiteral("https://MLflow.example.org/prefix")));
    QVERIFY(a.allows(QUrl(QStringLiteral("https://mlflow.example.org:443/api/2.0/x"))));
    QVERIFY(!a.allows(QUrl(QStringLiteral("http://mlflow.example.org/api")))); // other scheme
    QVERIFY(!a.allows(QUrl(QStringLiteral("https://mlflow.example.org:8443/api")))); // other port
    QVERIFY(!a.allows(QUrl(QStringLiteral("https://evil.example.org/api"))));
    QVERIFY(!a.hasCredentials());
    a.setBearerToken(QStringLiteral("t"));
    QVERIFY(a.hasCredentials());

    qputenv("MLFLOW_TRACKING_TOKEN", "envtoken");
    const Authenticator env = Authenticator::fromEnvironment(QUrl(QStringLiteral("http://127.0.0.1:5000")));
    qunsetenv("MLFLOW_TRACKING_TOKEN");
    QVERIFY(env.hasCredentials());
    QCOMPARE(env.allowedOrigins().size(), 1);
    QByteArray header;
    QObject context;
    env.headerFor(QUrl(QStringLiteral("http://127.0.0.1:5000/x")), &context, [&header](const Result<QByteArray> &h) { header = h.value(); });
    QTRY_COMPARE(header, QByteArray("Bearer envtoken"));
    header = "unset";
    env.headerFor(QUrl(QStringLiteral("http://127.0.0.1:5001/x")), &context, [&header](const Result<QByteArray> &h) { header = h.value(); });
    QTRY_COMPARE(header, QByteArray());
}

QTEST_GUILESS_MAIN(TestErrorDecoder)
#include "TestErrorDecoder.moc"
