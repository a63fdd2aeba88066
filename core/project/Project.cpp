#include "project/Project.h"

#include "project/CondaEnvReader.h"
#include "project/DocPatcher.h"
#include "project/GatewayConfigReader.h"
#include "project/JsonDocumentParser.h"
#include "project/JsonWriter.h"
#include "project/MLProjectReader.h"
#include "project/MLProjectWriter.h"
#include "project/ProjectTemplates.h"
#include "project/ProjectValidator.h"
#include "project/PythonEnvReader.h"
#include "project/SlurmConfigReader.h"
#include "project/TextLocator.h"
#include "project/YamlDocumentParser.h"
#include "project/YamlEmitter.h"
#include "project/YamlScalar.h"
#include "util/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace mltf::project {

namespace {

constexpr qint64 maxFileSize = 8 * 1024 * 1024; // project files are small; refuse to slurp something else

// What the model knows about one file besides its value.
struct FileState
{
    bool present = false; // on disk, or created in memory
    bool onDisk = false;  // existed when last loaded or saved
    QString relativePath;
    QByteArray diskBytes; // as last loaded or saved
    QByteArray baseText;  // what values are diffed against: diskBytes, or diskBytes after a fix
    ParsedDocument baseDoc;
};

template <typename T>
struct Slot : FileState
{
    T baseValue;
    T value;
};

// Per value type: its file kind, reader and writer.
template <typename T>
struct Codec;

template <>
struct Codec<MLProject>
{
    static MLProject read(const DocNode &root, ReadContext &c) { return MLProjectReader::read(root, c); }
    static DocNode write(const MLProject &v, const MLProject &b, const DocNode &n)
    {
        return MLProjectWriter::write(v, b, n);
    }
};

template <>
struct Codec<PythonEnv>
{
    static PythonEnv read(const DocNode &root, ReadContext &c) { return PythonEnvReader::read(root, c); }
    static DocNode write(const PythonEnv &v, const PythonEnv &b, const DocNode &n)
    {
        return PythonEnvWriter::write(v, b, n);
    }
};

template <>
struct Codec<CondaEnv>
{
    static CondaEnv read(const DocNode &root, ReadContext &c) { return CondaEnvReader::read(root, c); }
    static DocNode write(const CondaEnv &v, const CondaEnv &b, const DocNode &n)
    {
        return CondaEnvWriter::write(v, b, n);
    }
};

template <>
struct Codec<SlurmConfig>
{
    static SlurmConfig read(const DocNode &root, ReadContext &c) { return SlurmConfigReader::read(root, c); }
    static DocNode write(const SlurmConfig &v, const SlurmConfig &b, const DocNode &n)
    {
        return SlurmConfigReader::write(v, b, n);
    }
};

template <>
struct Codec<GatewayConfig>
{
    static GatewayConfig read(const DocNode &root, ReadContext &c) { return GatewayConfigReader::read(root, c); }
    static DocNode write(const GatewayConfig &v, const GatewayConfig &b, const DocNode &n)
    {
        return GatewayConfigReader::write(v, b, n);
    }
};

ParsedDocument parseText(ProjectFileKind kind, const QByteArray &text)
{
    return isJsonFile(kind) ? JsonDocumentParser::parse(text) : YamlDocumentParser::parse(text);
}

QByteArray emitTree(ProjectFileKind kind, const DocNode &root)
{
    return isJsonFile(kind) ? JsonWriter::write(root) : YamlEmitter::write(root);
}

DocPatcher::Format formatOf(ProjectFileKind kind)
{
    return isJsonFile(kind) ? DocPatcher::Format::Json : DocPatcher::Format::Yaml;
}

Diagnostic ioDiagnostic(const QString &file, const QString &message)
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.file = file;
    d.message = message;
    return d;
}

// Makes `text` the base of the slot: parsed, and read into baseValue.
template <typename T>
void rebase(Slot<T> &slot, ProjectFileKind kind, const QByteArray &text)
{
    slot.baseText = text;
    slot.baseDoc = parseText(kind, text);
    ReadContext context;
    slot.baseValue = slot.baseDoc.ok ? Codec<T>::read(slot.baseDoc.root, context) : T();
}

