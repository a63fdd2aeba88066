#pragma once

#include "project/Packer.h"
#include "project/Project.h"
#include "submit/SlurmHost.h"
#include "submit/SubmitRequest.h"
#include "submit/Submitter.h"

#include <QDateTime>
#include <QDialog>
#include <QPointer>
#include <QVector>

#include <atomic>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace mltf::tracking {
class Store;
}

namespace mltf::ui {

// Submits the open project as a task: entry point, parameter values (the MLproject's defaults, checked
// against their declared types), experiment, run name and target (a SLURM host from the settings, or the MLTF
// gateway once setGatewaySubmitter() gave one). The resources come from the project's slurm_config.json
// (SLURM) or gateway_config.json (gateway, whose warnings are shown before Submit). Shows the submitter's
// steps while it works; Cancel stops the submission. On success emits taskSubmitted and closes.
class SubmitDialog : public QDialog
{
    Q_OBJECT
public:
    SubmitDialog(const project::Project &project, submit::Submitter *submitter,
                 const QVector<submit::SlurmHost> &hosts, QWidget *parent = nullptr);
    ~SubmitDialog() override;

    // The tracking store experiments are looked up (and created) in; without one nothing can be submitted.
    void setStore(std::shared_ptr<tracking::Store> store);
    // Enables the "MLTF gateway" target, submitted through `gateway`; `tokenExpiresAt` is when the access
    // token the job would inherit expires (for the wall time warning; invalid: not checked).
    void setGatewaySubmitter(submit::Submitter *gateway, const QDateTime &tokenExpiresAt);
    bool isGatewayChosen() const;

    // What the form says now (experimentId is filled in when submitting).
    submit::SubmitRequest request() const;
    // Problems that keep the request from being sent, one per line; empty when it can be.
    QString problems() const;
    bool isSubmitting() const { return m_submitting; }

    QComboBox *entryPointBox() const { return m_entryPoint; }
    QLineEdit *parameterField(const QString &name) const;
    QComboBox *experimentBox() const { return m_experiment; }
    QLineEdit *runNameField() const { return m_runName; }
    QComboBox *targetBox() const { return m_target; }
    // The partition the task asks for: the project's, or one of the target host's presets.
    QComboBox *partitionBox() const { return m_partition; }
    QPushButton *submitButton() const { return m_submitButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QLabel *errorLabel() const { return m_error; }
    // What keeps Submit disabled (problems()), shown under the form.
    QLabel *problemsLabel() const { return m_problems; }
    QLabel *stepLabel() const { return m_step; }
    // The gateway's warnings for what the form says (GatewaySubmitter::warningsFor), when it is the target.
    QLabel *warningsLabel() const { return m_warnings; }

    // "Files… (N files, 12.3 MB)": shows or hides the packed file list, largest first (Packer::scan off the
    // UI thread), so a stray checkpoint is caught before it is sent.
    QPushButton *filesButton() const { return m_filesButton; }
    QTreeWidget *filesList() const { return m_files; }
    bool isScanningFiles() const { return m_scanning; }
    // The packer's options (size limit) for the preview, as the submitter packs; scans again.
    void setPackerOptions(const project::Packer::Options &options);

    // One line per resource of slurm_config.json ("Partition: gpu"), for the read-only summary.
    static QString resourcesSummary(const project::SlurmConfig &config, bool hasFile);

    // Starts from an earlier task's entry point, parameter values, host and experiment (Resubmit).
    void startFrom(const submit::Task &task);

public slots:
    void startSubmit();
    void reject() override;

signals:
    void taskSubmitted(const mltf::submit::Task &task);
    // The file list is up to date (isScanningFiles() is false).
    void filesScanned();

private:
    void fillEntryPoints();
    void rebuildParameters();
    void validate();
    QStringList resourceProblems() const;
    QString checkParameter(const QString &name, const QString &value) const;
    void fillPartitions();
    void showTargetResources();
    void loadExperiments();
    void resolveExperiment(const std::function<void(const QString &id)> &then);
    void setSubmitting(bool on);
    void showError(const Error &error);
    void connectSubmitter(submit::Submitter *submitter);
    submit::Submitter *chosenSubmitter() const;
    void onProgress(submit::Submitter::Step step, qint64 done, qint64 total);
    void onSubmitted(const submit::Task &task);
    void onFailed(const Error &error);
    void scanFiles();
    void showFiles(const Result<project::PackPlan> &plan);

    project::Project m_project;
    QPointer<submit::Submitter> m_submitter;
    QPointer<submit::Submitter> m_gateway;
    QPointer<submit::Submitter> m_active; // the one submitting
    QDateTime m_tokenExpiresAt;
    QVector<submit::SlurmHost> m_hosts;
    std::shared_ptr<tracking::Store> m_store;
    QComboBox *m_entryPoint;
    QGroupBox *m_parametersBox;
    QFormLayout *m_parameters;
    QComboBox *m_experiment;
    QLineEdit *m_runName;
    QComboBox *m_target;
    QComboBox *m_partition;
    QGroupBox *m_resourcesBox;
    QLabel *m_resources;
    QFormLayout *m_form;
    QLabel *m_step;
    QProgressBar *m_progress;
    QLabel *m_error;
    QLabel *m_problems;
    QLabel *m_warnings;
    QDialogButtonBox *m_buttons;
    QPushButton *m_submitButton;
    QPushButton *m_cancelButton;
    QList<QWidget *> m_inputs; // disabled while submitting
    bool m_submitting = false;
    bool m_resolving = false;    // looking up the experiment before the submitter starts
    int m_generation = 0;        // an experiment answer for an abandoned attempt is dropped
    QString m_startExperimentId; // startFrom(): named once the experiments are known
    QPushButton *m_filesButton;
    QTreeWidget *m_files;
    project::Packer::Options m_packerOptions;
    std::shared_ptr<std::atomic_bool> m_scanCancel; // set when a scan is abandoned (rescan, dialog closed)
    int m_scanGeneration = 0;                       // a scan answer for an abandoned scan is dropped
    bool m_scanning = false;
    QString m_packProblem; // the packer's refusal (over the size limit, unreadable files); blocks Submit
    // The project's error diagnostics per target, "file:line:column: error: message"; they block Submit.
    QStringList m_slurmErrors;
    QStringList m_gatewayErrors;
};

} // namespace mltf::ui
