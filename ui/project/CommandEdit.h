#pragma once

#include <QPlainTextEdit>

class QCompleter;
class QStringListModel;

namespace mltf::ui {

// The command of an entry point: a small monospace editor that completes `{placeholder}` names from the
// declared parameters as soon as `{` is typed (or Ctrl+Space inside braces). Tab moves the focus on.
class CommandEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CommandEdit(QWidget *parent = nullptr);

    void setPlaceholders(const QStringList &names);
    QString command() const { return toPlainText(); }
    // Replaces the text without emitting commandEdited(); no-op when unchanged.
    void setCommand(const QString &command);
    QCompleter *completer() const { return m_completer; }

signals:
    void commandEdited(const QString &command);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    // The partial placeholder name just before the cursor ("lr" in "--lr {lr"); null when not in braces.
    QString placeholderPrefix() const;
    void insertCompletion(const QString &name);
    void updatePopup();

    QCompleter *m_completer;
    QStringListModel *m_model;
    bool m_updating = false;
};

} // namespace mltf::ui
