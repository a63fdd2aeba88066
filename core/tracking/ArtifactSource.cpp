#include "tracking/ArtifactSource.h"

#include "net/ErrorDecoder.h"
#include "net/HttpClient.h"
#include "tracking/ArtifactPath.h"
#include "tracking/FileStore.h"
#include "tracking/FileStoreReader.h"
#include "tracking/RestEndpoints.h"
#include "tracking/RestStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace mltf::tracking {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::tracking::ArtifactSource", text);
}

Error tooBig(const QString &path, qint64 maxBytes)
{
    return Error::make(Error::Kind::Unsupported,
                       tr("%1 is larger than %2 bytes: download it instead.").arg(path).arg(maxBytes));
}

Error ioError(const QString &what, const QString &file, const QString &why)
{
    return Error::make(Error::Kind::Io, what.arg(file), why);
}

// Opens `localFile` for writing from `offset` (created when missing, cut to `offset`).
Status openAt(QFile &file, qint64 offset)
{
    if (!file.open(QIODevice::ReadWrite) || !file.resize(offset) || !file.seek(offset))
        return ioError(tr("Cannot write %1."), file.fileName(), file.errorString());
    return Done{};
}

// ---- tracking server: /get-artifact --------------------------------------------------------------------

class RestTransfer : public ArtifactTransfer
{
public:
    RestTransfer(net::HttpClient *client, net::HttpRequest request, const QString &localFile, qint64 offset,
                 QObject *parent)
        : ArtifactTransfer(parent)
        , m_client(client)
        , m_url(client->resolve(request))
        , m_request(std::move(request))
        , m_file(localFile)
        , m_offset(offset)
        , m_idle(new QTimer(this))
    {
        m_idle->setSingleShot(true);
        m_idle->setInterval(client->defaultTimeoutMs());
        connect(m_idle, &QTimer::timeout, this, [this] {
            m_timedOut = true;
            if (m_reply)
                m_reply->abort();
        });
        QTimer::singleShot(0, this, [this] { start(); });
    }

    ~RestTransfer() override { abort(); }

    void abort() override
    {
        m_aborted = true;
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
        }
        m_file.close();
    }

private:
    void start()
    {
        if (m_aborted)
            return;
        const Status opened = openAt(m_file, m_offset);
        if (!opened.ok()) {
            finish(opened, false);
            return;
        }
        m_client->authenticator().headerFor(m_url, this, [this](const Result<QByteArray> &header) {
            if (!header.ok()) {
                finish(header.error(), false);
                return;
            }
            send(header.value());
        });
    }

    void send(const QByteArray &authorization)
    {
        if (m_aborted)
            return;
        QNetworkRequest req(m_url);
        // Same origin only: the Authorization header never follows a redirect elsewhere.
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        for (const auto &h : m_request.headers)
            req.setRawHeader(h.first, h.second);
        if (!authorization.isEmpty())
            req.setRawHeader("Authorization", authorization);
        m_reply = m_client->networkAccessManager()->get(req);
        m_reply->setReadBufferSize(4 << 20); // bounded memory for big files (4 MB measured best on loopback)
        connect(m_reply, &QNetworkReply::readyRead, this, &RestTransfer::onReadyRead);
        connect(m_reply, &QNetworkReply::finished, this, &RestTransfer::onFinished);
        m_idle->start();
    }

    int status() const { return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); }

    void onReadyRead()
    {
        m_idle->start();
        const int code = status();
        if (code >= 300) {
            m_errorBody += m_reply->read(64 * 1024 - m_errorBody.size());
            m_reply->readAll(); // keep the error excerpt small
            return;
        }
        if (code == 200 && m_offset > 0) {
            // The server ignored Range and sends the whole file: start over.
            m_offset = 0;
            if (!m_file.resize(0) || !m_file.seek(0)) {
                failWriting();
                return;
            }
        }
        const QByteArray data = m_reply->readAll();
        if (m_file.write(data) != data.size()) {
            failWriting();
            return;
        }
        emit received(m_file.pos());
    }

    void failWriting()
    {
        const Error e = ioError(tr("Cannot write %1."), m_file.fileName(), m_file.errorString());
        m_reply->disconnect(this);
        m_reply->abort();
        finish(e, false);
    }

    void onFinished()
    {
        m_idle->stop();
        onReadyRead();
        if (m_aborted)
            return;
        const int code = status();
        if (m_timedOut) {
            finish(Error::make(Error::Kind::Timeout, tr("The download stalled and was stopped."),
                               m_url.toString()),
                   true);
            return;
        }
        if (code == 416) {
            // Asked for bytes past the end: the file is already complete (the size check tells).
            finish(Done{}, false);
            return;
        }
        if (code >= 300) {
            net::HttpResponse response;
            response.status = code;
            response.url = m_reply->url();
            response.contentType = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
            for (const auto &pair : m_reply->rawHeaderPairs())
                response.headers.append(pair);
            response.body = m_errorBody;
            finish(net::ErrorDecoder::fromResponse(response), net::RetryPolicy::isRetryableStatus(code));
            return;
        }
        if (m_reply->error() != QNetworkReply::NoError) {
            finish(net::ErrorDecoder::fromNetworkError(m_reply->error(), m_reply->errorString(), m_url),
                   true);
            return;
        }
        finish(Done{}, false);
    }

    void finish(const Status &status, bool retryable)
    {
        if (m_aborted)
            return;
        m_aborted = true; // once
        m_file.close();
        if (m_reply)
            m_reply->deleteLater();
        emit finished(status, retryable);
    }

    net::HttpClient *m_client;
    QUrl m_url;
    net::HttpRequest m_request;
    QFile m_file;
    qint64 m_offset;
    QTimer *m_idle;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_errorBody;
    bool m_aborted = false;
    bool m_timedOut = false;
};

