#pragma once

#include <QString>
#include <QStringList>

namespace mltf::submit {

// Quoting for POSIX sh, as Python's shlex.quote (which MLflow uses for entry point parameters):
// a word of safe characters stays as it is, anything else is wrapped in single quotes.
class ShellQuote
{
public:
    static QString quote(const QString &word);
    static QString join(const QStringList &words);
    // A remote path for sh: "~/x y" becomes "$HOME"/'x y' so the home folder is still expanded.
    static QString path(const QString &path);
    // True when the text holds a newline, carriage return or another control character: such text could
    // start a new line (a new #SBATCH directive or command) in a script.
    static bool hasControlCharacters(const QString &text);
};

} // namespace mltf::submit
