#include "submit/SlurmHost.h"

#include "submit/ShellQuote.h"
#include "util/Settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace mltf::submit {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray a = value.toArray();
    for (const QJsonValue &v : a)
        out << v.toString();
    return out;
}

} // namespace

QString SlurmHost::validate() const
{
    if (name.trimmed().isEmpty())
        return tr("The host needs a name.");
    if (mode == Mode::Ssh) {
        static const QRegularExpression hostPattern(QStringLiteral("^[A-Za-z0-9_.:%\\[\\]-]+$"));
        if (host.isEmpty())
            return tr("Enter the SSH host (an alias from ~/.ssh/config or a host name).");
        if (host.startsWith(QLatin1Char('-')) || !hostPattern.match(host).hasMatch())
            return tr("'%1' is not a host name or SSH alias.").arg(host);
        static const QRegularExpression userPattern(QStringLiteral("^[A-Za-z0-9_.][A-Za-z0-9_.@-]*$"));
        if (!user.isEmpty() && !userPattern.match(user).hasMatch())
            return tr("'%1' is not a user name.").arg(user);
        if (port < 0 || port > 65535)
            return tr("The port must be between 1 and 65535.");
        if (identityFile.startsWith(QLatin1Char('-')) || ShellQuote::hasControlCharacters(identityFile))
            return tr("The key file name is not valid.");
        static const QRegularExpression optionPattern(QStringLiteral("^[A-Za-z][A-Za-z0-9]*=[^\\s].*$"));
        for (const QString &option : sshOptions) {
            if (!optionPattern.match(option).hasMatch() || ShellQuote::hasControlCharacters(option))
                return tr("'%1' is not an SSH option of the form Key=Value.").arg(option);
        }
    }
    if (remoteBaseDir.trimmed().isEmpty())
        return tr("Enter the folder on the host where task folders are created.");
    if (ShellQuote::hasControlCharacters(remoteBaseDir))
        return tr("The remote folder must be on one line.");
    if (!remoteBaseDir.startsWith(QLatin1Char('/')) && !remoteBaseDir.startsWith(QLatin1Char('~')))
        return tr("The remote folder must be absolute or start with ~/.");
    static const QRegularExpression envManagerPattern(QStringLiteral("^(|local|virtualenv|conda|uv)$"));
    if (!envManagerPattern.match(envManager).hasMatch())
        return tr("'%1' is not an MLflow environment manager (local, virtualenv, conda, uv).").arg(envManager);
    for (const QString &m : modules) {
        if (m.isEmpty() || ShellQuote::hasControlCharacters(m) || m.contains(QLatin1Char(' ')))
            return tr("'%1' is not a module name.").arg(m);
    }
    if (ShellQuote::hasControlCharacters(activation))
        return tr("The activation command must be one line.");
    static const QRegularExpression envPattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*=.*$"));
    for (const QString &e : environment) {
        if (!envPattern.match(e).hasMatch() || ShellQuote::hasControlCharacters(e))
            return tr("'%1' is not an environment setting of the form NAME=value.").arg(e);
    }
    return {};
}

QString SlurmHost::displayTarget() const
{
    if (mode == Mode::Local)
        return tr("this computer");
    QString target = user.isEmpty() ? host : user + QLatin1Char('@') + host;
    if (port > 0)
        target += QLatin1Char(':') + QString::number(port);
    return target;
}

QJsonObject SlurmHost::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("mode"), mode == Mode::Local ? QStringLiteral("local") : QStringLiteral("ssh"));
    o.insert(QStringLiteral("host"), host);
    o.insert(QStringLiteral("user"), user);
    o.insert(QStringLiteral("port"), port);
    o.insert(QStringLiteral("identity_file"), identityFile);
    o.insert(QStringLiteral("ssh_options"), toArray(sshOptions));
    o.insert(QStringLiteral("remote_base_dir"), remoteBaseDir);
    o.insert(QStringLiteral("launch_mode"),
             launchMode == LaunchMode::Direct ? QStringLiteral("direct") : QStringLiteral("mlflow-run"));
    o.insert(QStringLiteral("env_manager"), envManager);
    o.insert(QStringLiteral("modules"), toArray(modules));
    o.insert(QStringLiteral("activation"), activation);
    o.insert(QStringLiteral("environment"), toArray(environment));
    o.insert(QStringLiteral("partitions"), toArray(partitions));
    o.insert(QStringLiteral("gpu_types"), toArray(gpuTypes));
    return o;
}

SlurmHost SlurmHost::fromJson(const QJsonObject &o)
{
    SlurmHost h;
    h.name = o.value(QStringLiteral("name")).toString();
    h.mode = o.value(QStringLiteral("mode")).toString() == QLatin1String("local") ? Mode::Local : Mode::Ssh;
    h.host = o.value(QStringLiteral("host")).toString();
    h.user = o.value(QStringLiteral("user")).toString();
    h.port = o.value(QStringLiteral("port")).toInt();
    h.identityFile = o.value(QStringLiteral("identity_file")).toString();
    h.sshOptions = toList(o.value(QStringLiteral("ssh_options")));
    h.remoteBaseDir = o.value(QStringLiteral("remote_base_dir")).toString(QStringLiteral("~/mltf-jobs"));
    h.launchMode = o.value(QStringLiteral("launch_mode")).toString() == QLatin1String("direct") ? LaunchMode::Direct
                                                                                              : LaunchMode::MlflowRun;
    h.envManager = o.value(QStringLiteral("env_manager")).toString();
    h.modules = toList(o.value(QStringLiteral("modules")));
    h.activation = o.value(QStringLiteral("activation")).toString();
    h.environment = toList(o.value(QStringLiteral("environment")));
    h.partitions = toList(o.value(QStringLiteral("partitions")));
    h.gpuTypes = toList(o.value(QStringLiteral("gpu_types")));
    return h;
}

QVector<SlurmHost> SlurmHost::loadAll()
{
    QVector<SlurmHost> hosts;
    const QByteArray text = Settings::value(Settings::Key::SlurmHosts).toString().toUtf8();
    const QJsonArray array = QJsonDocument::fromJson(text).array();
    for (const QJsonValue &v : array)
        hosts.push_back(fromJson(v.toObject()));
    return hosts;
}

void SlurmHost::saveAll(const QVector<SlurmHost> &hosts)
{
    QJsonArray array;
    for (const SlurmHost &h : hosts)
        array.append(h.toJson());
    Settings::setValue(Settings::Key::SlurmHosts, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
}

} // namespace mltf::submit
