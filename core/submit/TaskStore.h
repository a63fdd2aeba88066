#pragma once

#include "submit/Task.h"
#include "util/Error.h"

#include <QObject>
#include <QVector>

#include <optional>

namespace mltf::submit {

// The local list of submitted tasks: one JSON file under the app data location, written atomically
// (QSaveFile) on every change. A file that cannot be read is never overwritten blindly: it is kept as a
// backup next to it ("tasks.json.corrupt-<time>") and the store starts empty, telling the caller.
// A file written by a newer version of the app (higher "version") is left alone and the store is read-only.
class TaskStore : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFormatVersion = 1;

    explicit TaskStore(QString filePath = defaultFilePath(), QObject *parent = nullptr);

    // <AppDataLocation>/tasks.json
    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    // Reads the file. A missing file is an empty store. Errors say what happened to the file.
    Status load();
    bool isReadOnly() const { return m_readOnly; }
    // Where a corrupt file was moved by the last load(), or empty.
    QString backupPath() const { return m_backupPath; }

    // Newest submission first.
    QVector<Task> tasks() const;
    std::optional<Task> task(const QString &localId) const;

    // Adds or replaces the task with the same local id, then saves.
    Status upsert(const Task &task);
    Status remove(const QString &localId);

signals:
    void taskChanged(const QString &localId);
    void taskRemoved(const QString &localId);
    void reloaded();

private:
    Status save();

    QString m_filePath;
    QVector<Task> m_tasks;
    bool m_readOnly = false;
    QString m_backupPath;
};

} // namespace mltf::submit
