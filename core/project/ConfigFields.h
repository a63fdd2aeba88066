#pragma once

#include "project/DocMerge.h"
#include "project/DocNode.h"
#include "project/ReadContext.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace mltf::project {

// The JSON resource configurations are flat objects; each known key maps to one member of the value type.
// One table per file drives both reading and writing, so the two cannot drift apart.
template <typename T>
struct ConfigField
{
    enum class Kind {
        Text,   // a string
        Number, // an int written as a JSON number when new, kept as written otherwise ("ntasks": "1")
        Flag,   // a JSON boolean
        List,   // a list of strings
    };
    const char *key;
    Kind kind;
    QString T::*text = nullptr;
    std::optional<bool> T::*flag = nullptr;
    QStringList T::*list = nullptr;
};

class ConfigFieldsText
{
    Q_DECLARE_TR_FUNCTIONS(ConfigFields)
};

template <typename T>
class ConfigFields
{
public:
    using Field = ConfigField<T>;
    using Kind = typename Field::Kind;

    explicit ConfigFields(QList<Field> fields) : m_fields(std::move(fields)) {}

    const QList<Field> &fields() const { return m_fields; }

    const Field *field(const QString &key) const
    {
        for (const Field &f : m_fields) {
            if (key == QLatin1String(f.key))
                return &f;
        }
        return nullptr;
    }

    // Reads the known keys; returns false when the root is not an object. Unknown keys are left to the caller.
    bool read(const DocNode &root, T &value, ReadContext &context) const
    {
        if (!context.requireMap(root, ConfigFieldsText::tr("The file is empty: a JSON object {...} is expected.")))
            return false;
        for (int i = 0; i < root.size(); ++i) {
            const QString key = root.keyAt(i);
            const Field *f = field(key);
            if (!f)
                continue;
            const DocNode &node = root.values[size_t(i)];
            switch (f->kind) {
            case Kind::Text:
            case Kind::Number:
                if (node.isScalar() && node.valueType() == DocNode::ValueType::Bool) {
                    context.error(&node, key, ConfigFieldsText::tr("\"%1\" must be a value, not true/false.").arg(key));
                    break;
                }
                value.*(f->text) = context.scalarText(node, key);
                break;
            case Kind::Flag:
                if (node.isNull())
                    break;
                if (node.isScalar() && node.valueType() == DocNode::ValueType::Bool) {
                    value.*(f->flag) = node.scalar == QLatin1String("true");
                } else {
                    context.error(&node, key,
                                  ConfigFieldsText::tr("\"%1\" must be true or false without quotes (a quoted "
                                                       "\"false\" is a non-empty string, which reads as true).")
                                      .arg(key));
                }
                break;
            case Kind::List:
                value.*(f->list) = context.stringList(node, key, false);
                break;
            }
        }
        return true;
    }

    // Writes the changed fields into the base object: unchanged keys keep their nodes, emptied fields are
    // removed, new keys are appended in table order.
    DocNode write(const T &value, const T &baseValue, const DocNode &base) const
    {
        DocNode root = DocMerge::mapFrom(&base);
        for (const Field &f : m_fields) {
            const QString key = QLatin1String(f.key);
            const DocNode *old = root.get(key);
            switch (f.kind) {
            case Kind::Text:
            case Kind::Number:
                if (value.*(f.text) != baseValue.*(f.text) || (!old && !(value.*(f.text)).isEmpty()))
                    DocMerge::put(root, key, !(value.*(f.text)).isEmpty(), scalarNode(f, value.*(f.text), old));
                break;
            case Kind::Flag:
                if (value.*(f.flag) != baseValue.*(f.flag) || (!old && value.*(f.flag))) {
                    const std::optional<bool> flag = value.*(f.flag);
                    DocMerge::put(root, key, flag.has_value(),
                                  DocNode::makeScalar(flag.value_or(false) ? QStringLiteral("true")
                                                                           : QStringLiteral("false")));
                }
                break;
            case Kind::List:
                if (value.*(f.list) != baseValue.*(f.list) || (!old && !(value.*(f.list)).isEmpty()))
                    DocMerge::put(root, key, !(value.*(f.list)).isEmpty(),
                                  DocMerge::stringSeq(old, value.*(f.list), true));
                break;
            }
        }
        return root;
    }

private:
    // Keeps the JSON type the file used for this key; a new Number key is a number when it is an integer.
    static DocNode scalarNode(const Field &f, const QString &text, const DocNode *old)
    {
        bool isInt = false;
        text.toLongLong(&isInt);
        const bool wasString = old && old->isScalar() && old->isString();
        const bool wasNumber = old && old->isScalar() && !old->isString();
        const bool asNumber = isInt && !wasString && (wasNumber || f.kind == Kind::Number);
        return asNumber ? DocNode::makeScalar(text) : DocNode::makeScalar(text, DocNode::Style::DoubleQuoted);
    }

    QList<Field> m_fields;
};

} // namespace mltf::project
