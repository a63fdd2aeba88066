// The gateway test server answers as ../shared/protocols/mltf-gateway.md says the real gateway (0.6.0, local
// executor) does: status codes, JSON and HTML bodies, token checks, its bugs. Raw HTTP, no client code.

#include "GatewayTestBed.h"

#include "auth/JwtClaims.h"
#include "project/Packer.h"

#include <QHttpMultiPart>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

using namespace mltf;

class TestGatewayServerProtocol : public QObject
{
    Q_OBJECT

private:
    struct Answer
    {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
        QJsonDocument json() const { return QJsonDocument::fromJson(body); }
        bool isHtml() const { return contentType.startsWith("text/html"); }
    };

    GatewayTestBed m_bed;
    QNetworkAccessManager m_nam;
    QString m_archive;

    Answer exchange(const QByteArray &method, const QString &path, const QByteArray &token = {},
                    QHttpMultiPart *form = nullptr, const QString &server = QString())
    {
        QNetworkRequest request(QUrl((server.isEmpty() ? m_bed.gatewayUri : server) + path));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = form ? m_nam.post(request, form) : m_nam.sendCustomRequest(request, method);
        if (form)
            form->setParent(reply);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(30000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        a.body = reply->readAll();
        reply->deleteLater();
        return a;
    }

    QHttpMultiPart *form(const QMap<QByteArray, QByteArray> &fields, bool withTarball = true)
    {
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
            QHttpPart part;
            part.setHeader(QNetworkRequest::ContentDispositionHeader, "form-data; name=\"" + it.key() + '"');
            part.setBody(it.value());
            multipart->append(part);
        }
        if (withTarball) {
            QFile file(m_archive);
            file.open(QIODevice::ReadOnly);
            QHttpPart part;
            part.setHeader(QNetworkRequest::ContentDispositionHeader,
                           "form-data; name=\"tarball\"; filename=\"x.tar\"");
            part.setBody(file.readAll());
            multipart->append(part);
        }
        return multipart;
    }

    static QMap<QByteArray, QByteArray> fields()
    {
        return {{"run_id", ""},
                {"entry_point", "main"},
                {"params", "{}"},
                {"backend_config", "{}"},
                {"tracking_uri", "file:///tmp/mlruns"},
                {"experiment_id", "0"}};
    }

private slots:
    void initTestCase()
    {
        const QString problem = m_bed.start();
        if (problem.startsWith(QLatin1String("SKIP ")))
            QSKIP(qPrintable(problem.mid(5)));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const auto plan = project::Packer::scan(m_bed.project(2, 0.1, 0));
        QVERIFY(plan.ok());
        m_archive = m_bed.workPath(QStringLiteral("p.tar.gz"));
        QVERIFY(project::Packer::write(plan.value(), m_archive).ok());
    }

