#pragma once

#include <QByteArray>
#include <QVector>

namespace mltf::project {

// Turns byte offsets into 1-based line and column (columns count characters, not UTF-8 bytes).
class TextLocator
{
public:
    explicit TextLocator(const QByteArray &text);

    struct Position
    {
        int line = 0;
        int column = 0;
    };
    Position locate(int byteOffset) const;
    // Byte offset of the start of a 1-based line (text size when past the end).
    int lineStart(int line) const;

private:
    QByteArray m_text;
    QVector<int> m_lineStarts;
};

} // namespace mltf::project
