#pragma once

#include "util/Error.h"

#include <QString>

namespace mltf::tracking {

// Artifact paths come from the server (listings) and must never steer a download outside the folder the user
// chose: a path is accepted only when it is relative, uses '/' only, and has no "." or ".." component.
class ArtifactPath
{
public:
    // Relative, non-empty, no backslash, no drive letter ("C:"), no "." / ".." / empty components.
    static bool isSafe(const QString &path);
    // `destination`/`relative` when `relative` is safe and the cleaned result stays inside `destination`;
    // else an InvalidInput error naming the refused path.
    static Result<QString> localTarget(const QString &destination, const QString &relative);
    // The error for a refused path (one wording for every caller).
    static Error refused(const QString &path);
};

} // namespace mltf::tracking
