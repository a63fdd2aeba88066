#pragma once

// Shared by the project tests: fixture paths, copying a fixture into a temporary folder, finding diagnostics.

#include "project/Diagnostic.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>

namespace mltf::project::test {

inline QString fixture(const QString &name)
{
    return QStringLiteral(MLTF_TEST_DATA_DIR "/projects/") + name;
}

inline QString badFixture(const QString &name)
{
    return QStringLiteral(MLTF_TEST_DATA_DIR "/projects-bad/") + name;
}

inline QStringList fixtureNames()
{
    return QDir(QStringLiteral(MLTF_TEST_DATA_DIR "/projects")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Copies every file of `source` into `target` (flat folders: the fixtures have no sub-folders).
inline bool copyFolder(const QString &source, const QString &target)
{
    QDir().mkpath(target);
    const QFileInfoList files = QDir(source).entryInfoList(QDir::Files | QDir::Hidden);
    for (const QFileInfo &f : files) {
        const QString to = QDir(target).filePath(f.fileName());
        if (!QFile::copy(f.absoluteFilePath(), to))
            return false;
        QFile::setPermissions(to, QFile::permissions(to) | QFileDevice::WriteOwner);
    }
    return true;
}

// The first diagnostic of `file` whose message contains `text`, or nullptr.
inline const Diagnostic *findDiagnostic(const QList<Diagnostic> &list, const QString &file, const QString &text)
{
    for (const Diagnostic &d : list) {
        if (d.file == file && d.message.contains(text))
            return &d;
    }
    return nullptr;
}

inline int countSeverity(const QList<Diagnostic> &list, Diagnostic::Severity severity)
{
    int n = 0;
    for (const Diagnostic &d : list)
        n += d.severity == severity ? 1 : 0;
    return n;
}

inline QString describe(const QList<Diagnostic> &list)
{
    QStringList lines;
    for (const Diagnostic &d : list)
        lines << d.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace mltf::project::test
