#pragma once

#include <QDateTime>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QToolButton;

namespace mltf::ui {

// The strip above the runs browser: the tracking URI (editable) and where it comes from, the connection
// state, the last refresh time, a Refresh action (F5) and a warning when TLS certificate checks are off.
class ConnectionBar : public QWidget
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Failed };

    explicit ConnectionBar(QWidget *parent = nullptr);

    // Shows `text` in the URI field and `origin` ("from MLFLOW_TRACKING_URI") next to it.
    void setUri(const QString &text, const QString &origin);
    QString uriText() const;
    QString origin() const;

    void setConnecting();
    // `summary`: "2 experiments".
    void setConnected(const QString &summary);
    // `message` for people, `detail` in the tooltip.
    void setFailed(const QString &message, const QString &detail = {});
    State state() const { return m_state; }
    QString stateText() const;

    void setLastRefresh(const QDateTime &when);
    void setInsecureTlsWarningVisible(bool visible);
    bool isInsecureTlsWarningVisible() const;

    QAction *refreshAction() const { return m_refresh; }

signals:
    // The user entered a URI (Return or Connect) or picked a folder.
    void uriEntered(const QString &text);
    void refreshRequested();

private:
    void setState(State state, const QString &text, const QString &detail);
    void chooseFolder();

    State m_state = State::Disconnected;
    QLineEdit *m_uri;
    QLabel *m_origin;
    QLabel *m_stateDot;
    QLabel *m_stateText;
    QLabel *m_lastRefresh;
    QLabel *m_tlsWarning;
    QAction *m_refresh;
};

} // namespace mltf::ui