template <typename T>
void loadSlot(Slot<T> &slot, ProjectFileKind kind, const QString &dir, const QString &relativePath)
{
    slot = Slot<T>();
    slot.relativePath = relativePath;
    QFile file(QDir(dir).filePath(relativePath));
    if (!file.exists())
        return;
    slot.present = true;
    slot.onDisk = true;
    QString problem;
    if (file.size() > maxFileSize)
        problem = Project::tr("%1 is too large for a project file (over 8 MB).").arg(relativePath);
    else if (!file.open(QIODevice::ReadOnly))
        problem = Project::tr("%1 cannot be read: %2").arg(relativePath, file.errorString());
    if (!problem.isEmpty()) {
        qCWarning(lcProject) << "cannot read" << file.fileName() << file.errorString();
        slot.baseDoc.ok = false;
        slot.baseDoc.diagnostics.append(ioDiagnostic(QString(), problem));
        return;
    }
    slot.diskBytes = file.readAll();
    rebase(slot, kind, slot.diskBytes);
    slot.value = slot.baseValue;
}

struct Rendering
{
    QByteArray text;
    bool reemitted = false; // written from the tree: comments and layout of the original are gone
};

template <typename T>
Rendering render(const Slot<T> &slot, ProjectFileKind kind)
{
    if (!slot.present || (slot.onDisk && !slot.baseDoc.ok))
        return {slot.baseText, false};
    const bool isNew = !slot.onDisk && slot.baseText.isEmpty();
    if (!isNew && slot.value == slot.baseValue)
        return {slot.baseText, false};
    const DocNode tree = Codec<T>::write(slot.value, slot.baseValue, slot.baseDoc.root);
    if (!isNew) {
        if (std::optional<QList<DocPatcher::Edit>> edits =
                DocPatcher::diff(slot.baseText, slot.baseDoc.root, tree, formatOf(kind))) {
            // A lenient JSON read: the trailing commas go with the first change.
            for (int comma : slot.baseDoc.trailingCommas)
                edits->append({comma, comma + 1, QByteArray()});
            return {DocPatcher::apply(slot.baseText, *edits), false};
        }
    }
    return {emitTree(kind, tree), true};
}

template <typename T>
bool isDirtySlot(const Slot<T> &slot)
{
    if (!slot.present)
        return false;
    return !slot.onDisk || slot.baseText != slot.diskBytes || slot.value != slot.baseValue;
}

template <typename T>
void forget(Slot<T> &slot)
{
    const QString path = slot.relativePath;
    slot = Slot<T>();
    slot.relativePath = path;
}

int kindOrder(const QString &file, const Project &project)
{
    const QList<ProjectFileKind> kinds = allProjectFileKinds();
    for (int i = 0; i < kinds.size(); ++i) {
        if (project.fileName(kinds.at(i)) == file)
            return i + 1;
    }
    return 0;
}

} // namespace

class ProjectData : public QSharedData
{
public:
    QString dir;
    bool folderReadable = false;
    Diagnostics loadDiagnostics;
    Slot<MLProject> ml;
    Slot<PythonEnv> python;
    Slot<CondaEnv> conda;
    Slot<SlurmConfig> slurm;
    Slot<GatewayConfig> gateway;
    QMap<QString, QByteArray> pendingFiles;

    template <typename F>
    decltype(auto) visit(ProjectFileKind kind, F &&f)
    {
        switch (kind) {
        case ProjectFileKind::PythonEnv:
            return f(python);
        case ProjectFileKind::CondaEnv:
            return f(conda);
        case ProjectFileKind::SlurmConfig:
            return f(slurm);
        case ProjectFileKind::GatewayConfig:
            return f(gateway);
        case ProjectFileKind::MLproject:
            break;
        }
        return f(ml);
    }

    template <typename F>
    decltype(auto) visit(ProjectFileKind kind, F &&f) const
    {
        return const_cast<ProjectData *>(this)->visit(kind,
                                                      [&](const auto &slot) -> decltype(auto) { return f(slot); });
    }

    const FileState &state(ProjectFileKind kind) const
    {
        return visit(kind, [](const auto &slot) -> const FileState & { return slot; });
    }