    void openRoutes()
    {
        Answer a = exchange("GET", QStringLiteral("/healthz"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json().object(), (QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                                 {QStringLiteral("executor_status"), QJsonObject()}}));
        a = exchange("GET", QStringLiteral("/api/config"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json().object().value(QLatin1String("oauth_issuer")).toString(), m_bed.issuer());
        const QJsonObject oauth = a.json().object().value(QLatin1String("oauth_config")).toObject();
        QCOMPARE(oauth.value(QLatin1String("client_id")).toString(), QStringLiteral("mlflow"));
        QVERIFY(!oauth.contains(QLatin1String("client_secret")));
        QVERIFY(!oauth.contains(QLatin1String("device_authorization_endpoint")));
        QCOMPARE(exchange("GET", QStringLiteral("/.config")).status, 200);
    }

    void htmlForUnknownPathsAndMethods()
    {
        Answer a = exchange("GET", QStringLiteral("/api/nothing"));
        QCOMPARE(a.status, 404);
        QVERIFY(a.isHtml());
        QVERIFY(a.body.contains("<title>404 Not Found</title>"));
        // The shipped CLI's wait/ and status/ routes do not exist.
        QCOMPARE(exchange("GET", QStringLiteral("/wait/x"), m_bed.token().toUtf8()).status, 404);
        a = exchange("PUT", QStringLiteral("/api/job"), m_bed.token().toUtf8());
        QCOMPARE(a.status, 405);
        QVERIFY(a.isHtml());
    }

    void tokensAreChecked()
    {
        Answer a = exchange("GET", QStringLiteral("/api/jobs"));
        QCOMPARE(a.status, 401);
        QCOMPARE(a.json().object().value(QLatin1String("error")).toString(),
                 QStringLiteral("Missing access token"));
        a = exchange("GET", QStringLiteral("/api/jobs"), "not-a-jwt");
        QCOMPARE(a.status, 401);
        QVERIFY(a.json()
                    .object()
                    .value(QLatin1String("error"))
                    .toString()
                    .startsWith(QLatin1String("401 Unauthorized: Invalid token: ")));
        QByteArray forged = m_bed.token().toUtf8();
        forged[forged.size() - 3] = forged.at(forged.size() - 3) == 'A' ? 'B' : 'A';
        a = exchange("GET", QStringLiteral("/api/jobs"), forged);
        QCOMPARE(a.status, 401);
        QCOMPARE(a.json().object().value(QLatin1String("error")).toString(),
                 QStringLiteral("401 Unauthorized: Invalid token: Signature verification failed"));
        // The real token, in the header or as ?access_token=.
        QCOMPARE(exchange("GET", QStringLiteral("/api/jobs"), m_bed.token().toUtf8()).status, 200);
        QCOMPARE(exchange("GET", QStringLiteral("/api/jobs?access_token=") + m_bed.token()).status, 200);
        a = exchange("GET", QStringLiteral("/api/securedata"), m_bed.token().toUtf8());
        // The user is the token's `name` claim, "NA" without one (the provider's access tokens carry none).
        const QJsonObject claims = auth::JwtClaims::decodeUnverified(m_bed.token());
        QCOMPARE(a.json().object().value(QLatin1String("username")).toString(),
                 claims.value(QLatin1String("name")).toString(QStringLiteral("NA")));
        QCOMPARE(a.json().object().value(QLatin1String("runtime_token")).toString(), m_bed.token());
    }

    // The same valid token, at gateways whose clock runs an hour ahead or that want another audience.
    void expiryAndAudienceAreChecked()
    {
        std::unique_ptr<QProcess> late;
        const QString lateUri =
            m_bed.startGateway(late, {QStringLiteral("--clock-offset"), QStringLiteral("3600")});
        QVERIFY(!lateUri.isEmpty());
        Answer a = exchange("GET", QStringLiteral("/api/jobs"), m_bed.token().toUtf8(), nullptr, lateUri);
        QCOMPARE(a.status, 401);
        QCOMPARE(a.json().object().value(QLatin1String("error")).toString(),
                 QStringLiteral("401 Unauthorized: Token expired"));
        std::unique_ptr<QProcess> other;
        const QString otherUri =
            m_bed.startGateway(other, {QStringLiteral("--audience"), QStringLiteral("other")});
        QVERIFY(!otherUri.isEmpty());
        a = exchange("GET", QStringLiteral("/api/jobs"), m_bed.token().toUtf8(), nullptr, otherUri);
        QCOMPARE(a.status, 401);
        QCOMPARE(a.json().object().value(QLatin1String("error")).toString(),
                 QStringLiteral("401 Unauthorized: Invalid token: Audience doesn't match"));
        for (QProcess *p : {late.get(), other.get()}) {
            p->kill();
            p->waitForFinished(5000);
        }
    }

    void badFormsGiveHtml()
    {
        QMap<QByteArray, QByteArray> f = fields();
        f.remove("experiment_id");
        Answer a = exchange("POST", QStringLiteral("/api/job"), m_bed.token().toUtf8(), form(f));
        QCOMPARE(a.status, 400);
        QVERIFY(a.isHtml());
        a = exchange("POST", QStringLiteral("/api/job"), m_bed.token().toUtf8(), form(fields(), false));
        QCOMPARE(a.status, 400);
        f = fields();
        f["params"] = "{not json";
        a = exchange("POST", QStringLiteral("/api/job"), m_bed.token().toUtf8(), form(f));
        QCOMPARE(a.status, 500);
        QVERIFY(a.isHtml());
        QVERIFY(a.body.contains("Internal Server Error"));
    }

    void submitShowLogsDelete()
    {
        Answer a = exchange("POST", QStringLiteral("/api/job"), m_bed.token().toUtf8(), form(fields()));
        QCOMPARE(a.status, 200);
        const QJsonObject submitted = a.json().object();
        QCOMPARE(submitted.keys(), QStringList{QStringLiteral("gateway_id")});
        const QString id = submitted.value(QLatin1String("gateway_id")).toString();
        // uuid.uuid1(): version nibble 1, RFC 4122 variant.
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                     .match(id)
                     .hasMatch(),
                 qPrintable(id));

        a = exchange("GET", QStringLiteral("/api/jobs"), m_bed.token().toUtf8());
        QCOMPARE(a.status, 200);
        const QJsonArray rows = a.json().array();
        QVERIFY(!rows.isEmpty());
        const QJsonObject row = rows.last().toObject();
        QCOMPARE(row.keys(), (QStringList{QStringLiteral("creation_time"), QStringLiteral("gateway_id"),
                                          QStringLiteral("run_id")}));
        QCOMPARE(row.value(QLatin1String("gateway_id")).toString(), id);

        // No run id was sent, so the script's tracking calls fail and so does the job.
        QString status;
        QStringList seen;
        QTRY_VERIFY_WITH_TIMEOUT(
            (seen << (status = exchange("GET", QStringLiteral("/api/jobs/") + id, m_bed.token().toUtf8())
                                   .json()
                                   .object()
                                   .value(QLatin1String("status"))
                                   .toString()),
             status == QLatin1String("FINISHED") || status == QLatin1String("FAILED")),
            30000);
        QVERIFY2(seen.first() == QLatin1String("SCHEDULED") || seen.first() == QLatin1String("RUNNING"),
                 qPrintable(seen.join(QLatin1Char(' '))));
        a = exchange("GET", QStringLiteral("/api/jobs/") + id + QStringLiteral("?show_logs=True"),
                     m_bed.token().toUtf8());
        QCOMPARE(a.status, 200);
        QVERIFY2(a.json()
                     .object()
                     .value(QLatin1String("logs"))
                     .toString()
                     .contains(QLatin1String("=== Running command 'python3 train.py --steps 2")),
                 a.body.constData());
        // The logs are handed out once: the second read is a 500 page.
        a = exchange("GET", QStringLiteral("/api/jobs/") + id + QStringLiteral("?show_logs=true"),
                     m_bed.token().toUtf8());
        QCOMPARE(a.status, 500);
        QVERIFY(a.isHtml());

        a = exchange("DELETE", QStringLiteral("/api/jobs/") + id, m_bed.token().toUtf8());
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json().object(),
                 (QJsonObject{{QStringLiteral("run_id"), id},
                              {QStringLiteral("message"), QStringLiteral("Job deleted successfully")}}));
        a = exchange("GET", QStringLiteral("/api/jobs/") + id, m_bed.token().toUtf8());
        QCOMPARE(a.status, 404);
        QCOMPARE(a.json().object().value(QLatin1String("error")).toString(),
                 QStringLiteral("Run with ID '%1' not found.").arg(id));
        QCOMPARE(exchange("DELETE", QStringLiteral("/api/jobs/") + id, m_bed.token().toUtf8()).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestGatewayServerProtocol)
#include "TestGatewayServerProtocol.moc"
