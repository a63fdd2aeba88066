#pragma once

#include "auth/HttpReply.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace mltf::auth {

// The few HTTP calls the sign-in code makes to the identity provider (discovery, device authorization, token,
// userinfo, revocation), in one small class so they can move onto net::HttpClient later. Credentials are only
// ever sent as form fields or an explicit Authorization header given by the caller; nothing is attached here.
class OidcHttp : public QObject
{
    Q_OBJECT
public:
    using Form = QList<QPair<QString, QString>>;
    using Callback = std::function<void(const HttpReply &)>;

    explicit OidcHttp(QObject *parent = nullptr);

    // The callback runs only while `context` lives. The returned reply can be aborted (the callback then gets
    // an OperationCanceledError reply).
    QPointer<QNetworkReply> get(const QUrl &url, QObject *context, Callback callback,
                                const QByteArray &authorization = {});
    QPointer<QNetworkReply> postForm(const QUrl &url, const Form &form, QObject *context, Callback callback);

    // application/x-www-form-urlencoded with every reserved character escaped (QUrlQuery leaves '+' alone).
    static QByteArray encodeForm(const Form &form);

    void setTransferTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

private:
    QPointer<QNetworkReply> track(QNetworkReply *reply, QObject *context, Callback callback);

    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 30000;
};

} // namespace mltf::auth
