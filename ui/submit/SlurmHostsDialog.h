#pragma once

#include "submit/SlurmHost.h"

#include <QDialog>
#include <QVector>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace mltf::ui {

class SlurmHostForm;

// Settings › SLURM Hosts: the host profiles of Settings::Key::SlurmHosts, listed, added, edited and removed.
// Saving checks every host with SlurmHost::validate() and refuses while one is wrong (showing which and why).
class SlurmHostsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SlurmHostsDialog(QWidget *parent = nullptr);

    QVector<submit::SlurmHost> hosts() const { return m_hosts; }
    QListWidget *list() const { return m_list; }
    SlurmHostForm *form() const { return m_form; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    // Validates every host; saves them to the settings and closes when all are fine.
    bool save();
    void accept() override;

public slots:
    void addHost();
    void removeCurrent();

signals:
    void hostsSaved(const QVector<mltf::submit::SlurmHost> &hosts);

private:
    void onCurrentRowChanged(int row);
    void onEdited();
    QString problemOf(int row) const;
    void updateState();

    QVector<submit::SlurmHost> m_hosts;
    QListWidget *m_list;
    SlurmHostForm *m_form;
    QLabel *m_empty;
    QPushButton *m_add;
    QPushButton *m_remove;
    QDialogButtonBox *m_buttons;
    int m_current = -1;
};

} // namespace mltf::ui