class RestArtifactSource : public ArtifactSource
{
public:
    RestArtifactSource(std::shared_ptr<Store> store, net::HttpClient *client, QString runId)
        : m_store(std::move(store))
        , m_client(client)
        , m_runId(std::move(runId))
    {}

    QFuture<Result<QByteArray>> read(const QString &path, qint64 maxBytes) override
    {
        auto promise = std::make_shared<QPromise<Result<QByteArray>>>();
        promise->start();
        net::HttpJob *job = m_client->send(rest::GetArtifact::request(m_runId, path));
        auto tooLarge = std::make_shared<bool>(false);
        QObject::connect(job, &net::HttpJob::progress, job,
                         [job, tooLarge, maxBytes](qint64 got, qint64 total) {
                             if (!*tooLarge && (got > maxBytes || total > maxBytes)) {
                                 *tooLarge = true;
                                 job->abort();
                             }
                         });
        auto *watcher = new QFutureWatcher<Result<QByteArray>>(job);
        QObject::connect(watcher, &QFutureWatcherBase::canceled, job, &net::HttpJob::abort);
        watcher->setFuture(promise->future());
        job->onFinished(m_client,
                        [promise, tooLarge, path, maxBytes](const Result<net::HttpResponse> &reply) {
                            if (!promise->isCanceled()) {
                                if (*tooLarge)
                                    promise->addResult(Result<QByteArray>(tooBig(path, maxBytes)));
                                else if (!reply.ok())
                                    promise->addResult(Result<QByteArray>(reply.error()));
                                else
                                    promise->addResult(Result<QByteArray>(reply.value().body));
                            }
                            promise->finish();
                        });
        return promise->future();
    }

    ArtifactTransfer *transfer(const QString &path, const QString &localFile, qint64 offset,
                               QObject *parent) override
    {
        return new RestTransfer(m_client, rest::GetArtifact::request(m_runId, path, offset), localFile,
                                offset, parent);
    }

private:
    std::shared_ptr<Store> m_store; // keeps the client alive
    net::HttpClient *m_client;
    QString m_runId;
};

// ---- FileStore: the run's local artifact folder -------------------------------------------------------

Result<QString> localArtifact(const QString &root, const QString &runId, const QString &path)
{
    if (!ArtifactPath::isSafe(path))
        return ArtifactPath::refused(path);
    const Result<QString> dir = FileStoreReader(root).artifactDirectory(runId);
    if (!dir.ok())
        return dir.error();
    const QString file = dir.value() + QLatin1Char('/') + path;
    if (!QFileInfo(file).isFile())
        return Error::make(Error::Kind::NotFound, tr("The artifact %1 does not exist.").arg(path), file);
    return file;
}

