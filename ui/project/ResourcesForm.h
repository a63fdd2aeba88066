#pragma once

#include "project/ProjectForm.h"
#include "project/ProjectValues.h"

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLineEdit;
class QSpinBox;

namespace mltf::ui {

class StringListEditor;

// The resources a training job asks for, in one of two vocabularies: mlflow-slurm's slurm_config.json or
// the MLTF gateway's gateway_config.json. Choosing the vocabulary also sets the diagnostics target (the
// gateway needs defaults for every parameter). Fields the chosen vocabulary lacks are hidden.
class ResourcesForm : public ProjectForm
{
    Q_OBJECT
public:
    explicit ResourcesForm(ProjectDocument *document, QWidget *parent = nullptr);

    QList<project::ProjectFileKind> files() const override;
    bool isGateway() const;

protected:
    void refreshFields() override;

private:
    // A resource value that exists in both vocabularies: reads and writes the one in use.
    struct SharedField
    {
        QString slurmKey;
        QString gatewayKey;
        QString project::SlurmConfig::*slurm;
        QString project::GatewayConfig::*gateway;
    };

    void editValues(const std::function<void(ProjectValues &)> &change, const QString &description,
                    const QString &mergeKey = {});
    QLineEdit *addLineEdit(QFormLayout *form, const QString &label, const QString &objectName,
                           const QString &pattern, const SharedField &field);
    QSpinBox *addSpinBox(QFormLayout *form, const QString &label, const QString &objectName, int maximum,
                         const SharedField &field);
    void setRowVisible(QWidget *field, bool visible);
    void setGpu(const QString &type, int count);

    QComboBox *m_vocabulary;
    QList<std::pair<QWidget *, SharedField>> m_sharedFields;
    QLineEdit *m_gpuType;
    QSpinBox *m_gpuCount;
    QLineEdit *m_memory;
    QLineEdit *m_time;
    StringListEditor *m_modules;
    StringListEditor *m_environment;
    QLineEdit *m_mailUser;
    QComboBox *m_mailType;
    QCheckBox *m_exclusive;
    QCheckBox *m_debug;
    QList<QFormLayout *> m_forms;
    QGroupBox *m_mailBox = nullptr;
    std::optional<bool> m_validatorsForGateway; // which vocabulary the memory/time validators are for
};

} // namespace mltf::ui
