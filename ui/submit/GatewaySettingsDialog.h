#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;

namespace mltf::ui {

// Settings › MLTF Gateway…: the gateway's address (Settings::GatewayUri), an http or https URL; empty means
// no gateway. OK stays disabled while the text is not a usable URL.
class GatewaySettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GatewaySettingsDialog(QWidget *parent = nullptr);

    // The saved gateway address, or an empty URL when none is set (or the saved text is unusable).
    static QUrl savedUrl();
    // Why `text` cannot be the gateway address, or empty when it can (empty text included: no gateway).
    static QString problemWith(const QString &text);

    QLineEdit *urlField() const { return m_url; }
    QPushButton *okButton() const { return m_ok; }
    QLabel *problemLabel() const { return m_problem; }

    void accept() override;

signals:
    void urlSaved(const QUrl &url);

private:
    void validate();

    QLineEdit *m_url;
    QLabel *m_problem;
    QPushButton *m_ok;
};

} // namespace mltf::ui
