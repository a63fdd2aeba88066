#pragma once

#include "submit/SlurmHost.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace mltf::ui {

class StringListEditor;

// Edits every field of one SlurmHost. Emits edited() after each user change.
class SlurmHostForm : public QWidget
{
    Q_OBJECT
public:
    explicit SlurmHostForm(QWidget *parent = nullptr);

    void setHost(const submit::SlurmHost &host);
    submit::SlurmHost host() const;
    // Shows what is wrong with the host (SlurmHost::validate()), or nothing.
    void showProblem(const QString &problem);

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *hostField() const { return m_host; }
    QLineEdit *userField() const { return m_user; }
    QLineEdit *remoteBaseDirField() const { return m_remoteBaseDir; }
    QComboBox *modeBox() const { return m_mode; }
    QComboBox *launchModeBox() const { return m_launchMode; }
    StringListEditor *modulesEditor() const { return m_modules; }
    StringListEditor *partitionsEditor() const { return m_partitions; }
    StringListEditor *gpuTypesEditor() const { return m_gpuTypes; }

signals:
    void edited();

private:
    void updateEnabled();

    QLineEdit *m_name;
    QComboBox *m_mode;
    QLineEdit *m_host;
    QLineEdit *m_user;
    QSpinBox *m_port;
    QLineEdit *m_identityFile;
    StringListEditor *m_sshOptions;
    QLineEdit *m_remoteBaseDir;
    QComboBox *m_launchMode;
    QComboBox *m_envManager;
    StringListEditor *m_modules;
    QLineEdit *m_activation;
    StringListEditor *m_environment;
    StringListEditor *m_partitions;
    StringListEditor *m_gpuTypes;
    QLabel *m_problem;
    bool m_updating = false;
};

} // namespace mltf::ui
