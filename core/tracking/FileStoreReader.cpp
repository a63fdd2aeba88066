#include "tracking/FileStoreReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace mltf::tracking {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::tracking::FileStoreReader", text);
}

Error notFound(const QString &message)
{
    Error e = Error::make(Error::Kind::NotFound, message);
    e.code = QStringLiteral("RESOURCE_DOES_NOT_EXIST");
    e.httpStatus = 404;
    return e;
}

QString yamlString(const YAML::Node &node, const char *key)
{
    const YAML::Node v = node[key];
    if (!v || v.IsNull() || !v.IsScalar())
        return {};
    return QString::fromStdString(v.Scalar());
}

qint64 yamlInt(const YAML::Node &node, const char *key)
{
    const QString s = yamlString(node, key);
    bool ok = false;
    const qint64 v = s.toLongLong(&ok);
    return ok ? v : 0;
}

Result<YAML::Node> loadYaml(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    try {
        YAML::Node node = YAML::Load(bytes.toStdString());
        if (!node.IsMap())
            return Error::make(Error::Kind::Parse, tr("%1 is not a YAML mapping.").arg(path));
        return node;
    } catch (const YAML::Exception &e) {
        return Error::make(Error::Kind::Parse, tr("%1 is not valid YAML: %2").arg(path, QString::fromStdString(e.what())));
    }
}

QString readValueFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// Files under `dir`, keys relative to it ("system/gpu_0_utilization_percentage"), sorted.
QStringList keyFiles(const QString &dir)
{
    QStringList keys;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    const QDir base(dir);
    while (it.hasNext())
        keys << base.relativeFilePath(it.next());
    keys.sort();
    return keys;
}

Tags readTags(const QString &dir)
{
    Tags tags;
    for (const QString &key : keyFiles(dir))
        tags.append({key, readValueFile(dir + QLatin1Char('/') + key)});
    return tags;
}

bool parseDouble(const char *begin, const char *end, double &out)
{
    // from_chars takes "nan", "inf", "-inf" and is locale-independent; it rejects a leading '+'.
    if (begin < end && *begin == '+')
        ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, out);
    return ec == std::errc() && ptr == end;
}

bool parseInt(const char *begin, const char *end, qint64 &out)
{
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec == std::errc() && ptr == end) {
        out = v;
        return true;
    }
    double d = 0; // "12.0" from older writers
    if (parseDouble(begin, end, d) && std::isfinite(d)) {
        out = qint64(d);
        return true;
    }
    return false;
}

bool isSafeRelativePath(const QString &path)
{
    if (path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')))
        return false;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return !parts.contains(QStringLiteral("..")) && !parts.contains(QStringLiteral("."));
}

} // namespace

FileStoreReader::FileStoreReader(QString root)
    : m_root(QDir::cleanPath(std::move(root)))
{
}

Status FileStoreReader::check() const
{
    const QFileInfo info(m_root);
    if (!info.exists())
        return Error::make(Error::Kind::NotFound, tr("The tracking folder %1 does not exist.").arg(m_root));
    if (!info.isDir())
        return Error::make(Error::Kind::InvalidInput, tr("%1 is not a folder.").arg(m_root));
    return Done{};
}

Result<Experiment> FileStoreReader::readExperiment(const QString &dir) const
{
    Result<YAML::Node> meta = loadYaml(dir + QStringLiteral("/meta.yaml"));
    if (!meta.ok())
        return meta.error();
    const YAML::Node &m = meta.value();
    Experiment e;
    e.experimentId = yamlString(m, "experiment_id");
    if (e.experimentId.isEmpty())
        e.experimentId = QFileInfo(dir).fileName();
    e.name = yamlString(m, "name");
    e.artifactLocation = yamlString(m, "artifact_location");
    e.lifecycleStage = yamlString(m, "lifecycle_stage");
    if (e.lifecycleStage.isEmpty())
        e.lifecycleStage = QStringLiteral("active");
    e.creationTime = yamlInt(m, "creation_time");
    e.lastUpdateTime = yamlInt(m, "last_update_time");
    e.tags = readTags(dir + QStringLiteral("/tags"));
    return e;
}

