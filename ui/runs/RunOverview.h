#pragma once

#include "runs/RunTab.h"

#include <QHash>

class QLabel;
class QTreeWidget;

namespace mltf::ui {

// The Overview tab: the run's attributes, its params, its latest metrics (with step) and its tags.
class RunOverview : public RunTab
{
    Q_OBJECT
public:
    explicit RunOverview(QWidget *parent = nullptr);

    void showRun(const std::shared_ptr<tracking::Store> &store, const tracking::Run &run) override;
    void clearRun() override;

    QTreeWidget *paramsView() const { return m_params; }
    QTreeWidget *metricsView() const { return m_metrics; }
    QTreeWidget *tagsView() const { return m_tags; }
    // The value shown for an attribute row ("Run ID", "Status" ...), for tests.
    QString attribute(const QString &label) const;

signals:
    // The user clicked the parent run link.
    void openRunRequested(const QString &runId);

private:
    enum class Field { RunId, Experiment, Status, User, Started, Ended, Duration, Source, Parent, Artifacts };
    void setField(Field field, const QString &text, const QString &toolTip = {});

    QHash<Field, QLabel *> m_values;
    QHash<QString, Field> m_fieldOfLabel;
    QTreeWidget *m_params;
    QTreeWidget *m_metrics;
    QTreeWidget *m_tags;
};

} // namespace mltf::ui
