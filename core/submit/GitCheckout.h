#pragma once

#include <QString>

namespace mltf::submit {

// The git facts MLflow records for a project run, read from the .git folder directly (no git binary needed):
// the commit checked out and the URL of the "origin" remote (else the first remote).
struct GitCheckout
{
    bool isGit = false;
    QString commit;    // 40 hex digits, empty when HEAD cannot be resolved
    QString branch;    // empty when detached
    QString remoteUrl; // empty when there is no remote

    // Looks at `projectDir` and its parents (the project may be a sub-folder of the repository).
    static GitCheckout inspect(const QString &projectDir);
};

} // namespace mltf::submit
