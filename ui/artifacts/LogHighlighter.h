#pragma once

#include <QSyntaxHighlighter>

namespace mltf::ui {

// Log files: ERROR/CRITICAL/Traceback lines in the error colour, WARNING in amber, timestamps and levels
// like INFO/DEBUG dimmed, so problems stand out in long training logs.
class LogHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit LogHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace mltf::ui
