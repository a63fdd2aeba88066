#include "common/FieldMarker.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QStyle>
#include <QVariant>
#include <QWidget>

namespace mltf::ui {

namespace {

const char *const LevelProperty = "mltfFieldLevel";
const char *const BaseToolTipProperty = "mltfBaseToolTip";
const char *const ActionName = "mltfFieldMarker";

} // namespace

QIcon FieldMarker::icon(Level level)
{
    QStyle *style = QApplication::style();
    switch (level) {
    case Level::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Level::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Level::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case Level::None:
        break;
    }
    return {};
}

FieldMarker::Level FieldMarker::level(const QWidget *field)
{
    return Level(field->property(LevelProperty).toInt());
}

void FieldMarker::mark(QWidget *field, Level level, const QString &message)
{
    if (!field)
        return;
    const QString current = field->property(LevelProperty).isValid() ? field->toolTip() : QString();
    if (level == FieldMarker::level(field) && (level == Level::None || current.endsWith(message)))
        return; // unchanged: avoid churn while the user types
    if (!field->property(BaseToolTipProperty).isValid())
        field->setProperty(BaseToolTipProperty, field->toolTip());
    const QString base = field->property(BaseToolTipProperty).toString();
    field->setProperty(LevelProperty, int(level));
    field->setToolTip(level == Level::None ? base
                                           : (base.isEmpty() ? message : base + QStringLiteral("\n\n") + message));
    if (auto *edit = qobject_cast<QLineEdit *>(field)) {
        QAction *action = nullptr;
        const QList<QAction *> actions = edit->actions();
        for (QAction *a : actions) {
            if (a->objectName() == QLatin1String(ActionName))
                action = a;
        }
        if (level == Level::None) {
            delete action;
            return;
        }
        if (!action) {
            action = edit->addAction(icon(level), QLineEdit::TrailingPosition);
            action->setObjectName(QLatin1String(ActionName));
        }
        action->setIcon(icon(level));
        action->setToolTip(message);
    }
}

} // namespace mltf::ui
