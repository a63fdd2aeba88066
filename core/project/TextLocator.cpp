#include "project/TextLocator.h"

#include <algorithm>

namespace mltf::project {

TextLocator::TextLocator(const QByteArray &text) : m_text(text)
{
    m_lineStarts.append(0);
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i) == '\n')
            m_lineStarts.append(i + 1);
    }
}

TextLocator::Position TextLocator::locate(int byteOffset) const
{
    byteOffset = std::clamp(byteOffset, 0, int(m_text.size()));
    const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), byteOffset);
    const int lineIndex = int(it - m_lineStarts.begin()) - 1;
    const int start = m_lineStarts.at(lineIndex);
    int column = 1;
    for (int i = start; i < byteOffset; ++i) {
        // Count characters: UTF-8 continuation bytes (10xxxxxx) do not start one.
        if ((static_cast<unsigned char>(m_text.at(i)) & 0xC0) != 0x80)
            ++column;
    }
    return {lineIndex + 1, column};
}

int TextLocator::lineStart(int line) const
{
    if (line < 1)
        return 0;
    return line <= m_lineStarts.size() ? m_lineStarts.at(line - 1) : int(m_text.size());
}

} // namespace mltf::project
