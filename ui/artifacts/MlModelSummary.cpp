#include "artifacts/MlModelSummary.h"

#include "runs/RunFormat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <yaml-cpp/yaml.h>

namespace mltf::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::ui::MlModelSummary", text);
}

QString scalar(const YAML::Node &node)
{
    if (!node || node.IsNull())
        return {};
    if (node.IsScalar())
        return QString::fromStdString(node.Scalar());
    return {};
}

// One signature column: {"name": "x", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1,
// 4]}} or {"name": "age", "type": "long"}.
QString column(const QJsonObject &o)
{
    QString type = o.value(QLatin1String("type")).toString();
    const QJsonObject spec = o.value(QLatin1String("tensor-spec")).toObject();
    if (!spec.isEmpty()) {
        QStringList dims;
        for (const QJsonValue &d : spec.value(QLatin1String("shape")).toArray())
            dims << QString::number(d.toInteger());
        type += QLatin1Char(' ') + spec.value(QLatin1String("dtype")).toString() + QStringLiteral(" (") +
                dims.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    const QString name = o.value(QLatin1String("name")).toString();
    if (o.value(QLatin1String("required")).isBool() && !o.value(QLatin1String("required")).toBool())
        type += tr(", optional");
    return name.isEmpty() ? type : name + QStringLiteral(": ") + type;
}

QStringList columns(const QString &json)
{
    QStringList out;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    for (const QJsonValue &v : doc.array())
        out << column(v.toObject());
    if (out.isEmpty() && !json.trimmed().isEmpty() && json != QLatin1String("null"))
        out << json.trimmed(); // a format this reader does not know: show it raw
    return out;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QStringList MlModelSummary::flavorNames() const
{
    QStringList names;
    for (const Flavor &f : flavors)
        names << f.name;
    return names;
}

Result<MlModelSummary> MlModelSummary::parse(const QByteArray &yaml)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        return Error::make(Error::Kind::Parse, tr("The MLmodel file is not valid YAML."),
                           QString::fromUtf8(e.what()));
    }
    if (!root.IsMap())
        return Error::make(Error::Kind::InvalidInput, tr("The MLmodel file is not a YAML mapping."));
    MlModelSummary s;
    try {
        const YAML::Node flavors = root["flavors"];
        if (flavors && flavors.IsMap()) {
            for (const auto &entry : flavors) {
                Flavor f;
                f.name = QString::fromStdString(entry.first.as<std::string>());
                if (entry.second.IsMap())
                    for (const auto &setting : entry.second)
                        if (setting.second.IsScalar())
                            f.details.append({QString::fromStdString(setting.first.as<std::string>()),
                                              scalar(setting.second)});
                s.flavors.append(f);
            }
        }
        const YAML::Node signature = root["signature"];
        if (signature && signature.IsMap()) {
            s.inputs = columns(scalar(signature["inputs"]));
            s.outputs = columns(scalar(signature["outputs"]));
        }
        bool ok = false;
        const qint64 size = scalar(root["model_size_bytes"]).toLongLong(&ok);
        s.sizeBytes = ok ? size : -1;
        s.mlflowVersion = scalar(root["mlflow_version"]);
        s.created = scalar(root["utc_time_created"]);
        s.runId = scalar(root["run_id"]);
        s.artifactPath = scalar(root["artifact_path"]);
    } catch (const YAML::Exception &e) {
        return Error::make(Error::Kind::Parse, tr("The MLmodel file has an unexpected shape."),
                           QString::fromUtf8(e.what()));
    }
    return s;
}

QString MlModelSummary::toHtml() const
{
    QString html;
    html += QStringLiteral("<h3 style='margin-bottom:2px'>%1</h3>")
                .arg(escaped(artifactPath.isEmpty() ? tr("MLflow model")
                                                    : tr("MLflow model “%1”").arg(artifactPath)));
    QStringList facts;
    if (sizeBytes >= 0)
        facts << tr("Size: <b>%1</b>").arg(RunFormat::dataSize(sizeBytes));
    if (!mlflowVersion.isEmpty())
        facts << tr("MLflow %1").arg(escaped(mlflowVersion));
    if (!created.isEmpty())
        facts << tr("created %1 UTC").arg(escaped(created.section(QLatin1Char('.'), 0, 0)));
    html += QStringLiteral("<p>%1</p>").arg(facts.join(QStringLiteral(" · ")));

    html += QStringLiteral("<h4 style='margin-bottom:2px'>%1</h4>").arg(tr("Flavors"));
    if (flavors.isEmpty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("none listed"));
    for (const Flavor &f : flavors) {
        html +=
            QStringLiteral("<p style='margin-bottom:0'><b>%1</b></p><table cellspacing='0' cellpadding='1' "
                           "style='margin-left:12px'>")
                .arg(escaped(f.name));
        for (const auto &[key, value] : f.details) {
            if (value.isEmpty() || value == QLatin1String("null"))
                continue;
            html +=
                QStringLiteral("<tr><td style='padding-right:10px;color:palette(placeholder-text)'>%1</td>"
                               "<td>%2</td></tr>")
                    .arg(escaped(key), escaped(value));
        }
        html += QStringLiteral("</table>");
    }

    html += QStringLiteral("<h4 style='margin-bottom:2px'>%1</h4>").arg(tr("Signature"));
    if (inputs.isEmpty() && outputs.isEmpty()) {
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("No signature was logged with this model."));
    } else {
        auto list = [](const QString &title, const QStringList &items) {
            QString out =
                QStringLiteral("<p style='margin-bottom:0'>%1</p><ul style='margin-top:0'>").arg(title);
            for (const QString &item : items)
                out += QStringLiteral("<li><code>%1</code></li>").arg(escaped(item));
            return out + QStringLiteral("</ul>");
        };
        html += list(tr("Inputs"), inputs) + list(tr("Outputs"), outputs);
    }
    if (!runId.isEmpty())
        html += QStringLiteral("<p style='color:palette(placeholder-text)'>%1</p>")
                    .arg(tr("Logged by run %1").arg(escaped(runId)));
    return html;
}

} // namespace mltf::ui
