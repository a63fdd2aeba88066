#include "common/StringListEditor.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace mltf::ui {

namespace {

QToolButton *makeButton(QWidget *parent, QStyle::StandardPixmap icon, const QString &text, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setIcon(parent->style()->standardIcon(icon));
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

StringListEditor::StringListEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(makeButton(this, QStyle::SP_FileDialogNewFolder, tr("Add"), tr("Add an item (Insert)")))
    , m_remove(makeButton(this, QStyle::SP_TrashIcon, tr("Remove"), tr("Remove the selected item (Delete)")))
    , m_up(makeButton(this, QStyle::SP_ArrowUp, tr("Up"), tr("Move up (Ctrl+Up)")))
    , m_down(makeButton(this, QStyle::SP_ArrowDown, tr("Down"), tr("Move down (Ctrl+Down)")))
{
    m_add->setText(QStringLiteral("+"));
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_remove->setText(QStringLiteral("−"));
    m_remove->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_list->setUniformItemSizes(true);
    m_list->installEventFilter(this);
    const int rowHeight = m_list->fontMetrics().height() + 4;
    m_list->setMinimumHeight(rowHeight * 3 + 6);
    m_list->setMaximumHeight(rowHeight * 6 + 6);
    m_list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(0);
    for (QToolButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    setFocusProxy(m_list);

    connect(m_add, &QToolButton::clicked, this, &StringListEditor::addItem);
    connect(m_remove, &QToolButton::clicked, this, &StringListEditor::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_updating)
            return;
        markItem(item);
        emitEdited();
    });
}

QStringList StringListEditor::items() const
{
    QStringList result;
    for (int i = 0; i < m_list->count(); ++i)
        result.append(m_list->item(i)->text());
    return result;
}

void StringListEditor::setItems(const QStringList &items)
{
    if (items == this->items())
        return;
    m_updating = true;
    const int row = m_list->currentRow();
    m_list->clear();
    for (const QString &text : items) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        markItem(item);
    }
    if (row >= 0 && row < m_list->count())
        m_list->setCurrentRow(row);
    m_updating = false;
}

void StringListEditor::setItemValidator(std::function<QString(const QString &)> validator)
{
    m_validator = std::move(validator);
}

void StringListEditor::addItem()
{
    m_updating = true;
    auto *item = new QListWidgetItem(QString(), m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    item->setToolTip(m_placeholder);
    m_updating = false;
    m_list->setCurrentItem(item);
    m_list->editItem(item);
    // An empty new item is not part of the value until the user types something (see emitEdited).
}

void StringListEditor::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    emitEdited();
}

void StringListEditor::moveCurrent(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    m_updating = true;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    m_updating = false;
    emitEdited();
}

void StringListEditor::markItem(QListWidgetItem *item)
{
    const QString problem = m_validator ? m_validator(item->text()) : QString();
    item->setToolTip(problem.isEmpty() ? m_placeholder : problem);
    item->setIcon(problem.isEmpty() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
}

void StringListEditor::emitEdited()
{
    QStringList list;
    for (const QString &text : items()) {
        if (!text.trimmed().isEmpty())
            list.append(text.trimmed());
    }
    emit edited(list);
}

bool StringListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Insert) {
            addItem();
            return true;
        }
        if (key->key() == Qt::Key_Delete) {
            removeCurrent();
            return true;
        }
        if ((key->modifiers() & Qt::ControlModifier) && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveCurrent(key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace mltf::ui
