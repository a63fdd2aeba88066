#include "ArtifactRoutes.h"

#include "ApiCall.h"
#include "TrackingState.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QMap>
#include <QRegularExpression>
#include <QSaveFile>

namespace mltf::testserver {

namespace {

bool isSafe(const QString &path)
{
    if (path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')))
        return false;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return !parts.contains(QStringLiteral("..")) && !parts.contains(QStringLiteral("."));
}

QString trimmedPath(QString path)
{
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QByteArray mimeType(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return "application/json";
    static const QStringList text{QStringLiteral("txt"), QStringLiteral("log"), QStringLiteral("yaml"),
                                  QStringLiteral("yml"), QStringLiteral("md"),  QStringLiteral("py"),
                                  QStringLiteral("csv"), QString()};
    return text.contains(suffix) ? QByteArray("text/plain") : QByteArray("application/octet-stream");
}

QByteArray httpDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

Reply fileReply(const QFileInfo &info, const QByteArray &data)
{
    Reply r;
    r.contentType = mimeType(info.fileName());
    r.addHeader("Content-Disposition", "attachment; filename=" + info.fileName().toUtf8());
    r.body = data;
    return r;
}

} // namespace

std::optional<Reply> ArtifactRoutes::handle(const Request &request)
{
    const QString &path = request.path;
    if (ApiCall::endpointOf(path) == QLatin1String("artifacts/list"))
        return request.method == "GET" ? list(request) : Reply::methodNotAllowed("GET, OPTIONS");
    if (path == QLatin1String("/get-artifact"))
        return request.method == "GET" ? getArtifact(request) : Reply::methodNotAllowed("GET, OPTIONS");
    static const QString proxyRoot = QStringLiteral("/api/2.0/mlflow-artifacts/artifacts");
    if (path == proxyRoot)
        return request.method == "GET" ? proxyList(request) : Reply::methodNotAllowed("GET, OPTIONS");
    if (path.startsWith(proxyRoot + QLatin1Char('/'))) {
        if (request.method != "GET" && request.method != "PUT")
            return Reply::methodNotAllowed("GET, PUT, DELETE, OPTIONS");
        return proxy(request, path.mid(proxyRoot.size() + 1));
    }
    return std::nullopt;
}

QString ArtifactRoutes::locate(const StoredRun &run, const QString &path) const
{
    for (const QString &root : m_state.artifactRoots(run)) {
        const QString candidate = path.isEmpty() ? root : root + QLatin1Char('/') + path;
        if (QFileInfo::exists(candidate))
            return candidate;
    }
    return {};
}

QFileInfoList ArtifactRoutes::entries(const StoredRun &run, const QString &path) const
{
    QMap<QString, QFileInfo> byName;
    for (const QString &root : m_state.artifactRoots(run)) {
        const QDir dir(path.isEmpty() ? root : root + QLatin1Char('/') + path);
        for (const QFileInfo &entry : dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden))
            if (!byName.contains(entry.fileName()))
                byName.insert(entry.fileName(), entry);
    }
    return byName.values();
}

Reply ArtifactRoutes::list(const Request &request)
{
    const ApiCall call(request);
    QString runId = call.string(QStringLiteral("run_id"));
    if (runId.isEmpty())
        runId = call.string(QStringLiteral("run_uuid"));
    if (runId.isEmpty())
        return Reply::missingParameter(QStringLiteral("run_id"));
    const StoredRun *run = m_state.run(runId);
    if (!run)
        return Reply::notFoundJson(QStringLiteral("Run with id=%1 not found").arg(runId));
    const QString path = trimmedPath(call.string(QStringLiteral("path")));
    if (!isSafe(path))
        return Reply::invalidParameter(QStringLiteral("Invalid path"));

    QJsonObject body{{QStringLiteral("root_uri"), run->info.artifactUri}};
    if (!path.isEmpty() && !QFileInfo(locate(*run, path)).isDir())
        return Reply::json(body); // a file or a missing path: no "files"
    QJsonArray files;
    for (const QFileInfo &entry : entries(*run, path)) {
        QJsonObject f{{QStringLiteral("path"), path.isEmpty() ? entry.fileName() : path + QLatin1Char('/') + entry.fileName()},
                      {QStringLiteral("is_dir"), entry.isDir()}};
        if (!entry.isDir())
            f.insert(QStringLiteral("file_size"), QJsonValue(qint64(entry.size())));
        files.append(f);
    }
    if (!files.isEmpty())
        body.insert(QStringLiteral("files"), files);
    return Reply::json(body);
}

Reply ArtifactRoutes::getArtifact(const Request &request)
{
    QString runId = request.queryValue(QStringLiteral("run_uuid"));
    if (runId.isEmpty())
        runId = request.queryValue(QStringLiteral("run_id"));
    const QString path = request.queryValue(QStringLiteral("path"));
    const StoredRun *run = m_state.run(runId);
    if (!run || path.isEmpty() || !isSafe(path))
        return Reply::internalErrorHtml();
    const QFileInfo info(locate(*run, path));
    QFile file(info.filePath());
    if (!info.isFile() || !file.open(QIODevice::ReadOnly))
        return Reply::internalErrorHtml(); // Flask's page, as MLflow answers for a missing file or a folder
    const QByteArray data = file.readAll();
    const qint64 size = data.size();
    const QByteArray etag = "\"" + QByteArray::number(info.lastModified().toMSecsSinceEpoch() / 1000.0, 'f', 7) + "-" +
                            QByteArray::number(size) + "-" +
                            QCryptographicHash::hash(info.filePath().toUtf8(), QCryptographicHash::Md5).toHex().left(8) +
                            "\"";
    Reply r = fileReply(info, data);
    r.addHeader("Last-Modified", httpDate(info.lastModified()));
    r.addHeader("Cache-Control", "no-cache");
    r.addHeader("ETag", etag);

    if (request.header("If-None-Match") == etag) {
        r.status = 304;
        r.body.clear();
        return r;
    }
    const QByteArray range = request.header("Range").trimmed();
    static const QRegularExpression rangeRx(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
    const QRegularExpressionMatch m = rangeRx.match(QString::fromLatin1(range));
    if (!range.isEmpty() && m.hasMatch() && !(m.captured(1).isEmpty() && m.captured(2).isEmpty())) {
        qint64 first = 0;
        qint64 last = size - 1;
        if (m.captured(1).isEmpty()) { // suffix: the last N bytes
            first = std::max<qint64>(0, size - m.captured(2).toLongLong());
        } else {
            first = m.captured(1).toLongLong();
            if (!m.captured(2).isEmpty())
                last = std::min<qint64>(m.captured(2).toLongLong(), size - 1);
        }
        r.addHeader("Accept-Ranges", "bytes");
        if (first >= size || first > last) {
            Reply unsatisfiable = Reply::html(416, "416 Requested Range Not Satisfiable", "Requested Range Not Satisfiable",
                                              "The server cannot provide the requested range.");
            unsatisfiable.addHeader("Content-Range", "bytes */" + QByteArray::number(size));
            return unsatisfiable;
        }
        r.status = 206;
        r.body = data.mid(first, last - first + 1);
        r.addHeader("Content-Range", "bytes " + QByteArray::number(first) + "-" + QByteArray::number(last) + "/" +
                                               QByteArray::number(size));
    }
    return r;
}

Reply ArtifactRoutes::proxy(const Request &request, const QString &relative)
{
    // <experiment id>/<run id>/artifacts/<path>
    const QStringList parts = relative.split(QLatin1Char('/'));
    StoredRun *run = parts.size() >= 3 ? m_state.run(parts.at(1)) : nullptr;
    const QString path = parts.mid(3).join(QLatin1Char('/'));
    if (!run || parts.at(2) != QLatin1String("artifacts") || !isSafe(path))
        return Reply::error(500, QStringLiteral("INTERNAL_ERROR"),
                            QStringLiteral("The following failures occurred while downloading one or more artifacts "
                                           "from %1: No such artifact location")
                                .arg(relative));
    if (request.method == "PUT") {
        const QString target = m_state.uploadDirectory(run->info.runId) + QLatin1Char('/') + path;
        QDir().mkpath(QFileInfo(target).absolutePath());
        QSaveFile out(target);
        if (!out.open(QIODevice::WriteOnly) || out.write(request.body) != request.body.size() || !out.commit())
            return Reply::error(500, QStringLiteral("INTERNAL_ERROR"), QStringLiteral("Could not store %1").arg(path));
        return Reply::json({});
    }
    const QFileInfo info(locate(*run, path));
    QFile file(info.filePath());
    if (!info.isFile() || !file.open(QIODevice::ReadOnly))
        return Reply::error(500, QStringLiteral("INTERNAL_ERROR"),
                            QStringLiteral("The following failures occurred while downloading one or more artifacts "
                                           "from %1: [Errno 2] No such file or directory: '%2'")
                                .arg(run->info.artifactUri, path));
    Reply r = fileReply(info, file.readAll());
    r.chunked = true; // streamed: no Content-Length, and Range is ignored
    return r;
}

Reply ArtifactRoutes::proxyList(const Request &request)
{
    const QStringList parts = request.queryValue(QStringLiteral("path")).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    StoredRun *run = parts.size() >= 3 ? m_state.run(parts.at(1)) : nullptr;
    const QString path = parts.mid(3).join(QLatin1Char('/'));
    QJsonObject body;
    if (!run || !isSafe(path) || !QFileInfo(locate(*run, path)).isDir())
        return Reply::json(body);
    QJsonArray files;
    for (const QFileInfo &entry : entries(*run, path)) {
        QJsonObject f{{QStringLiteral("path"), entry.fileName()}, {QStringLiteral("is_dir"), entry.isDir()}};
        if (!entry.isDir())
            f.insert(QStringLiteral("file_size"), QJsonValue(qint64(entry.size())));
        files.append(f);
    }
    if (!files.isEmpty())
        body.insert(QStringLiteral("files"), files);
    return Reply::json(body);
}

} // namespace mltf::testserver
