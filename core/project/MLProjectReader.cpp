#include "project/MLProjectReader.h"

#include <QRegularExpression>

namespace mltf::project {

namespace {

const QStringList envKeys = {QStringLiteral("python_env"), QStringLiteral("conda_env"), QStringLiteral("docker_env")};
const QStringList topLevelKeys = {QStringLiteral("name"),        QStringLiteral("python_env"),
                                  QStringLiteral("conda_env"),   QStringLiteral("docker_env"),
                                  QStringLiteral("entry_points"), QStringLiteral("databricks_spark_job")};

} // namespace

MLProject MLProjectReader::read(const DocNode &root, ReadContext &context)
{
    MLProject project;
    if (!context.requireMap(root, tr("The MLproject file is empty.")))
        return project;

    QStringList envKeysFound;
    for (int i = 0; i < root.size(); ++i) {
        const QString key = root.keyAt(i);
        const DocNode &value = root.values[size_t(i)];
        if (key == QLatin1String("name")) {
            project.name = context.scalarText(value, key);
        } else if (envKeys.contains(key)) {
            envKeysFound << key;
            if (envKeysFound.size() > 1) {
                context.error(&root.keys[size_t(i)], key,
                              tr("Project cannot contain multiple environment fields (%1): keep one of them.")
                                  .arg(envKeysFound.join(QLatin1String(", "))));
                continue;
            }
            if (key == QLatin1String("docker_env")) {
                project.envKind = MLProject::EnvKind::Docker;
                project.dockerEnv = readDocker(value, context);
                continue;
            }
            project.envKind = key == QLatin1String("python_env") ? MLProject::EnvKind::Python
                                                                 : MLProject::EnvKind::Conda;
            project.envFile = context.scalarText(value, key);
            if (project.envFile.isEmpty())
                context.error(&value, key, tr("\"%1\" must name a file of the project.").arg(key));
        } else if (key == QLatin1String("entry_points")) {
            if (value.isNull())
                continue;
            if (!value.isMap()) {
                context.error(&value, key, tr("\"entry_points\" must map entry point names to their command."));
                continue;
            }
            for (int e = 0; e < value.size(); ++e)
                project.entryPoints << readEntryPoint(value.keyAt(e), value.values[size_t(e)], context);
        } else if (!topLevelKeys.contains(key)) {
            context.info(&root.keys[size_t(i)], key, tr("Unknown key \"%1\": MLflow ignores it.").arg(key));
        }
    }
    if (!root.get(QStringLiteral("entry_points"))) {
        context.warning(nullptr, QStringLiteral("entry_points"),
                        tr("No entry_points: only a .py or .sh file of the project can be run."));
    }
    return project;
}

DockerEnv MLProjectReader::readDocker(const DocNode &node, ReadContext &context)
{
    DockerEnv docker;
    const QString path = QStringLiteral("docker_env");
    if (!node.isMap()) {
        context.error(&node, path, tr("\"docker_env\" must be a mapping with at least \"image\"."));
        return docker;
    }
    const DocNode *image = node.get(QStringLiteral("image"));
    if (!image)
        context.error(&node, path, tr("\"docker_env\" needs an \"image\"."));
    else
        docker.image = context.scalarText(*image, path + QLatin1String(".image"));
    if (const DocNode *volumes = node.get(QStringLiteral("volumes")))
        docker.volumes = context.stringList(*volumes, path + QLatin1String(".volumes"), true);
    if (const DocNode *environment = node.get(QStringLiteral("environment"))) {
        const QString envPath = path + QLatin1String(".environment");
        if (!environment->isSeq() && !environment->isNull()) {
            context.error(environment, envPath, tr("\"environment\" must be a list."));
            return docker;
        }
        for (int i = 0; i < environment->size(); ++i) {
            const DocNode &item = environment->values[size_t(i)];
            if (item.isScalar()) {
                docker.environment << DockerEnvVar{item.scalar, std::nullopt};
            } else if (item.isSeq() && item.size() == 2 && item.values[0].isScalar() && item.values[1].isScalar()) {
                docker.environment << DockerEnvVar{item.values[0].scalar, item.values[1].scalar};
            } else {
                context.error(&item, ReadContext::join(envPath, QString::number(i)),
                              tr("Each docker environment item is a variable name or a [NAME, value] pair."));
            }
        }
    }
    return docker;
}

EntryPoint MLProjectReader::readEntryPoint(const QString &name, const DocNode &node, ReadContext &context)
{
    EntryPoint entry;
    entry.name = name;
    const QString path = QStringLiteral("entry_points.") + name;
    if (!node.isMap()) {
        context.error(&node, path, tr("The entry point \"%1\" must be a mapping with a \"command\".").arg(name));
        return entry;
    }
    const DocNode *command = node.get(QStringLiteral("command"));
    if (!command || command->isNull()) {
        context.error(&node, path, tr("The entry point \"%1\" has no command.").arg(name));
    } else {
        entry.command = context.scalarText(*command, path + QLatin1String(".command"));
    }
    const DocNode *parameters = node.get(QStringLiteral("parameters"));
    if (parameters && !parameters->isNull()) {
        const QString paramsPath = path + QLatin1String(".parameters");
        if (!parameters->isMap()) {
            context.error(parameters, paramsPath, tr("\"parameters\" must map parameter names to their type."));
        } else {
            for (int i = 0; i < parameters->size(); ++i) {
                const QString paramName = parameters->keyAt(i);
                entry.parameters << readParameter(paramName, parameters->values[size_t(i)],
                                                  ReadContext::join(paramsPath, paramName), context);
            }
        }
    }
    return entry;
}

Parameter MLProjectReader::readParameter(const QString &name, const DocNode &node, const QString &path,
                                         ReadContext &context)
{
    Parameter p;
    p.name = name;
    if (node.isScalar() && node.isString()) {
        p.type = node.scalar; // `name: path`: a type, no default
    } else if (node.isMap()) {
        static const QRegularExpression missingColon(QStringLiteral("^type\\s+(\\S+)$"));
        for (int i = 0; i < node.size(); ++i) {
            const QString key = node.keyAt(i);
            const DocNode &value = node.values[size_t(i)];
            if (key == QLatin1String("type")) {
                p.type = context.scalarText(value, path + QLatin1String(".type"));
            } else if (key == QLatin1String("default")) {
                if (value.isNull())
                    continue;
                p.hasDefault = true;
                p.defaultValue = context.scalarText(value, path + QLatin1String(".default"));
            } else if (const QRegularExpressionMatch m = missingColon.match(key); m.hasMatch()) {
                context.warning(&node.keys[size_t(i)], path + QLatin1String(".type"),
                                tr("Parameter \"%1\": \"%2\" is read by YAML as one key because the colon is "
                                   "missing; MLflow ignores it and treats the parameter as a string. Write "
                                   "\"type: %3\".")
                                    .arg(name, key, m.captured(1)),
                                missingColonFix);
            } else {
                context.warning(&node.keys[size_t(i)], ReadContext::join(path, key),
                                tr("Parameter \"%1\": unknown key \"%2\" (MLflow reads only type and default).")
                                    .arg(name, key));
            }
        }
    } else {
        context.error(&node, path,
                      tr("Parameter \"%1\" must be a type (e.g. \"%1: float\") or a mapping "
                         "{type: ..., default: ...}.")
                          .arg(name));
        return p;
    }
    if (!Parameter::knownTypes().contains(p.type)) {
        const DocNode *typeNode = node.isMap() ? node.get(QStringLiteral("type")) : &node;
        context.error(typeNode ? typeNode : &node, path + QLatin1String(".type"),
                      tr("Parameter \"%1\" has the unknown type \"%2\" (MLflow knows %3).")
                          .arg(name, p.type, Parameter::knownTypes().join(QLatin1String(", "))));
    }
    return p;
}

} // namespace mltf::project