class LocalTransfer : public ArtifactTransfer
{
public:
    LocalTransfer(const QString &root, const QString &runId, const QString &path, const QString &localFile,
                  qint64 offset, QObject *parent)
        : ArtifactTransfer(parent)
        , m_poll(new QTimer(this))
    {
        m_poll->setInterval(100);
        connect(m_poll, &QTimer::timeout, this, [this] { emit received(m_copied.load()); });
        connect(&m_watcher, &QFutureWatcher<Status>::finished, this, [this] {
            m_poll->stop();
            if (m_cancel.load())
                return;
            emit received(m_copied.load());
            emit finished(m_watcher.future().result(), false);
        });
        m_watcher.setFuture(QtConcurrent::run([this, root, runId, path, localFile, offset]() -> Status {
            return copy(root, runId, path, localFile, offset);
        }));
        m_poll->start();
    }

    ~LocalTransfer() override
    {
        abort();
        m_watcher.waitForFinished();
    }

    void abort() override
    {
        m_cancel.store(true);
        m_poll->stop();
    }

private:
    // Runs on the thread pool.
    Status copy(const QString &root, const QString &runId, const QString &path, const QString &localFile,
                qint64 offset)
    {
        const Result<QString> source = localArtifact(root, runId, path);
        if (!source.ok())
            return source.error();
        QFile in(source.value());
        if (!in.open(QIODevice::ReadOnly) || !in.seek(offset))
            return ioError(tr("Cannot read %1."), in.fileName(), in.errorString());
        QFile out(localFile);
        const Status opened = openAt(out, offset);
        if (!opened.ok())
            return opened;
        m_copied.store(offset);
        QByteArray buffer(1 << 20, Qt::Uninitialized);
        while (!m_cancel.load()) {
            const qint64 n = in.read(buffer.data(), buffer.size());
            if (n < 0)
                return ioError(tr("Cannot read %1."), in.fileName(), in.errorString());
            if (n == 0)
                break;
            if (out.write(buffer.constData(), n) != n)
                return ioError(tr("Cannot write %1."), out.fileName(), out.errorString());
            m_copied.fetch_add(n);
        }
        return Done{};
    }

    QTimer *m_poll;
    QFutureWatcher<Status> m_watcher;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_copied{0};
};

class LocalArtifactSource : public ArtifactSource
{
public:
    LocalArtifactSource(QString root, QString runId)
        : m_root(std::move(root))
        , m_runId(std::move(runId))
    {}

    QFuture<Result<QByteArray>> read(const QString &path, qint64 maxBytes) override
    {
        return QtConcurrent::run([root = m_root, runId = m_runId, path, maxBytes]() -> Result<QByteArray> {
            const Result<QString> source = localArtifact(root, runId, path);
            if (!source.ok())
                return source.error();
            QFile in(source.value());
            if (in.size() > maxBytes)
                return tooBig(path, maxBytes);
            if (!in.open(QIODevice::ReadOnly))
                return ioError(tr("Cannot read %1."), in.fileName(), in.errorString());
            return in.readAll();
        });
    }

    ArtifactTransfer *transfer(const QString &path, const QString &localFile, qint64 offset,
                               QObject *parent) override
    {
        return new LocalTransfer(m_root, m_runId, path, localFile, offset, parent);
    }

private:
    QString m_root;
    QString m_runId;
};

} // namespace

std::unique_ptr<ArtifactSource> ArtifactSource::forStore(const std::shared_ptr<Store> &store,
                                                         const QString &runId)
{
    if (auto *rest = qobject_cast<RestStore *>(store.get()))
        return std::make_unique<RestArtifactSource>(store, rest->httpClient(), runId);
    if (auto *files = qobject_cast<FileStore *>(store.get()))
        return std::make_unique<LocalArtifactSource>(files->root(), runId);
    return nullptr;
}

} // namespace mltf::tracking