    // The env file a kind lives in: the MLproject's python_env/conda_env when it names one of that kind.
    QString envPath(ProjectFileKind kind) const
    {
        const MLProject &v = ml.value;
        if (kind == ProjectFileKind::PythonEnv && v.envKind == MLProject::EnvKind::Python && !v.envFile.isEmpty())
            return v.envFile;
        if (kind == ProjectFileKind::CondaEnv && v.envKind == MLProject::EnvKind::Conda && !v.envFile.isEmpty())
            return v.envFile;
        return defaultFileName(kind);
    }

    // After the MLproject changed its env file name: follow it (read the file there, or carry the value over).
    template <typename T>
    void followEnvPath(Slot<T> &slot, ProjectFileKind kind)
    {
        const QString wanted = envPath(kind);
        if (wanted == slot.relativePath)
            return;
        if (QFileInfo::exists(QDir(dir).filePath(wanted))) {
            loadSlot(slot, kind, dir, wanted);
            return;
        }
        const bool present = slot.present;
        const T value = slot.value;
        slot = Slot<T>();
        slot.relativePath = wanted;
        slot.present = present;
        slot.value = value;
    }

    void followEnvPaths()
    {
        followEnvPath(python, ProjectFileKind::PythonEnv);
        followEnvPath(conda, ProjectFileKind::CondaEnv);
    }
};

Project::Project() : d(new ProjectData) {}
Project::Project(const Project &other) = default;
Project &Project::operator=(const Project &other) = default;
Project::~Project() = default;

