#include "CheckCommand.h"

#include "project/Project.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QIODevice>
#include <QTextStream>

#include <cstdio>

namespace mltf::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CheckCommand", text);
}

// The diagnostic's file as the user named the folder: "projects/demo/" + "MLproject".
QString displayPath(const QString &projectDir, const QString &file)
{
    if (file.isEmpty())
        return projectDir;
    if (projectDir.endsWith(QLatin1Char('/')))
        return projectDir + file;
    return projectDir + QLatin1Char('/') + file;
}

} // namespace

int CheckCommand::run(const QString &projectDir, const QString &target, QIODevice *out)
{
    QTextStream err(stderr);
    const std::optional<project::Project::Target> parsedTarget = project::Project::targetFromName(target);
    if (!parsedTarget) {
        err << tr("mltf-desktop check: unknown target \"%1\" (use local, slurm or gateway)").arg(target) << '\n';
        return 2;
    }
    const QFileInfo info(projectDir);
    if (!info.exists() || !info.isDir() || !info.isReadable() || !info.isExecutable()) {
        err << tr("mltf-desktop check: %1 is not a readable folder").arg(projectDir) << '\n';
        return 2;
    }

    const project::Project project = project::Project::load(projectDir);
    if (!project.isFolderReadable()) {
        err << tr("mltf-desktop check: %1 is not a readable folder").arg(projectDir) << '\n';
        return 2;
    }
    const QList<project::Diagnostic> diagnostics = project.diagnostics(*parsedTarget);
    QTextStream stream(out);
    int errors = 0;
    int warnings = 0;
    for (project::Diagnostic d : diagnostics) {
        d.file = displayPath(projectDir, d.file);
        stream << d.toString() << '\n';
        errors += d.severity == project::Diagnostic::Severity::Error ? 1 : 0;
        warnings += d.severity == project::Diagnostic::Severity::Warning ? 1 : 0;
    }
    stream.flush();
    err << tr("%1: %2 error(s), %3 warning(s), %4 note(s)")
               .arg(projectDir)
               .arg(errors)
               .arg(warnings)
               .arg(diagnostics.size() - errors - warnings)
        << '\n';
    return errors > 0 ? 1 : 0;
}

} // namespace mltf::app
