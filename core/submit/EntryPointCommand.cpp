#include "submit/EntryPointCommand.h"

#include "submit/ShellQuote.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace mltf::submit {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::submit::EntryPointCommand", text);
}

// The entry point's declaration, or one made up for a script file name, as MLflow does.
Result<project::EntryPoint> findEntryPoint(const project::MLProject &project, const QString &name)
{
    if (const project::EntryPoint *ep = project.entryPoint(name))
        return *ep;
    project::EntryPoint file;
    file.name = name;
    if (name.endsWith(QLatin1String(".py"))) {
        file.command = QStringLiteral("python ") + ShellQuote::quote(name);
        return file;
    }
    if (name.endsWith(QLatin1String(".sh"))) {
        file.command = QStringLiteral("bash ") + ShellQuote::quote(name);
        return file;
    }
    QStringList names;
    for (const project::EntryPoint &ep : project.entryPoints)
        names << ep.name;
    return Error::make(Error::Kind::InvalidInput,
                       tr("The project has no entry point '%1' (it has: %2).")
                           .arg(name, names.isEmpty() ? tr("none") : names.join(QStringLiteral(", "))));
}

QString checkType(const project::Parameter &p, const QString &value)
{
    if (p.type == QLatin1String("int")) {
        static const QRegularExpression integer(QStringLiteral("^[+-]?\\d+$"));
        if (!integer.match(value.trimmed()).hasMatch())
            return tr("Parameter '%1' must be an integer, not '%2'.").arg(p.name, value);
    } else if (p.type == QLatin1String("float")) {
        bool ok = false;
        value.trimmed().toDouble(&ok);
        if (!ok)
            return tr("Parameter '%1' must be a number, not '%2'.").arg(p.name, value);
    }
    return {};
}

} // namespace

Result<QString> EntryPointCommand::format(const QString &pattern, const QMap<QString, QString> &values)
{
    QString out;
    for (int i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('{')) {
            if (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('{')) {
                out += QLatin1Char('{');
                ++i;
                continue;
            }
            const int close = pattern.indexOf(QLatin1Char('}'), i + 1);
            if (close < 0)
                return Error::make(Error::Kind::InvalidInput,
                                   tr("The command has a '{' without its '}'; write {{ for a literal brace."));
            const QString field = pattern.mid(i + 1, close - i - 1);
            if (!values.contains(field)) {
                return Error::make(Error::Kind::InvalidInput,
                                   tr("The command uses {%1}, which is not a parameter of the entry point.").arg(field));
            }
            out += values.value(field);
            i = close;
        } else if (c == QLatin1Char('}')) {
            if (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('}')) {
                out += QLatin1Char('}');
                ++i;
                continue;
            }
            return Error::make(Error::Kind::InvalidInput,
                               tr("The command has a single '}'; write }} for a literal brace."));
        } else {
            out += c;
        }
    }
    return out;
}

Result<QMap<QString, QString>> EntryPointCommand::resolveParameters(const project::MLProject &project,
                                                                    const QString &entryPoint,
                                                                    const QMap<QString, QString> &userParams)
{
    const Result<project::EntryPoint> ep = findEntryPoint(project, entryPoint);
    if (!ep.ok())
        return ep.error();
    QMap<QString, QString> resolved = userParams;
    QStringList missing;
    QStringList problems;
    for (const project::Parameter &p : ep.value().parameters) {
        if (userParams.contains(p.name)) {
            const QString problem = checkType(p, userParams.value(p.name));
            if (!problem.isEmpty())
                problems << problem;
        } else if (p.hasDefault) {
            resolved.insert(p.name, p.defaultValue);
        } else {
            missing << QLatin1Char('\'') + p.name + QLatin1Char('\'');
        }
    }
    if (!missing.isEmpty())
        problems.prepend(tr("No value given for missing parameters: %1").arg(missing.join(QStringLiteral(", "))));
    if (!problems.isEmpty())
        return Error::make(Error::Kind::InvalidInput, problems.join(QLatin1Char('\n')));
    return resolved;
}

Result<QString> EntryPointCommand::build(const project::MLProject &project, const QString &entryPoint,
                                         const QMap<QString, QString> &userParams)
{
    const Result<project::EntryPoint> ep = findEntryPoint(project, entryPoint);
    if (!ep.ok())
        return ep.error();
    const Result<QMap<QString, QString>> resolved = resolveParameters(project, entryPoint, userParams);
    if (!resolved.ok())
        return resolved.error();

    QMap<QString, QString> declared;
    QStringList extras;
    for (auto it = resolved.value().cbegin(); it != resolved.value().cend(); ++it) {
        const bool isDeclared = std::any_of(ep.value().parameters.cbegin(), ep.value().parameters.cend(),
                                            [&](const project::Parameter &p) { return p.name == it.key(); });
        if (isDeclared)
            declared.insert(it.key(), ShellQuote::quote(it.value()));
        else
            extras << QStringLiteral("--%1 %2").arg(it.key(), ShellQuote::quote(it.value()));
    }
    Result<QString> command = format(ep.value().command, declared);
    if (!command.ok())
        return command.error();
    QStringList parts{command.value()};
    parts << extras;
    return parts.join(QLatin1Char(' '));
}

} // namespace mltf::submit