Project Project::load(const QString &dir)
{
    Project p;
    ProjectData &data = *p.d;
    data.dir = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    const QFileInfo info(data.dir);
    if (!info.exists() || !info.isDir() || !info.isReadable() || !info.isExecutable()) {
        data.loadDiagnostics.append(
            ioDiagnostic(QString(), tr("The folder %1 does not exist or cannot be read.").arg(QDir::toNativeSeparators(dir))));
        return p;
    }
    data.folderReadable = true;

    // MLflow matches the file name case-insensitively (MLproject, MLProject, mlproject).
    const QStringList files = QDir(data.dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    QStringList candidates;
    for (const QString &f : files) {
        if (f.compare(QLatin1String("MLproject"), Qt::CaseInsensitive) == 0)
            candidates << f;
    }
    QString mlName = defaultFileName(ProjectFileKind::MLproject);
    if (!candidates.isEmpty() && !candidates.contains(mlName))
        mlName = candidates.first();
    if (candidates.size() > 1) {
        Diagnostic d = ioDiagnostic(mlName, tr("Several MLproject files differ only in case (%1): %2 is used.")
                                                .arg(candidates.join(QLatin1String(", ")), mlName));
        d.severity = Diagnostic::Severity::Warning;
        data.loadDiagnostics.append(d);
    }
    loadSlot(data.ml, ProjectFileKind::MLproject, data.dir, mlName);
    loadSlot(data.python, ProjectFileKind::PythonEnv, data.dir, data.envPath(ProjectFileKind::PythonEnv));
    loadSlot(data.conda, ProjectFileKind::CondaEnv, data.dir, data.envPath(ProjectFileKind::CondaEnv));
    loadSlot(data.slurm, ProjectFileKind::SlurmConfig, data.dir, defaultFileName(ProjectFileKind::SlurmConfig));
    loadSlot(data.gateway, ProjectFileKind::GatewayConfig, data.dir, defaultFileName(ProjectFileKind::GatewayConfig));
    return p;
}

Project Project::fromTemplate(Template t, const QString &dir, const QString &name)
{
    Project p;
    ProjectData &data = *p.d;
    data.dir = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    data.folderReadable = true;
    const ProjectTemplateContent content = ProjectTemplates::make(t, name);
    for (ProjectFileKind kind : allProjectFileKinds())
        data.visit(kind, [&](auto &slot) { slot.relativePath = defaultFileName(kind); });
    p.setMlProject(content.mlProject);
    p.setPythonEnv(content.pythonEnv);
    if (content.slurmConfig)
        p.setSlurmConfig(*content.slurmConfig);
    if (content.gatewayConfig)
        p.setGatewayConfig(*content.gatewayConfig);
    data.pendingFiles = content.extraFiles;
    return p;
}

QString Project::targetName(Target target)
{
    switch (target) {
    case Target::Local:
        return QStringLiteral("local");
    case Target::Slurm:
        return QStringLiteral("slurm");
    case Target::Gateway:
        return QStringLiteral("gateway");
    }
    return {};
}

std::optional<Project::Target> Project::targetFromName(const QString &name)
{
    for (Target t : {Target::Local, Target::Slurm, Target::Gateway}) {
        if (targetName(t) == name.trimmed().toLower())
            return t;
    }
    return std::nullopt;
}

QString Project::dir() const
{
    return d->dir;
}

bool Project::isFolderReadable() const
{
    return d->folderReadable;
}

MLProject Project::mlProject() const
{
    return d->ml.value;
}

void Project::setMlProject(const MLProject &value)
{
    d->ml.value = value;
    d->ml.present = true;
    d->followEnvPaths();
}

PythonEnv Project::pythonEnv() const
{
    return d->python.value;
}

void Project::setPythonEnv(const PythonEnv &value)
{
    d->python.value = value;
    d->python.present = true;
}

CondaEnv Project::condaEnv() const
{
    return d->conda.value;
}

void Project::setCondaEnv(const CondaEnv &value)
{
    d->conda.value = value;
    d->conda.present = true;
}

SlurmConfig Project::slurmConfig() const
{
    return d->slurm.value;
}

void Project::setSlurmConfig(const SlurmConfig &value)
{
    d->slurm.value = value;
    d->slurm.present = true;
}

GatewayConfig Project::gatewayConfig() const
{
    return d->gateway.value;
}

void Project::setGatewayConfig(const GatewayConfig &value)
{
    d->gateway.value = value;
    d->gateway.present = true;
}

bool Project::hasFile(ProjectFileKind kind) const
{
    return d->state(kind).present;
}

QString Project::filePath(ProjectFileKind kind) const
{
    return QDir::cleanPath(QDir(d->dir).filePath(fileName(kind)));
}

QString Project::fileName(ProjectFileKind kind) const
{
    const QString name = d->state(kind).relativePath;
    return name.isEmpty() ? defaultFileName(kind) : name;
}

std::optional<ProjectFileKind> Project::activeEnvFile() const
{
    switch (d->ml.value.envKind) {
    case MLProject::EnvKind::Python:
        return ProjectFileKind::PythonEnv;
    case MLProject::EnvKind::Conda:
        return ProjectFileKind::CondaEnv;
    case MLProject::EnvKind::Docker:
        return std::nullopt;
    case MLProject::EnvKind::None:
        break;
    }
    if (hasFile(ProjectFileKind::PythonEnv))
        return ProjectFileKind::PythonEnv;
    if (hasFile(ProjectFileKind::CondaEnv))
        return ProjectFileKind::CondaEnv;
    return std::nullopt;
}

QByteArray Project::renderedText(ProjectFileKind kind) const
{
    return d->visit(kind, [kind](const auto &slot) { return render(slot, kind).text; });
}

QByteArray Project::originalText(ProjectFileKind kind) const
{
    return d->state(kind).diskBytes;
}

bool Project::isDirty(ProjectFileKind kind) const
{
    return d->visit(kind, [](const auto &slot) { return isDirtySlot(slot); });
}

bool Project::isAnyDirty() const
{
    const QList<ProjectFileKind> kinds = allProjectFileKinds();
    return std::any_of(kinds.begin(), kinds.end(), [this](ProjectFileKind k) { return isDirty(k); });
}

bool Project::isParseable(ProjectFileKind kind) const
{
    const FileState &s = d->state(kind);
    return !s.onDisk || s.baseDoc.ok;
}

bool Project::saveLosesFormatting(ProjectFileKind kind) const
{
    return d->visit(kind, [kind](const auto &slot) {
        if (!slot.onDisk || !slot.baseDoc.ok)
            return false;
        // Re-emitting loses nothing when the original already is exactly what the emitter writes.
        return render(slot, kind).reemitted && emitTree(kind, slot.baseDoc.root) != slot.baseText;
    });
}

Status Project::save(ProjectFileKind kind)
{
    const QString name = fileName(kind);
    const QString path = filePath(kind);
    return d->visit(kind, [&](auto &slot) -> Status {
        if (!slot.present)
            return Error::make(Error::Kind::InvalidInput, tr("There is no %1 to save.").arg(name));
        if (slot.onDisk && !slot.baseDoc.ok) {
            return Error::make(Error::Kind::Parse,
                               tr("%1 could not be read, so it is not overwritten. Correct it in a text editor, "
                                  "then reload the project.")
                                   .arg(name));
        }
        if (!isDirtySlot(slot))
            return Done{};
        // Never overwrite what someone else wrote since we read it, nor a file we never read.
        QFile current(path);
        if (current.exists()) {
            const bool readable = current.open(QIODevice::ReadOnly);
            if (!slot.onDisk)
                return Error::make(Error::Kind::Io, tr("%1 already exists: open the project to edit it.").arg(name));
            if (!readable || current.readAll() != slot.diskBytes) {
                return Error::make(Error::Kind::Io,
                                   tr("%1 was changed by another program since it was opened. Reload the project "
                                      "before saving.")
                                       .arg(name));
            }
        }
        const QByteArray text = render(slot, kind).text;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
            return Error::make(Error::Kind::Io, tr("Could not save %1: %2").arg(name, file.errorString()),
                               path);
        }
        qCDebug(lcProject) << "saved" << path;
        slot.onDisk = true;
        slot.diskBytes = text;
        rebase(slot, kind, text);
        slot.value = slot.baseValue;
        return Done{};
    });
}