Result<Experiments> FileStoreReader::experiments(bool includeDeleted) const
{
    if (Status ok = check(); !ok.ok())
        return ok.error();
    Experiments out;
    QStringList dirs;
    for (const QString &name : QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        dirs << m_root + QLatin1Char('/') + name;
    if (includeDeleted) {
        const QString trash = m_root + QStringLiteral("/.trash");
        for (const QString &name : QDir(trash).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            dirs << trash + QLatin1Char('/') + name;
    }
    for (const QString &dir : dirs) {
        if (!QFileInfo::exists(dir + QStringLiteral("/meta.yaml")))
            continue;
        Result<Experiment> e = readExperiment(dir);
        if (!e.ok())
            return e.error();
        if (!includeDeleted && e.value().isDeleted())
            continue;
        out.append(e.value());
    }
    return out;
}

Result<Experiment> FileStoreReader::experiment(const QString &experimentId) const
{
    for (const QString &dir : {m_root + QLatin1Char('/') + experimentId, m_root + QStringLiteral("/.trash/") + experimentId}) {
        if (isSafeRelativePath(experimentId) && QFileInfo::exists(dir + QStringLiteral("/meta.yaml")))
            return readExperiment(dir);
    }
    return notFound(QStringLiteral("Could not find experiment with ID %1").arg(experimentId));
}

QStringList FileStoreReader::runIds(const QString &experimentId) const
{
    QStringList ids;
    if (!isSafeRelativePath(experimentId))
        return ids;
    QString dir = m_root + QLatin1Char('/') + experimentId;
    if (!QFileInfo::exists(dir))
        dir = m_root + QStringLiteral("/.trash/") + experimentId;
    for (const QString &name : QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (QFileInfo::exists(dir + QLatin1Char('/') + name + QStringLiteral("/meta.yaml")))
            ids << name;
    return ids;
}

Result<QString> FileStoreReader::runDirectory(const QString &runId) const
{
    if (runId.isEmpty() || !isSafeRelativePath(runId) || runId.contains(QLatin1Char('/')))
        return notFound(QStringLiteral("Run '%1' not found").arg(runId));
    QStringList parents{m_root, m_root + QStringLiteral("/.trash")};
    for (const QString &parent : parents) {
        for (const QString &exp : QDir(parent).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString dir = parent + QLatin1Char('/') + exp + QLatin1Char('/') + runId;
            if (QFileInfo::exists(dir + QStringLiteral("/meta.yaml")))
                return dir;
        }
    }
    return notFound(QStringLiteral("Run '%1' not found").arg(runId));
}

Result<Run> FileStoreReader::readRun(const QString &dir) const
{
    Result<YAML::Node> meta = loadYaml(dir + QStringLiteral("/meta.yaml"));
    if (!meta.ok())
        return meta.error();
    const YAML::Node &m = meta.value();
    Run run;
    RunInfo &info = run.info;
    info.runId = yamlString(m, "run_id");
    if (info.runId.isEmpty())
        info.runId = yamlString(m, "run_uuid");
    if (info.runId.isEmpty())
        info.runId = QFileInfo(dir).fileName();
    info.experimentId = yamlString(m, "experiment_id");
    info.runName = yamlString(m, "run_name");
    info.userId = yamlString(m, "user_id");
    info.status = runStatusFromName(yamlString(m, "status"));
    info.startTime = yamlInt(m, "start_time");
    info.endTime = yamlInt(m, "end_time");
    info.artifactUri = yamlString(m, "artifact_uri");
    info.lifecycleStage = yamlString(m, "lifecycle_stage");
    if (info.lifecycleStage.isEmpty())
        info.lifecycleStage = QStringLiteral("active");

    run.tags = readTags(dir + QStringLiteral("/tags"));
    const QString paramsDir = dir + QStringLiteral("/params");
    for (const QString &key : keyFiles(paramsDir))
        run.params.append({key, readValueFile(paramsDir + QLatin1Char('/') + key)});
    if (info.runName.isEmpty())
        info.runName = run.tag(QStringLiteral("mlflow.runName"));

    const QString metricsDir = dir + QStringLiteral("/metrics");
    for (const QString &key : keyFiles(metricsDir)) {
        Result<QList<MetricPoint>> points = readMetricFile(metricsDir + QLatin1Char('/') + key);
        if (!points.ok())
            return points.error();
        if (points.value().isEmpty())
            continue;
        const MetricPoint last = latest(points.value());
        run.metrics.append({key, last.value, last.timestamp, last.step});
    }
    return run;
}

Result<Run> FileStoreReader::run(const QString &runId) const
{
    Result<QString> dir = runDirectory(runId);
    if (!dir.ok())
        return dir.error();
    return readRun(dir.value());
}

Result<Run> FileStoreReader::runInExperiment(const QString &experimentId, const QString &runId) const
{
    QString dir = m_root + QLatin1Char('/') + experimentId + QLatin1Char('/') + runId;
    if (!QFileInfo::exists(dir + QStringLiteral("/meta.yaml")))
        dir = m_root + QStringLiteral("/.trash/") + experimentId + QLatin1Char('/') + runId;
    if (!QFileInfo::exists(dir + QStringLiteral("/meta.yaml")))
        return notFound(QStringLiteral("Run '%1' not found").arg(runId));
    return readRun(dir);
}

Result<QStringList> FileStoreReader::metricKeys(const QString &runId) const
{
    Result<QString> dir = runDirectory(runId);
    if (!dir.ok())
        return dir.error();
    return keyFiles(dir.value() + QStringLiteral("/metrics"));
}

Result<MetricHistory> FileStoreReader::metricHistory(const QString &runId, const QString &key) const
{
    Result<QString> dir = runDirectory(runId);
    if (!dir.ok())
        return dir.error();
    MetricHistory history;
    history.runId = runId;
    history.key = key;
    if (!isSafeRelativePath(key))
        return history;
    const QString path = dir.value() + QStringLiteral("/metrics/") + key;
    if (!QFileInfo(path).isFile())
        return history; // like the server: an unknown key is an empty history
    Result<QList<MetricPoint>> points = readMetricFile(path);
    if (!points.ok())
        return points.error();
    history.points = std::move(points).value();
    return history;
}

Result<QList<MetricPoint>> FileStoreReader::readMetricFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    QList<MetricPoint> points;
    points.reserve(bytes.count('\n') + 1);
    const char *p = bytes.constData();
    const char *end = p + bytes.size();
    int lineNumber = 0;
    while (p < end) {
        const char *lineEnd = static_cast<const char *>(memchr(p, '\n', size_t(end - p)));
        if (!lineEnd)
            lineEnd = end;
        ++lineNumber;
        const char *fields[3][2] = {};
        int count = 0;
        const char *q = p;
        while (q < lineEnd) {
            while (q < lineEnd && (*q == ' ' || *q == '\t' || *q == '\r'))
                ++q;
            if (q >= lineEnd)
                break;
            const char *start = q;
            while (q < lineEnd && *q != ' ' && *q != '\t' && *q != '\r')
                ++q;
            if (count < 3) {
                fields[count][0] = start;
                fields[count][1] = q;
            }
            ++count;
        }
        if (count > 0) {
            MetricPoint point;
            const bool ok = (count == 2 || count == 3) && parseInt(fields[0][0], fields[0][1], point.timestamp) &&
                            parseDouble(fields[1][0], fields[1][1], point.value) &&
                            (count == 2 || parseInt(fields[2][0], fields[2][1], point.step));
            if (!ok)
                return Error::make(Error::Kind::Parse,
                                   tr("%1, line %2: expected \"timestamp value step\", found \"%3\".")
                                       .arg(path)
                                       .arg(lineNumber)
                                       .arg(QString::fromUtf8(p, int(std::min<qsizetype>(lineEnd - p, 80)))));
            points.append(point);
        }
        p = lineEnd + 1;
    }
    return points;
}

MetricPoint FileStoreReader::latest(const QList<MetricPoint> &points)
{
    MetricPoint best = points.first();
    auto valueKey = [](double v) { return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v; };
    for (const MetricPoint &p : points) {
        if (p.step != best.step ? p.step > best.step
                                : (p.timestamp != best.timestamp ? p.timestamp > best.timestamp
                                                                 : valueKey(p.value) > valueKey(best.value)))
            best = p;
    }
    return best;
}

Result<QString> FileStoreReader::artifactDirectory(const QString &runId) const
{
    Result<QString> dir = runDirectory(runId);
    if (!dir.ok())
        return dir.error();
    Result<YAML::Node> meta = loadYaml(dir.value() + QStringLiteral("/meta.yaml"));
    if (meta.ok()) {
        const QUrl uri(yamlString(meta.value(), "artifact_uri"));
        if (uri.isLocalFile() && QFileInfo(uri.toLocalFile()).isDir())
            return QDir::cleanPath(uri.toLocalFile());
    }
    // The store was moved or copied: meta.yaml still names the folder it was first written to.
    return dir.value() + QStringLiteral("/artifacts");
}

Result<ArtifactListing> FileStoreReader::listArtifacts(const QString &runId, const QString &path) const
{
    Result<Run> run = this->run(runId);
    if (!run.ok())
        return run.error();
    ArtifactListing listing;
    listing.rootUri = run.value().info.artifactUri;
    QString relative = path;
    while (relative.endsWith(QLatin1Char('/')))
        relative.chop(1);
    if (!relative.isEmpty() && !isSafeRelativePath(relative)) {
        Error e = Error::make(Error::Kind::InvalidInput, QStringLiteral("Invalid path"));
        e.code = QStringLiteral("INVALID_PARAMETER_VALUE");
        e.httpStatus = 400;
        return e;
    }
    Result<QString> root = artifactDirectory(runId);
    if (!root.ok())
        return root.error();
    const QString dir = relative.isEmpty() ? root.value() : root.value() + QLatin1Char('/') + relative;
    if (!QFileInfo(dir).isDir())
        return listing;
    const QFileInfoList entries = QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                                                         QDir::Name);
    for (const QFileInfo &entry : entries) {
        FileInfo f;
        f.path = relative.isEmpty() ? entry.fileName() : relative + QLatin1Char('/') + entry.fileName();
        f.isDir = entry.isDir();
        f.size = f.isDir ? -1 : entry.size();
        listing.files.append(f);
    }
    return listing;
}

} // namespace mltf::tracking
