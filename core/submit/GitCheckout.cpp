#include "submit/GitCheckout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace mltf::submit {

namespace {

QString readTrimmed(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.read(64 * 1024)).trimmed();
}

// A ref from its loose file or packed-refs.
QString resolveRef(const QString &gitDir, const QString &commonDir, const QString &ref)
{
    for (const QString &dir : {gitDir, commonDir}) {
        const QString loose = readTrimmed(dir + QLatin1Char('/') + ref);
        if (!loose.isEmpty())
            return loose;
    }
    const QStringList packed = readTrimmed(commonDir + QStringLiteral("/packed-refs")).split(QLatin1Char('\n'));
    for (const QString &line : packed) {
        if (line.endsWith(QLatin1Char(' ') + ref))
            return line.section(QLatin1Char(' '), 0, 0);
    }
    return {};
}

QString remoteFromConfig(const QString &configPath)
{
    const QStringList lines = readTrimmed(configPath).split(QLatin1Char('\n'));
    static const QRegularExpression section(QStringLiteral("^\\[remote \"([^\"]+)\"\\]$"));
    static const QRegularExpression url(QStringLiteral("^url\\s*=\\s*(.+)$"));
    QString current;
    QString first;
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            const auto m = section.match(line);
            current = m.hasMatch() ? m.captured(1) : QString();
            continue;
        }
        if (current.isEmpty())
            continue;
        const auto m = url.match(line);
        if (!m.hasMatch())
            continue;
        if (current == QLatin1String("origin"))
            return m.captured(1).trimmed();
        if (first.isEmpty())
            first = m.captured(1).trimmed();
    }
    return first;
}

} // namespace

GitCheckout GitCheckout::inspect(const QString &projectDir)
{
    GitCheckout out;
    QDir dir(QFileInfo(projectDir).absoluteFilePath());
    QString gitDir;
    for (int depth = 0; depth < 64; ++depth) {
        const QFileInfo dotGit(dir.filePath(QStringLiteral(".git")));
        if (dotGit.isDir()) {
            gitDir = dotGit.absoluteFilePath();
            break;
        }
        if (dotGit.isFile()) { // worktree or submodule: "gitdir: <path>"
            const QString text = readTrimmed(dotGit.absoluteFilePath());
            if (text.startsWith(QLatin1String("gitdir:"))) {
                const QString target = text.mid(7).trimmed();
                gitDir = QDir(dir.absolutePath()).absoluteFilePath(target);
            }
            break;
        }
        if (!dir.cdUp())
            break;
    }
    if (gitDir.isEmpty())
        return out;
    out.isGit = true;
    QString commonDir = gitDir;
    const QString common = readTrimmed(gitDir + QStringLiteral("/commondir"));
    if (!common.isEmpty())
        commonDir = QDir(gitDir).absoluteFilePath(common);

    const QString head = readTrimmed(gitDir + QStringLiteral("/HEAD"));
    if (head.startsWith(QLatin1String("ref:"))) {
        const QString ref = head.mid(4).trimmed();
        if (ref.startsWith(QLatin1String("refs/heads/")))
            out.branch = ref.mid(11);
        out.commit = resolveRef(gitDir, commonDir, ref);
    } else {
        out.commit = head;
    }
    static const QRegularExpression sha(QStringLiteral("^[0-9a-f]{40}([0-9a-f]{24})?$"));
    if (!sha.match(out.commit).hasMatch())
        out.commit.clear();
    out.remoteUrl = remoteFromConfig(commonDir + QStringLiteral("/config"));
    return out;
}

} // namespace mltf::submit
