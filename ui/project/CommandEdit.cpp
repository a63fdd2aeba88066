#include "project/CommandEdit.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>

namespace mltf::ui {

CommandEdit::CommandEdit(QWidget *parent)
    : QPlainTextEdit(parent), m_completer(new QCompleter(this)), m_model(new QStringListModel(this))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFixedHeight(fontMetrics().lineSpacing() * 3 + 2 * frameWidth() + 10);
    m_completer->setModel(m_model);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &CommandEdit::insertCompletion);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_updating)
            emit commandEdited(toPlainText());
    });
}

void CommandEdit::setPlaceholders(const QStringList &names)
{
    if (m_model->stringList() != names)
        m_model->setStringList(names);
}

void CommandEdit::setCommand(const QString &command)
{
    if (command == toPlainText())
        return;
    m_updating = true;
    setPlainText(command);
    m_updating = false;
}

QString CommandEdit::placeholderPrefix() const
{
    const QTextCursor cursor = textCursor();
    const QString before = cursor.block().text().left(cursor.positionInBlock());
    const int brace = int(before.lastIndexOf(QLatin1Char('{')));
    if (brace < 0)
        return {};
    if (brace > 0 && before.at(brace - 1) == QLatin1Char('{'))
        return {}; // "{{" is a literal brace for str.format
    const QString prefix = before.mid(brace + 1);
    for (QChar c : prefix) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.')))
            return {};
    }
    return prefix.isNull() ? QStringLiteral("") : prefix;
}

void CommandEdit::insertCompletion(const QString &name)
{
    const QString prefix = placeholderPrefix();
    if (prefix.isNull())
        return;
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(prefix.size()));
    const bool closed = cursor.block().text().mid(textCursor().positionInBlock()).startsWith(QLatin1Char('}'));
    cursor.insertText(closed ? name : name + QLatin1Char('}'));
    setTextCursor(cursor);
}

void CommandEdit::updatePopup()
{
    const QString prefix = placeholderPrefix();
    if (prefix.isNull() || m_model->rowCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    if (prefix != m_completer->completionPrefix()) {
        m_completer->setCompletionPrefix(prefix);
        m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    }
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) +
                  m_completer->popup()->verticalScrollBar()->sizeHint().width() + 8);
    m_completer->complete(rect);
}

void CommandEdit::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore(); // the completer takes these
            return;
        default:
            break;
        }
    }
    const bool force = event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier);
    if (!force)
        QPlainTextEdit::keyPressEvent(event);
    const bool typing = !event->text().isEmpty() || event->key() == Qt::Key_Backspace;
    if (force || typing)
        updatePopup();
}

void CommandEdit::focusInEvent(QFocusEvent *event)
{
    m_completer->setWidget(this);
    QPlainTextEdit::focusInEvent(event);
}

} // namespace mltf::ui
