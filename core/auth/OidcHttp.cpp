#include "auth/OidcHttp.h"

#include "util/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace mltf::auth {

namespace {
constexpr qint64 maxBodyBytes = 1024 * 1024; // discovery and token answers are a few KiB
}

OidcHttp::OidcHttp(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{}

QByteArray OidcHttp::encodeForm(const Form &form)
{
    QByteArray body;
    for (const auto &[key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QPointer<QNetworkReply> OidcHttp::get(const QUrl &url, QObject *context, Callback callback,
                                      const QByteArray &authorization)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    // A redirect is not followed to plain HTTP, and not at all when a credential is attached (Qt would copy
    // the header to wherever the redirect points).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         authorization.isEmpty() ? QNetworkRequest::NoLessSafeRedirectPolicy
                                                 : QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    qCDebug(lcAuth) << "GET" << url.toString(QUrl::RemoveQuery);
    return track(m_nam->get(request), context, std::move(callback));
}

QPointer<QNetworkReply> OidcHttp::postForm(const QUrl &url, const Form &form, QObject *context,
                                           Callback callback)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    // Secrets travel in this body: never replay it to wherever a redirect points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    qCDebug(lcAuth) << "POST" << url.toString(QUrl::RemoveQuery);
    return track(m_nam->post(request, encodeForm(form)), context, std::move(callback));
}

QPointer<QNetworkReply> OidcHttp::track(QNetworkReply *reply, QObject *context, Callback callback)
{
    // Deleted when done even if the context died first (deleteLater runs after the callback).
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, context ? context : this,
            [reply, callback = std::move(callback)] {
                HttpReply result;
                result.url = reply->url();
                result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                result.body = reply->read(maxBodyBytes);
                result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
                result.networkError = reply->error();
                result.errorString = reply->errorString();
                qCDebug(lcAuth) << "reply" << result.status << result.url.toString(QUrl::RemoveQuery);
                callback(result);
            });
    return reply;
}

} // namespace mltf::auth
