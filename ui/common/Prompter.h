#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QWidget;

namespace mltf::ui {

// The questions and messages an editor puts to the user, behind a virtual interface so widget tests can
// answer them without a modal dialog. The default implementation uses QMessageBox.
class Prompter
{
    Q_DECLARE_TR_FUNCTIONS(Prompter)

public:
    enum class SaveChoice { Save, Discard, Cancel };

    virtual ~Prompter() = default;

    // "Save changes to <what> before closing?" with the files named.
    virtual SaveChoice askSaveChanges(QWidget *parent, const QString &what, const QStringList &files);
    // A yes/no question; true when the user accepts with `acceptText`.
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText);
    virtual void showError(QWidget *parent, const QString &title, const QString &text);
};

} // namespace mltf::ui
