// The sign-in session's bearer token travels only to the hosts the user configured: checked through the one
// HTTP layer (net::HttpClient with the AuthSession as its TokenProvider). Another host never sees an
// Authorization header, not even when a configured host redirects there; a 401 from a configured host
// renews the token at the identity provider once and retries.

#include "FakeHttpServer.h"

#include "auth/AuthSession.h"
#include "auth/MemorySecretStore.h"
#include "auth/OidcHttp.h"
#include "net/HttpClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

namespace {
FakeResponse redirectTo(const QUrl &url, int status)
{
    // FakeHttpServer writes the content type as given: the Location header rides along.
    FakeResponse r{status, {}};
    r.contentType = "text/plain\r\nLocation: " + url.toString(QUrl::FullyEncoded).toLatin1();
    return r;
}
} // namespace

class TestBearerOnlyForConfiguredHosts : public QObject
{
    Q_OBJECT

    Result<net::HttpResponse> run(net::HttpClient &client, const net::HttpRequest &request)
    {
        Result<net::HttpResponse> result = Error{};
        bool done = false;
        client.send(request)->onFinished(this, [&](const Result<net::HttpResponse> &r) {
            result = r;
            done = true;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
        return result;
    }

    static net::HttpRequest absolute(const QUrl &url, const QByteArray &method = "GET",
                                     const QByteArray &body = {})
    {
        net::HttpRequest r;
        r.url = url;
        r.method = method;
        r.body = body;
        r.contentType = body.isEmpty() ? QByteArray() : QByteArray("text/plain");
        r.maxAttempts = 1;
        return r;
    }

private slots:
    void tokenOnlyForConfiguredOriginsRedirectsIncluded()
    {
        // The identity provider renews tokens; the tracking server wants the renewed one; "elsewhere" is an
        // object store or any other host.
        int renewals = 0;
        FakeHttpServer idp([&renewals](const FakeRequest &r) {
            if (r.form("grant_type") != "refresh_token")
                return FakeResponse{400, R"({"error":"invalid_request"})"};
            ++renewals;
            return FakeResponse{
                200, R"({"access_token":"access-1","expires_in":300,"refresh_token":"refresh-1"})"};
        });
        FakeHttpServer elsewhere([](const FakeRequest &) { return FakeResponse{200, "elsewhere"}; });
        FakeHttpServer tracking([&elsewhere](const FakeRequest &r) {
            if (r.path == "/get-artifact")
                return redirectTo(elsewhere.url("/bucket/model.pkl?signature=abc"), 302);
            if (r.path == "/upload")
                return redirectTo(elsewhere.url("/bucket/upload"), 307);
            if (r.path == "/api/jobs" && r.header("Authorization") != "Bearer access-1")
                return FakeResponse{401, R"({"error":"401 Unauthorized: Token expired"})"};
            return FakeResponse{200, "{}"};
        });

        OidcHttp http;
        MemorySecretStore store;
        AuthSession session(&store, &http);
        OidcConfig config;
        config.issuer = idp.url();
        config.clientId = "mltf-desktop";
        ProviderMetadata provider;
        provider.issuer = idp.url();
        provider.tokenEndpoint = idp.url("/token");
        TokenSet tokens;
        tokens.accessToken = "access-0";
        tokens.refreshToken = "refresh-0";
        tokens.receivedAt = QDateTime::currentDateTimeUtc();
        tokens.accessExpiresAt = tokens.receivedAt.addSecs(300);
        session.completeSignIn(config, provider, tokens);

        net::HttpClient client;
        client.setBaseUrl(tracking.url());
        client.authenticator().setAllowedOrigins({tracking.url(), idp.url()});
        client.authenticator().setTokenProvider(&session);

        // The configured host gets the token.
        QVERIFY(run(client, net::HttpRequest::get("/api/2.0/mlflow/experiments/search")).ok());
        QCOMPARE(tracking.requests.last().header("Authorization"), QByteArray("Bearer access-0"));

        // Another host never does: asked directly...
        QVERIFY(run(client, absolute(elsewhere.url("/anything"))).ok());
        QCOMPARE(elsewhere.requests.size(), 1);
        QCOMPARE(elsewhere.requests.last().header("Authorization"), QByteArray());

        // ...after a redirect from the configured host...
        auto redirected = run(client, absolute(tracking.url("/get-artifact")));
        QVERIFY(redirected.ok());
        QCOMPARE(redirected.value().body, QByteArray("elsewhere"));
        QCOMPARE(tracking.requests.last().header("Authorization"), QByteArray("Bearer access-0"));
        QCOMPARE(elsewhere.requests.size(), 2);
        QCOMPARE(elsewhere.requests.last().header("Authorization"), QByteArray());

        // ...and after a 307 that repeats a POST with its body.
        QVERIFY(run(client, absolute(tracking.url("/upload"), "POST", "payload")).ok());
        QCOMPARE(elsewhere.requests.size(), 3);
        QCOMPARE(elsewhere.requests.last().method, QByteArray("POST"));
        QCOMPARE(elsewhere.requests.last().body, QByteArray("payload"));
        QCOMPARE(elsewhere.requests.last().header("Authorization"), QByteArray());

        // Same host name with another port, or another name for the same address: not configured either.
        QVERIFY(!client.authenticator().allows(
            QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(elsewhere.port()))));
        QVERIFY(!client.authenticator().allows(
            QUrl(QStringLiteral("http://localhost:%1/").arg(tracking.port()))));

        // A 401 from the configured host: the session renews at the provider once and the request is retried.
        QSignalSpy refreshed(&session, &AuthSession::refreshed);
        QVERIFY(run(client, net::HttpRequest::get("/api/jobs")).ok());
        QCOMPARE(renewals, 1);
        QCOMPARE(refreshed.size(), 1);
        QCOMPARE(tracking.requests.last().header("Authorization"), QByteArray("Bearer access-1"));
        QCOMPARE(session.tokens().refreshToken, QStringLiteral("refresh-1"));
    }
};

QTEST_GUILESS_MAIN(TestBearerOnlyForConfiguredHosts)
#include "TestBearerOnlyForConfiguredHosts.moc"
