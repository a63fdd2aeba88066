// The device authorization grant (RFC 8628) state machine against a scripted token endpoint.

#include "FakeHttpServer.h"

#include "auth/DeviceFlow.h"
#include "auth/OidcHttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mltf;
using namespace mltf::auth;

namespace {
constexpr int msPerSecond = 20; // one protocol second lasts 20 ms here

FakeResponse oauthError(const char *code)
{
    return {400, QByteArray(R"({"error":")") + code + R"(","error_description":"test"})"};
}

// Answers the device request, then the polls one by one from `pollAnswers` (the last one repeats).
struct ScriptedProvider
{
    FakeHttpServer server;
    QList<FakeResponse> pollAnswers;
    int deviceExpiresIn = 600;
    int interval = 1;
    int polls = 0;

    ScriptedProvider()
    {
        server.setHandler([this](const FakeRequest &r) -> FakeResponse {
            if (r.path == "/device") {
                if (r.form("client_id") != "mltf-desktop")
                    return oauthError("invalid_client");
                return {200,
                        QJsonDocument(QJsonObject{{"device_code", "dc-1"},
                                                  {"user_code", "ABCD-EFGH"},
                                                  {"verification_uri", server.url("/activate").toString()},
                                                  {"expires_in", deviceExpiresIn},
                                                  {"interval", interval}})
                            .toJson()};
            }
            if (r.path == "/token") {
                if (r.form("device_code") != "dc-1" ||
                    r.form("grant_type") != "urn:ietf:params:oauth:grant-type:device_code")
                    return oauthError("invalid_request");
                const FakeResponse answer = pollAnswers.value(qMin(polls, int(pollAnswers.size()) - 1));
                ++polls;
                return answer;
            }
            return {404, "{}"};
        });
    }

    ProviderMetadata metadata() const
    {
        ProviderMetadata m;
        m.issuer = server.url();
        m.tokenEndpoint = server.url("/token");
        m.deviceAuthorizationEndpoint = server.url("/device");
        return m;
    }
};

const FakeResponse pending = oauthError("authorization_pending");
const FakeResponse tokens{
    200, R"({"access_token":"at","refresh_token":"rt","expires_in":300,"token_type":"Bearer"})"};
} // namespace

class TestDeviceFlow : public QObject
{
    Q_OBJECT
private slots:
    void pendingThenTokens()
    {
        ScriptedProvider provider;
        provider.pollAnswers = {pending, pending, tokens};
        OidcHttp http;
        DeviceFlow flow(&http);
        flow.setMillisecondsPerSecond(msPerSecond);
        QSignalSpy userCode(&flow, &DeviceFlow::userCodeReady);
        QSignalSpy succeeded(&flow, &DeviceFlow::succeeded);
        QSignalSpy failed(&flow, &DeviceFlow::failed);
        flow.start(provider.metadata(), "mltf-desktop", {"openid", "read"});
        QVERIFY(succeeded.wait(5000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(userCode.size(), 1);
        const auto authorization = userCode.first().first().value<DeviceAuthorization>();
        QCOMPARE(authorization.userCode, QStringLiteral("ABCD-EFGH"));
        // No verification_uri_complete: the page with the code in it is built like the MLTF CLI does.
        QCOMPARE(authorization.urlToOpen().toString(),
                 provider.server.url("/activate?user_code=ABCD-EFGH").toString());
        QCOMPARE(flow.pollCount(), 3);
        QCOMPARE(flow.state(), DeviceFlow::State::Succeeded);
        QCOMPARE(succeeded.first().first().value<TokenSet>().accessToken, QStringLiteral("at"));
        // The device request carried client id and scopes.
        QCOMPARE(provider.server.requests.first().form("scope"), QStringLiteral("openid read"));
    }

    void slowDownAddsFiveSeconds()
    {
        ScriptedProvider provider;
        provider.interval = 2;
        provider.pollAnswers = {oauthError("slow_down"), pending, oauthError("slow_down"), tokens};
        OidcHttp http;
        DeviceFlow flow(&http);
        flow.setMillisecondsPerSecond(msPerSecond);
        QSignalSpy intervals(&flow, &DeviceFlow::pollIntervalChanged);
        QSignalSpy succeeded(&flow, &DeviceFlow::succeeded);
        flow.start(provider.metadata(), "mltf-desktop", {});
        QVERIFY(succeeded.wait(10000));
        QCOMPARE(intervals.size(), 2);
        QCOMPARE(intervals.at(0).first().toInt(), 7);
        QCOMPARE(intervals.at(1).first().toInt(), 12);
        QCOMPARE(flow.pollIntervalSeconds(), 12);
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("declined") << QByteArray("access_denied") << int(Error::Kind::Unauthorized)
                                  << "declined";
        QTest::newRow("expired") << QByteArray("expired_token") << int(Error::Kind::Timeout) << "expired";
        QTest::newRow("other") << QByteArray("server_error") << int(Error::Kind::Http) << "refused";
    }

    void failures()
    {
        QFETCH(QByteArray, code);
        QFETCH(int, kind);
        QFETCH(QString, words);
        ScriptedProvider provider;
        provider.pollAnswers = {pending, oauthError(code.constData())};
        OidcHttp http;
        DeviceFlow flow(&http);
        flow.setMillisecondsPerSecond(msPerSecond);
        QSignalSpy failed(&flow, &DeviceFlow::failed);
        flow.start(provider.metadata(), "mltf-desktop", {});
        QVERIFY(failed.wait(5000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(int(error.kind), kind);
        QCOMPARE(error.code, QString::fromLatin1(code));
        QVERIFY2(error.message.contains(words), qPrintable(error.message));
        QCOMPARE(flow.state(), DeviceFlow::State::Failed);
        // No more polling after a final answer.
        const int polls = provider.polls;
        QTest::qWait(5 * msPerSecond);
        QCOMPARE(provider.polls, polls);
    }

    // The device code's expires_in elapses with the user never confirming: the client stops by itself.
    void expiresInIsHonoured()
    {
        ScriptedProvider provider;
        provider.deviceExpiresIn = 3;
        provider.pollAnswers = {pending};
        OidcHttp http;
        DeviceFlow flow(&http);
        flow.setMillisecondsPerSecond(msPerSecond);
        QSignalSpy failed(&flow, &DeviceFlow::failed);
        flow.start(provider.metadata(), "mltf-desktop", {});
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Timeout);
        QVERIFY(provider.polls <= 3);
    }

    void cancelStopsPolling()
    {
        ScriptedProvider provider;
        provider.pollAnswers = {pending};
        OidcHttp http;
        DeviceFlow flow(&http);
        flow.setMillisecondsPerSecond(msPerSecond);
        QSignalSpy userCode(&flow, &DeviceFlow::userCodeReady);
        QSignalSpy failed(&flow, &DeviceFlow::failed);
        QSignalSpy succeeded(&flow, &DeviceFlow::succeeded);
        flow.start(provider.metadata(), "mltf-desktop", {});
        QVERIFY(userCode.wait(5000));
        QTRY_VERIFY(provider.polls >= 1);
        flow.cancel();
        QCOMPARE(flow.state(), DeviceFlow::State::Cancelled);
        const int polls = provider.polls;
        QTest::qWait(5 * msPerSecond);
        QVERIFY(provider.polls <= polls + 1); // at most the request already on the wire
        QCOMPARE(failed.size(), 0);
        QCOMPARE(succeeded.size(), 0);
    }

    void deviceRequestRefused()
    {
        ScriptedProvider provider;
        OidcHttp http;
        DeviceFlow flow(&http);
        QSignalSpy failed(&flow, &DeviceFlow::failed);
        flow.start(provider.metadata(), "unknown-client", {});
        QVERIFY(failed.wait(5000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.code, QStringLiteral("invalid_client"));
        QVERIFY2(error.message.contains("client id"), qPrintable(error.message));
    }

    void providerGoneWhilePolling()
    {
        auto provider = std::make_unique<ScriptedProvider>();
        provider->pollAnswers = {pending};
        const ProviderMetadata metadata = provider->metadata();
        OidcHttp http;
        DeviceFlow flow(&http);
        flow.setMillisecondsPerSecond(msPerSecond);
        QSignalSpy userCode(&flow, &DeviceFlow::userCodeReady);
        QSignalSpy failed(&flow, &DeviceFlow::failed);
        flow.start(metadata, "mltf-desktop", {});
        QVERIFY(userCode.wait(5000));
        provider.reset();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Network);
    }
};

QTEST_GUILESS_MAIN(TestDeviceFlow)
#include "TestDeviceFlow.moc"
