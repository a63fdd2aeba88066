#include "project/CondaEnvReader.h"

#include "project/DocMerge.h"

namespace mltf::project {

namespace {

bool isPipItem(const DocNode &item)
{
    return item.isMap() && item.get(QStringLiteral("pip"));
}

} // namespace

CondaEnv CondaEnvReader::read(const DocNode &root, ReadContext &context)
{
    CondaEnv env;
    if (!context.requireMap(root, tr("The conda environment file is empty.")))
        return env;
    if (const DocNode *name = root.get(QStringLiteral("name")))
        env.name = context.scalarText(*name, QStringLiteral("name"));
    if (const DocNode *channels = root.get(QStringLiteral("channels")))
        env.channels = context.stringList(*channels, QStringLiteral("channels"), false);
    const DocNode *deps = root.get(QStringLiteral("dependencies"));
    if (!deps || deps->isNull())
        return env;
    if (!deps->isSeq()) {
        context.error(deps, QStringLiteral("dependencies"), tr("\"dependencies\" must be a list."));
        return env;
    }
    for (int i = 0; i < deps->size(); ++i) {
        const DocNode &item = deps->values[size_t(i)];
        const QString path = QStringLiteral("dependencies.%1").arg(i);
        if (item.isScalar()) {
            env.dependencies << item.scalar;
        } else if (isPipItem(item)) {
            env.pipDependencies << context.stringList(*item.get(QStringLiteral("pip")), path + QLatin1String(".pip"),
                                                      true);
        } else {
            context.warning(&item, path, tr("A conda dependency is a package spec or a {pip: [...]} list."));
        }
    }
    return env;
}

DocNode CondaEnvWriter::write(const CondaEnv &value, const CondaEnv &baseValue, const DocNode &base)
{
    DocNode root = DocMerge::mapFrom(&base);
    if (value.name != baseValue.name)
        DocMerge::put(root, QStringLiteral("name"), !value.name.isEmpty(), DocNode::makeString(value.name));
    if (value.channels != baseValue.channels) {
        const QString key = QStringLiteral("channels");
        DocMerge::putAfter(root, {QStringLiteral("name")}, key, DocMerge::stringSeq(root.get(key), value.channels));
        if (value.channels.isEmpty())
            root.remove(key);
    }
    if (value.dependencies == baseValue.dependencies && value.pipDependencies == baseValue.pipDependencies)
        return root;
    const QString key = QStringLiteral("dependencies");
    const DocNode *baseDeps = root.get(key);
    DocNode scalars = DocNode::makeSeq();
    DocNode others = DocNode::makeSeq();
    const DocNode *basePip = nullptr;
    if (baseDeps && baseDeps->isSeq()) {
        for (const DocNode &item : baseDeps->values) {
            if (item.isScalar())
                scalars.values.push_back(item);
            else if (isPipItem(item) && !basePip)
                basePip = &item;
            else
                others.values.push_back(item);
        }
    }
    DocNode deps = baseDeps && baseDeps->isSeq() ? DocMerge::emptied(*baseDeps) : DocNode::makeSeq();
    deps.values = DocMerge::stringSeq(&scalars, value.dependencies).values;
    if (!value.pipDependencies.isEmpty()) {
        DocNode pip = basePip ? *basePip : DocNode::makeMap();
        const DocNode *pipList = pip.get(QStringLiteral("pip"));
        pip.set(QStringLiteral("pip"), DocMerge::stringSeq(pipList, value.pipDependencies));
        deps.values.push_back(pip);
    }
    for (const DocNode &other : others.values)
        deps.values.push_back(other);
    DocMerge::putAfter(root, {QStringLiteral("channels"), QStringLiteral("name")}, key, deps);
    if (deps.values.empty())
        root.remove(key);
    return root;
}

} // namespace mltf::project
