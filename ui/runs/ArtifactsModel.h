#pragma once

#include "tracking/FileInfo.h"
#include "tracking/Store.h"
#include "util/Error.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace mltf::ui {

// The artifacts of one run as a tree (Name, Size), listed lazily: a directory is listed when a view first
// expands it (canFetchMore/fetchMore), one Store::listArtifacts call per directory.
class ArtifactsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1, IsDirRole, SizeRole };

    explicit ArtifactsModel(QObject *parent = nullptr);
    ~ArtifactsModel() override;

    // Clears the tree and lists the root of `runId` (nothing for an empty id or no store).
    void setRun(std::shared_ptr<tracking::Store> store, const QString &runId);
    QString runId() const { return m_runId; }
    // Lists the root again (and forgets the directories listed so far).
    void reload();
    // Lists again the directory `index` (invalid: the root) after its listing failed.
    void retry(const QModelIndex &index = {});

    bool isLoading() const { return m_loading > 0; }
    // The root's listing state: true once it arrived, with rootUri() and rowCount().
    bool isRootListed() const;
    QString rootUri() const { return m_rootUri; }
    // The last listing error (empty message when none).
    const Error &lastError() const { return m_lastError; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // A listing started or finished (also with an error: lastError()).
    void loadingChanged(bool loading);
    void listingFailed(const mltf::Error &error);

private:
    struct Node
    {
        enum class State { NotListed, Listing, Listed, Failed };
        tracking::FileInfo info;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        State state = State::NotListed;
        int row = 0;
    };

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node, int column = 0) const;
    void list(Node *directory);
    void onListed(Node *directory, const Result<tracking::ArtifactListing> &result);

    std::shared_ptr<tracking::Store> m_store;
    QString m_runId;
    QString m_rootUri;
    std::unique_ptr<Node> m_root;
    int m_loading = 0;
    Error m_lastError;
    quint64 m_generation = 0;
};

} // namespace mltf::ui