Status Project::saveAll()
{
    std::optional<Error> first;
    for (ProjectFileKind kind : allProjectFileKinds()) {
        if (!isDirty(kind))
            continue;
        const Status s = save(kind);
        if (!s.ok() && !first)
            first = s.error();
    }
    for (auto it = d->pendingFiles.begin(); it != d->pendingFiles.end();) {
        const QString path = QDir(d->dir).filePath(it.key());
        if (QFileInfo::exists(path)) {
            it = d->pendingFiles.erase(it);
            continue;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(it.value()) != it.value().size() || !file.commit()) {
            if (!first)
                first = Error::make(Error::Kind::Io, tr("Could not save %1: %2").arg(it.key(), file.errorString()));
            ++it;
            continue;
        }
        it = d->pendingFiles.erase(it);
    }
    if (first)
        return *first;
    return Done{};
}

void Project::revert(ProjectFileKind kind)
{
    d->visit(kind, [&](auto &slot) {
        if (!slot.onDisk) {
            forget(slot);
            return;
        }
        if (slot.baseDoc.ok || slot.baseText != slot.diskBytes)
            rebase(slot, kind, slot.diskBytes);
        slot.value = slot.baseValue;
    });
    if (kind == ProjectFileKind::MLproject)
        d->followEnvPaths();
}

void Project::reload()
{
    *this = load(d->dir);
}

QStringList Project::pendingNewFiles() const
{
    return d->pendingFiles.keys();
}

QList<Diagnostic> Project::diagnostics(Target target) const
{
    Diagnostics out = d->loadDiagnostics;
    if (!d->folderReadable)
        return out;
    QMap<ProjectFileKind, DocNode> roots;
    for (ProjectFileKind kind : allProjectFileKinds()) {
        if (!hasFile(kind))
            continue;
        Diagnostics found;
        d->visit(kind, [&](const auto &slot) {
            if (!isParseable(kind)) {
                found = slot.baseDoc.diagnostics;
                return;
            }
            using T = std::decay_t<decltype(slot.value)>;
            // Lines refer to what would be saved, which is what the preview shows.
            const ParsedDocument parsed = parseText(kind, render(slot, kind).text);
            found = parsed.diagnostics;
            if (!parsed.ok)
                return;
            roots.insert(kind, parsed.root);
            ReadContext context;
            Codec<T>::read(parsed.root, context);
            found += context.diagnostics;
        });
        for (Diagnostic &diag : found)
            diag.file = fileName(kind);
        out += found;
    }
    out += ProjectValidator(*this, roots, target).validate();
    std::stable_sort(out.begin(), out.end(), [this](const Diagnostic &a, const Diagnostic &b) {
        const int ka = kindOrder(a.file, *this);
        const int kb = kindOrder(b.file, *this);
        if (ka != kb)
            return ka < kb;
        return a.line < b.line;
    });
    return out;
}

