#pragma once

#include <QCoreApplication>
#include <QString>

class QIcon;
class QWidget;

namespace mltf::ui {

// Marks a form field that has a diagnostic: line edits get a severity icon inside (with the message as its
// tooltip), every field gets the message in its tooltip. Severity follows project::Diagnostic::Severity.
class FieldMarker
{
    Q_DECLARE_TR_FUNCTIONS(FieldMarker)

public:
    enum class Level { None, Info, Warning, Error };

    static void mark(QWidget *field, Level level, const QString &message);
    static void clear(QWidget *field) { mark(field, Level::None, {}); }
    static Level level(const QWidget *field);
    static QIcon icon(Level level);
};

} // namespace mltf::ui
