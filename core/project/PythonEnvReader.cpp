#include "project/PythonEnvReader.h"

#include "project/DocMerge.h"
#include "project/YamlScalar.h"

namespace mltf::project {

PythonEnv PythonEnvReader::read(const DocNode &root, ReadContext &context)
{
    PythonEnv env;
    if (!context.requireMap(root, tr("The python_env file is empty: it needs at least \"python\".")))
        return env;
    for (int i = 0; i < root.size(); ++i) {
        const QString key = root.keyAt(i);
        const DocNode &value = root.values[size_t(i)];
        if (key == QLatin1String("python")) {
            env.python = context.scalarText(value, key);
            if (value.isScalar() && !value.isString()) {
                const bool number = value.valueType() == DocNode::ValueType::Float ||
                                    value.valueType() == DocNode::ValueType::Int;
                context.error(&value, key,
                              number ? tr("python: %1 is not quoted, so YAML reads the number %2 and MLflow "
                                          "rejects it (python must be a string). Write python: \"%1\".")
                                           .arg(value.scalar, YamlScalar::pythonRepr(value.scalar))
                                     : tr("python: %1 must be a string. Write python: \"%1\".").arg(value.scalar),
                              quoteVersionFix);
            }
        } else if (key == QLatin1String("build_dependencies")) {
            env.buildDependencies = context.stringList(value, key, true);
        } else if (key == QLatin1String("dependencies")) {
            env.dependencies = context.stringList(value, key, true);
        } else {
            context.error(&root.keys[size_t(i)], key,
                          tr("Unknown key \"%1\": MLflow accepts only python, build_dependencies and dependencies "
                             "in a python_env file.")
                              .arg(key));
        }
    }
    if (!root.get(QStringLiteral("python"))) {
        context.warning(nullptr, QStringLiteral("python"),
                        tr("No python version: MLflow will use the version it runs with."));
    }
    return env;
}

DocNode PythonEnvWriter::write(const PythonEnv &value, const PythonEnv &baseValue, const DocNode &base)
{
    DocNode root = DocMerge::mapFrom(&base);
    if (value.python != baseValue.python || (!value.python.isEmpty() && !root.get(QStringLiteral("python")))) {
        const DocNode python = DocNode::makeScalar(value.python, DocNode::Style::DoubleQuoted);
        if (value.python.isEmpty()) {
            root.remove(QStringLiteral("python"));
        } else if (root.get(QStringLiteral("python"))) {
            root.set(QStringLiteral("python"), python);
        } else {
            root.keys.insert(root.keys.begin(), DocNode::makeString(QStringLiteral("python")));
            root.values.insert(root.values.begin(), python);
        }
    }
    const QString build = QStringLiteral("build_dependencies");
    if (value.buildDependencies != baseValue.buildDependencies) {
        DocMerge::putAfter(root, {QStringLiteral("python")}, build,
                           DocMerge::stringSeq(root.get(build), value.buildDependencies));
        if (value.buildDependencies.isEmpty())
            root.remove(build);
    }
    const QString deps = QStringLiteral("dependencies");
    if (value.dependencies != baseValue.dependencies) {
        DocMerge::putAfter(root, {build, QStringLiteral("python")}, deps,
                           DocMerge::stringSeq(root.get(deps), value.dependencies));
        if (value.dependencies.isEmpty())
            root.remove(deps);
    }
    return root;
}

} // namespace mltf::project