Status Project::applyFix(const Diagnostic &diagnostic)
{
    std::optional<ProjectFileKind> kind;
    for (ProjectFileKind k : allProjectFileKinds()) {
        if (hasFile(k) && fileName(k) == diagnostic.file)
            kind = k;
    }
    const Error cannot = Error::make(Error::Kind::Unsupported,
                                     tr("This problem has no automatic fix any more: %1").arg(diagnostic.message));
    if (!kind || diagnostic.fixId.isEmpty())
        return cannot;

    return d->visit(*kind, [&](auto &slot) -> Status {
        using T = std::decay_t<decltype(slot.value)>;
        const QByteArray &text = slot.baseText;
        const TextLocator locator(text);
        // Byte offset of the diagnostic's line and column (columns count characters).
        auto offsetOf = [&](int line, int column) {
            int offset = locator.lineStart(line);
            for (int c = 1; c < column && offset < text.size(); ++c) {
                ++offset;
                while (offset < text.size() && (static_cast<unsigned char>(text.at(offset)) & 0xC0) == 0x80)
                    ++offset;
            }
            return offset;
        };
        QList<DocPatcher::Edit> edits;
        const QString fix = diagnostic.fixId;
        if (fix == JsonDocumentParser::trailingCommaFix) {
            const int at = offsetOf(diagnostic.line, diagnostic.column);
            for (int comma : slot.baseDoc.trailingCommas) {
                if (comma == at || diagnostic.line == 0)
                    edits.append({comma, comma + 1, QByteArray()});
            }
            if (edits.isEmpty()) {
                for (int comma : slot.baseDoc.trailingCommas)
                    edits.append({comma, comma + 1, QByteArray()});
            }
        } else if (fix == PythonEnvReader::quoteVersionFix && slot.baseDoc.ok) {
            const DocNode *python = slot.baseDoc.root.isMap() ? slot.baseDoc.root.get(QStringLiteral("python")) : nullptr;
            if (python && python->isScalar() && python->start >= 0 && python->end >= 0)
                edits.append({python->start, python->end, YamlScalar::doubleQuoted(python->scalar).toUtf8()});
        } else if (fix == MLProjectReader::missingColonFix && slot.baseDoc.ok) {
            // "type path" -> "type: path" at the key the diagnostic points to.
            const int at = offsetOf(diagnostic.line, diagnostic.column);
            static const QRegularExpression missingColon(QStringLiteral("^type(\\s+)\\S"));
            const QRegularExpressionMatch m = missingColon.match(QString::fromUtf8(text.mid(at, 64)));
            if (m.hasMatch())
                edits.append({at + 4, at + 4 + int(m.capturedLength(1)), QByteArrayLiteral(": ")});
        } else if (fix == GatewayConfigReader::removeSecretsFix && slot.baseDoc.ok) {
            DocNode without = slot.baseDoc.root;
            without.remove(QStringLiteral("url"));
            without.remove(QStringLiteral("auth_token"));
            if (auto diff = DocPatcher::diff(text, slot.baseDoc.root, without, formatOf(*kind)))
                edits = *diff;
        }
        if (edits.isEmpty())
            return cannot;
        const T oldBase = slot.baseValue;
        const bool wasClean = slot.value == oldBase;
        rebase(slot, *kind, DocPatcher::apply(text, edits));
        if (wasClean || !slot.baseDoc.ok)
            slot.value = slot.baseValue;
        if constexpr (std::is_same_v<T, MLProject>) {
            // Keep an edited project consistent with the repaired parameter types.
            if (!wasClean) {
                for (EntryPoint &entry : slot.value.entryPoints) {
                    const EntryPoint *fixed = slot.baseValue.entryPoint(entry.name);
                    const EntryPoint *before = oldBase.entryPoint(entry.name);
                    for (Parameter &p : entry.parameters) {
                        for (int i = 0; fixed && before && i < fixed->parameters.size(); ++i) {
                            if (fixed->parameters.at(i).name == p.name && i < before->parameters.size() &&
                                before->parameters.at(i).type == p.type)
                                p.type = fixed->parameters.at(i).type;
                        }
                    }
                }
            }
        }
        return Done{};
    });
}

} // namespace mltf::project
