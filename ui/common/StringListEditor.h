#pragma once

#include <QStringList>
#include <QWidget>

#include <functional>

class QListWidget;
class QListWidgetItem;
class QToolButton;

namespace mltf::ui {

// An editable list of strings (dependencies, modules, volumes ...): items edited in place (F2 / double-click),
// Insert adds, Delete removes, Ctrl+Up/Down moves. Emits edited() with the whole list after each user change.
class StringListEditor : public QWidget
{
    Q_OBJECT
public:
    explicit StringListEditor(QWidget *parent = nullptr);

    QStringList items() const;
    // Shows `items` without emitting edited(); keeps the current row when the list is unchanged.
    void setItems(const QStringList &items);
    // Text shown for a new item before the user types ("package==1.0").
    void setPlaceholder(const QString &text) { m_placeholder = text; }
    // Returns an error message for an unacceptable item, empty when fine; invalid items are marked.
    void setItemValidator(std::function<QString(const QString &)> validator);
    QListWidget *listWidget() const { return m_list; }

public slots:
    void addItem();
    void removeCurrent();
    void moveCurrent(int delta);

signals:
    void edited(const QStringList &items);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void markItem(QListWidgetItem *item);
    void emitEdited();

    QListWidget *m_list;
    QToolButton *m_add;
    QToolButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
    QString m_placeholder;
    std::function<QString(const QString &)> m_validator;
    bool m_updating = false;
};

} // namespace mltf::ui
