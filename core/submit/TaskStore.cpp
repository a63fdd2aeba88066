#include "submit/TaskStore.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace mltf::submit {


TaskStore::TaskStore(QString filePath, QObject *parent) : QObject(parent), m_filePath(std::move(filePath)) {}

QString TaskStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/tasks.json");
}

Status TaskStore::load()
{
    m_tasks.clear();
    m_readOnly = false;
    m_backupPath.clear();
    QFile file(m_filePath);
    if (!file.exists()) {
        emit reloaded();
        return Done{};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_readOnly = true; // we could not see what is there: do not overwrite it
        emit reloaded();
        return Error::make(Error::Kind::Io,
                           tr("Cannot read the task list %1: %2").arg(m_filePath, file.errorString()));
    }
    const QByteArray bytes = file.readAll();
    file.close();

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    QString problem;
    if (parseError.error != QJsonParseError::NoError)
        problem = parseError.errorString();
    else if (!doc.isObject() || !doc.object().value(QStringLiteral("tasks")).isArray())
        problem = tr("no task list in it");

    if (problem.isEmpty()) {
        const QJsonObject root = doc.object();
        const int version = root.value(QStringLiteral("version")).toInt(1);
        if (version > kFormatVersion) {
            m_readOnly = true;
            emit reloaded();
            return Error::make(Error::Kind::Unsupported,
                               tr("The task list %1 was written by a newer version of the app; it is shown "
                                  "read-only and left unchanged.")
                                   .arg(m_filePath));
        }
        int skipped = 0;
        const QJsonArray array = root.value(QStringLiteral("tasks")).toArray();
        for (const QJsonValue &value : array) {
            Result<Task> task = Task::fromJson(value.toObject());
            if (task.ok())
                m_tasks.push_back(std::move(task).value());
            else
                ++skipped;
        }
        emit reloaded();
        if (skipped > 0) {
            qCWarning(lcSubmit) << "task store: skipped" << skipped << "unreadable entries in" << m_filePath;
            return Error::make(Error::Kind::Parse,
                               tr("%n task(s) in %1 could not be read and were left out.", nullptr, skipped)
                                   .arg(m_filePath));
        }
        return Done{};
    }

    // Corrupt: keep the bytes aside, start empty.
    m_backupPath = m_filePath + QStringLiteral(".corrupt-")
                   + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(m_filePath, m_backupPath)) {
        m_readOnly = true;
        m_backupPath.clear();
        emit reloaded();
        return Error::make(Error::Kind::Parse,
                           tr("The task list %1 is damaged (%2) and could not be moved aside; it is left "
                              "unchanged and new tasks are not saved.")
                               .arg(m_filePath, problem));
    }
    qCWarning(lcSubmit) << "task store: damaged file moved to" << m_backupPath << problem;
    emit reloaded();
    return Error::make(Error::Kind::Parse, tr("The task list was damaged (%1). It was kept as %2 and a new "
                                              "list was started.")
                                               .arg(problem, m_backupPath));
}

QVector<Task> TaskStore::tasks() const
{
    QVector<Task> sorted = m_tasks;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Task &a, const Task &b) { return a.submitTime > b.submitTime; });
    return sorted;
}

std::optional<Task> TaskStore::task(const QString &localId) const
{
    for (const Task &t : m_tasks) {
        if (t.localId == localId)
            return t;
    }
    return std::nullopt;
}

Status TaskStore::upsert(const Task &task)
{
    auto it = std::find_if(m_tasks.begin(), m_tasks.end(), [&](const Task &t) { return t.localId == task.localId; });
    if (it != m_tasks.end())
        *it = task;
    else
        m_tasks.push_back(task);
    emit taskChanged(task.localId);
    return save();
}

Status TaskStore::remove(const QString &localId)
{
    const auto before = m_tasks.size();
    m_tasks.erase(std::remove_if(m_tasks.begin(), m_tasks.end(), [&](const Task &t) { return t.localId == localId; }),
                  m_tasks.end());
    if (m_tasks.size() == before)
        return Done{};
    emit taskRemoved(localId);
    return save();
}

Status TaskStore::save()
{
    if (m_readOnly) {
        return Error::make(Error::Kind::Io,
                           tr("The task list %1 is read-only in this session; the change is kept in memory only.")
                               .arg(m_filePath));
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QJsonArray array;
    for (const Task &t : m_tasks)
        array.append(t.toJson());
    QJsonObject root;
    root.insert(QStringLiteral("version"), kFormatVersion);
    root.insert(QStringLiteral("tasks"), array);

    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error::make(Error::Kind::Io, tr("Cannot save the task list %1: %2").arg(m_filePath, file.errorString()));
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        return Error::make(Error::Kind::Io, tr("Cannot save the task list %1: %2").arg(m_filePath, file.errorString()));
    }
    return Done{};
}

} // namespace mltf::submit
