#pragma once

#include <QPlainTextEdit>

namespace mltf::ui {

// A read-only text view for generated files and previews: monospace, no wrapping, line numbers in a gutter,
// and a way to point at a line (diagnostics jump there).
class CodeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeView(QWidget *parent = nullptr);

    // Replaces the text only when it differs, keeping the scroll position (live previews update often).
    void setTextKeepingView(const QString &text);
    // Moves the cursor to `line` (1-based), scrolls it into view and marks it.
    void showLine(int line);
    // The line marked by showLine(), 0 when none.
    int markedLine() const { return m_markedLine; }

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateGutter(const QRect &rect, int dy);
    void updateMarkedLine();

    QWidget *m_gutter;
    int m_markedLine = 0;
};

} // namespace mltf::ui
