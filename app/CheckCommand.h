#pragma once

#include <QString>

class QIODevice;

namespace mltf::app {

// `mltf-desktop check <project-dir>`: every diagnostic as `file:line:column: severity: message`.
class CheckCommand
{
public:
    // Returns 1 when an error was found, 0 otherwise (2 when the folder cannot be read).
    static int run(const QString &projectDir, const QString &target, QIODevice *out);
};

} // namespace mltf::app
