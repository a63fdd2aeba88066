#include "net/HttpClient.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

#include <mutex>

namespace mltf::net {

HttpClient::HttpClient(QObject *parent)
    : HttpClient(nullptr, parent)
{
}

HttpClient::HttpClient(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam ? nam : new QNetworkAccessManager(this))
{
    useSystemProxy();
}

HttpClient::~HttpClient() = default;

void HttpClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    QString path = m_baseUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_baseUrl.setPath(path);
    m_baseUrl.setQuery(QString());
    m_baseUrl.setFragment(QString());
}

QUrl HttpClient::resolve(const HttpRequest &request) const
{
    QUrl url = request.url;
    if (!url.isValid() || url.isEmpty()) {
        url = m_baseUrl;
        QString path = request.path;
        if (!path.isEmpty() && !path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        url.setPath(m_baseUrl.path() + path);
    }
    if (!request.query.isEmpty()) {
        // Encoded by hand: QUrlQuery leaves '+' alone, which servers read as a space.
        QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
        for (const auto &item : request.query) {
            if (!query.isEmpty())
                query += '&';
            query += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second, "/:");
        }
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    }
    return url;
}

HttpJob *HttpClient::send(const HttpRequest &request)
{
    auto *job = new HttpJob(this, request, resolve(request));
    job->start();
    return job;
}

bool HttpClient::insecureTls()
{
    const QString value = qEnvironmentVariable("MLFLOW_TRACKING_INSECURE_TLS").trimmed().toLower();
    return value == QLatin1String("true") || value == QLatin1String("1");
}

void HttpClient::useSystemProxy()
{
    static std::once_flag once;
    std::call_once(once, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
}

} // namespace mltf::net
