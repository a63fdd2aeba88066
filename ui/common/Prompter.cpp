#include "common/Prompter.h"

#include <QMessageBox>
#include <QPushButton>

namespace mltf::ui {

Prompter::SaveChoice Prompter::askSaveChanges(QWidget *parent, const QString &what, const QStringList &files)
{
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                    tr("Save the changes to %1 before closing?").arg(what), QMessageBox::NoButton, parent);
    box.setInformativeText(tr("Modified: %1").arg(files.join(QStringLiteral(", "))));
    QPushButton *save = box.addButton(QMessageBox::Save);
    QPushButton *discard = box.addButton(tr("&Discard Changes"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(save);
    box.exec();
    if (box.clickedButton() == save)
        return SaveChoice::Save;
    if (box.clickedButton() == discard)
        return SaveChoice::Discard;
    return SaveChoice::Cancel;
}

bool Prompter::confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(accept);
    box.exec();
    return box.clickedButton() == accept;
}

void Prompter::showError(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

} // namespace mltf::ui
