#include "runs/ArtifactsModel.h"

#include "artifacts/ArtifactKind.h"
#include "runs/AsyncResult.h"
#include "runs/RunFormat.h"

#include <QLocale>

#include <algorithm>

namespace mltf::ui {

ArtifactsModel::ArtifactsModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->info.isDir = true;
}

ArtifactsModel::~ArtifactsModel() = default;

void ArtifactsModel::setRun(std::shared_ptr<tracking::Store> store, const QString &runId)
{
    m_store = std::move(store);
    m_runId = runId;
    reload();
}

void ArtifactsModel::reload()
{
    ++m_generation; // drops the answers still on their way
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_root->info.isDir = true;
    m_rootUri.clear();
    m_lastError = Error();
    endResetModel();
    if (m_loading > 0) {
        m_loading = 0;
        emit loadingChanged(false);
    }
    // A view (or a model tester) may have asked for the root already while reacting to the reset.
    if (m_store && !m_runId.isEmpty() && m_root->state == Node::State::NotListed)
        list(m_root.get());
}

void ArtifactsModel::retry(const QModelIndex &index)
{
    Node *node = index.isValid() ? nodeOf(index) : m_root.get();
    if (node && node->info.isDir && node->state == Node::State::Failed)
        list(node);
}

bool ArtifactsModel::isRootListed() const
{
    return m_root->state == Node::State::Listed;
}

void ArtifactsModel::list(Node *directory)
{
    directory->state = Node::State::Listing;
    const quint64 generation = m_generation;
    if (m_loading++ == 0)
        emit loadingChanged(true);
    AsyncResult::watch(m_store->listArtifacts(m_runId, directory->info.path), this,
                       [this, generation, directory](const Result<tracking::ArtifactListing> &result) {
                           if (generation != m_generation)
                               return; // `directory` belonged to a tree that was cleared
                           onListed(directory, result);
                       });
}

void ArtifactsModel::onListed(Node *directory, const Result<tracking::ArtifactListing> &result)
{
    if (!result) {
        directory->state = Node::State::Failed;
        m_lastError = result.error();
        emit listingFailed(m_lastError);
        // The directory now shows no expander; a retry brings it back.
        if (directory != m_root.get())
            emit dataChanged(indexOf(directory), indexOf(directory, 1));
    } else {
        if (directory == m_root.get())
            m_rootUri = result.value().rootUri;
        QList<tracking::FileInfo> files = result.value().files;
        // Folders first, then by name, as file managers do.
        std::stable_sort(files.begin(), files.end(),
                         [](const tracking::FileInfo &a, const tracking::FileInfo &b) {
                             if (a.isDir != b.isDir)
                                 return a.isDir;
                             return a.name().compare(b.name(), Qt::CaseInsensitive) < 0;
                         });
        directory->state = Node::State::Listed;
        if (!files.isEmpty()) {
            beginInsertRows(indexOf(directory), 0, files.size() - 1);
            for (const tracking::FileInfo &info : std::as_const(files)) {
                auto node = std::make_unique<Node>();
                node->info = info;
                node->parent = directory;
                node->row = int(directory->children.size());
                directory->children.push_back(std::move(node));
            }
            endInsertRows();
        } else if (directory != m_root.get()) {
            emit dataChanged(indexOf(directory), indexOf(directory, 1)); // an empty folder loses its expander
        }
    }
    if (--m_loading == 0)
        emit loadingChanged(false);
}

ArtifactsModel::Node *ArtifactsModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ArtifactsModel::indexOf(Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

QModelIndex ArtifactsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeOf(parent);
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex ArtifactsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int ArtifactsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int ArtifactsModel::columnCount(const QModelIndex &) const
{
    return 2;
}

bool ArtifactsModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    if (!node->info.isDir)
        return false;
    // A folder not listed yet may have children: show an expander until it is listed.
    if (node->state == Node::State::NotListed || node->state == Node::State::Listing)
        return true;
    return !node->children.empty();
}

QVariant ArtifactsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    const tracking::FileInfo &info = node->info;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == 0)
            return info.name();
        return info.isDir ? QVariant() : RunFormat::dataSize(info.size);
    case Qt::DecorationRole:
        if (index.column() == 0)
            return ArtifactKind::icon(info);
        return {};
    case Qt::ToolTipRole:
        if (node->state == Node::State::Failed)
            return tr("Could not list this folder: %1").arg(m_lastError.message);
        if (!info.isDir && info.size >= 0)
            return tr("%1 (%2 bytes)").arg(info.path, QLocale().toString(info.size));
        return info.path;
    case Qt::TextAlignmentRole:
        if (index.column() == 1)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole:
        return info.path;
    case IsDirRole:
        return info.isDir;
    case SizeRole:
        return info.size;
    default:
        return {};
    }
}

QVariant ArtifactsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Name") : tr("Size");
}

bool ArtifactsModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    return m_store && !m_runId.isEmpty() && node->info.isDir && node->state == Node::State::NotListed;
}

void ArtifactsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        list(nodeOf(parent));
}

} // namespace mltf::ui
